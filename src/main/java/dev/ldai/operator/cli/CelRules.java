package dev.ldai.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code x-kubernetes-validations} of one schema node, compiled with CEL. Transition rules (those that
 * read {@code oldSelf}) are left out: a manifest checked offline is a create, which has no old object.
 *
 * <p>Values are what {@link StructuralSchema} makes of the manifest: maps, lists, {@code Long} for integers
 * (CEL's int64), {@code Double} for numbers, strings, booleans and CEL's null.
 */
final class CelRules {

  static final CelRules NONE = new CelRules(List.of());

  // As kube-apiserver's CEL environment: int and double compare with each other; the strings extension.
  private static final Cel CEL = CelFactory.standardCelBuilder()
      .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addCompilerLibraries(CelExtensions.strings())
      .addRuntimeLibraries(CelExtensions.strings())
      .addVar("self", SimpleType.DYN)
      .addVar("oldSelf", SimpleType.DYN)
      .build();

  private record Rule(String rule, String message, Program program, Program messageExpression, String fieldPath) {

    /** The rule's message; else the text of its messageExpression; else the rule itself, as the API server says it. */
    String messageFor(Object self) {
      String fallback = message != null ? message : "failed rule: " + rule;
      if (messageExpression == null) {
        return fallback;
      }
      try {
        return messageExpression.eval(Map.of("self", self)) instanceof String text && !text.isBlank() ? text : fallback;
      } catch (CelEvaluationException e) {
        return fallback; // as the API server does when a messageExpression fails
      }
    }
  }

  private final List<Rule> rules;

  private CelRules(List<Rule> rules) {
    this.rules = rules;
  }

  /** The rules of {@code validations} (an {@code x-kubernetes-validations} list) at schema path {@code where}. */
  static CelRules compile(JsonNode validations, String where) {
    if (validations == null || validations.isEmpty()) {
      return NONE;
    }
    List<Rule> rules = new ArrayList<>();
    for (JsonNode validation : validations) {
      String rule = validation.path("rule").asText();
      CelAbstractSyntaxTree ast = ast(rule, where);
      if (readsOldSelf(ast)) {
        continue;
      }
      JsonNode messageExpression = validation.get("messageExpression");
      rules.add(new Rule(rule, text(validation.get("message")), program(ast, where),
          messageExpression == null ? null : program(ast(messageExpression.asText(), where), where),
          text(validation.get("fieldPath"))));
    }
    return rules.isEmpty() ? NONE : new CelRules(List.copyOf(rules));
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The violations of the rules by {@code self}, the value of the field at {@code path}. */
  List<Violation> evaluate(Object self, String path) {
    List<Violation> violations = new ArrayList<>();
    for (Rule rule : rules) {
      String field = rule.fieldPath() == null ? path : path + rule.fieldPath();
      try {
        Object result = rule.program().eval(Map.of("self", self));
        if (!(result instanceof Boolean)) {
          violations.add(new Violation(field, "rule did not evaluate to a boolean: " + rule.rule()));
        } else if (!(Boolean) result) {
          violations.add(new Violation(field, rule.messageFor(self)));
        }
      } catch (CelEvaluationException e) {
        violations.add(new Violation(field, e.getMessage() + " evaluating rule: " + rule.messageFor(self)));
      }
    }
    return violations;
  }

  private static CelAbstractSyntaxTree ast(String expression, String where) {
    CelValidationResult result = CEL.compile(expression);
    try {
      return result.getAst();
    } catch (CelValidationException e) {
      throw new IllegalArgumentException("The CEL rule at " + where + " does not compile: " + expression + ": "
          + result.getErrorString(), e);
    }
  }

  private static Program program(CelAbstractSyntaxTree ast, String where) {
    try {
      return CEL.createProgram(ast);
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException("The CEL rule at " + where + " cannot be evaluated", e);
    }
  }

  private static boolean readsOldSelf(CelAbstractSyntaxTree ast) {
    return CelNavigableAst.fromAst(ast).getRoot().allNodes()
        .anyMatch(node -> node.getKind() == CelExpr.ExprKind.Kind.IDENT && node.expr().ident().name().equals("oldSelf"));
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
