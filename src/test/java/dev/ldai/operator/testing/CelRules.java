package dev.ldai.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code x-kubernetes-validations} half of CRD admission, with CEL for Java.
 *
 * <p>Like the API server, {@code self} is the value of the node the rule sits on (the whole object at the
 * root, limited to {@code apiVersion}, {@code kind}, {@code metadata.name/generateName} and the schema's
 * properties), {@code oldSelf} its correlated old value; a rule that mentions {@code oldSelf} is a
 * transition rule, evaluated only on update and only where an old value exists. Absent fields are absent
 * map keys, so {@code has(self.x)} is false for them. Objects are correlated by property name and maps by
 * key; items of (atomic) lists have no old value.
 *
 * <p>Variables are declared {@code dyn}, so the checker cannot know the schema; instead, after compiling,
 * every field selection rooted at {@code self}/{@code oldSelf} (also through comprehension variables) is
 * checked against the schema, which catches typos such as {@code has(self.kye)} as the API server's typed
 * compilation would ({@code undefined field 'kye'}). Property names are escaped as the API server does
 * ({@code __dash__}, reserved words as {@code __namespace__}, ...).
 *
 * <p>Available beyond standard CEL: the strings, sets, encoders, bindings and optional extensions, which
 * the API server also offers, and from Kubernetes' list library {@code sum()} of a list of integers. Other
 * Kubernetes-only functions (quantity, url, ip, cidr, format, {@code isSorted/indexOf}, regex
 * {@code find}) are not: a rule using them fails to compile here, which points at this class rather than
 * passing unchecked.
 */
final class CelRules {

  private static final CelOptions OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true).enableUnsignedLongs(true).build();

  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .addCompilerLibraries(
              CelExtensions.strings(),
              CelExtensions.sets(OPTIONS),
              CelExtensions.encoders(),
              CelExtensions.bindings(),
              CelExtensions.optional())
          .addRuntimeLibraries(
              CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.encoders(), CelExtensions.optional())
          // Rules see the schema as dyn (see above): the sum of a list(dyn) stands in for list(int).
          .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration("sum",
              CelOverloadDecl.newMemberOverload("list_sum", SimpleType.DYN, ListType.create(SimpleType.DYN))))
          .addFunctionBindings(CelFunctionBinding.from("list_sum", List.class, CelRules::sum))
          .build();

  /** Kubernetes' {@code sum()} of a list of integers (the only kind the CRDs sum). */
  private static Long sum(List<?> values) {
    return values.stream().mapToLong(value -> ((Number) value).longValue()).sum();
  }

  private static final Set<String> RESERVED =
      Set.of(
          "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
          "import", "let", "loop", "package", "namespace", "return", "var", "void", "while");

  /** A compiled rule and where it sits. */
  record Compiled(
      String kind,
      String path,
      SchemaNode.RuleSpec spec,
      String schemaType,
      boolean transition,
      CelRuntime.Program program,
      CelRuntime.Program messageProgram) {}

  private final SchemaNode root;
  private final SchemaNode rootView;
  private final Map<SchemaNode, List<Compiled>> byNode = new IdentityHashMap<>();
  private final List<Compiled> all = new ArrayList<>();

  private CelRules(SchemaNode root) {
    this.root = root;
    this.rootView = root.asCelRoot();
  }

  /** Compiles every rule of the schema; problems are added to {@code problems} (none: all compiled). */
  static CelRules compile(String kind, SchemaNode root, List<String> problems) {
    CelRules rules = new CelRules(root);
    rules.compileTree(kind, root, "", true, problems);
    return rules;
  }

  List<Compiled> all() {
    return List.copyOf(all);
  }

  private void compileTree(String kind, SchemaNode node, String path, boolean isRoot, List<String> problems) {
    if (node == null) {
      return;
    }
    SchemaNode selfSchema = isRoot ? rootView : node;
    List<Compiled> compiled = new ArrayList<>();
    for (SchemaNode.RuleSpec spec : node.rules) {
      String where = kind + " " + FieldError.path(path) + " rule " + Json.goQuote(spec.rule());
      try {
        CelAbstractSyntaxTree ast = compileExpression(spec.rule(), selfSchema, CelKind.BOOL, where, problems);
        CelAbstractSyntaxTree messageAst =
            spec.messageExpression() == null
                ? null
                : compileExpression(spec.messageExpression(), selfSchema, CelKind.STRING, where + " messageExpression", problems);
        if (spec.reason() != null
            && !Set.of("FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate").contains(spec.reason())) {
          problems.add(where + ": unknown reason " + Json.goQuote(spec.reason()));
        }
        if (ast == null || (spec.messageExpression() != null && messageAst == null)) {
          continue;
        }
        compiled.add(
            new Compiled(
                kind,
                path,
                spec,
                node.type == null ? "" : node.type,
                mentionsOldSelf(ast.getExpr()),
                CEL.createProgram(ast),
                messageAst == null ? null : CEL.createProgram(messageAst)));
      } catch (CelEvaluationException e) {
        problems.add(where + ": cannot be planned: " + e.getMessage());
      }
    }
    if (!compiled.isEmpty()) {
      byNode.put(node, compiled);
      all.addAll(compiled);
    }
    for (Map.Entry<String, SchemaNode> property : node.properties.entrySet()) {
      compileTree(kind, property.getValue(), SchemaValidator.child(path, property.getKey()), false, problems);
    }
    compileTree(kind, node.additionalProperties, path + "[*]", false, problems);
    compileTree(kind, node.items, path + "[*]", false, problems);
  }

  private static CelAbstractSyntaxTree compileExpression(
      String expression, SchemaNode selfSchema, CelKind expected, String where, List<String> problems) {
    CelValidationResult result = CEL.compile(expression);
    if (result.hasError()) {
      problems.add(where + ": compilation failed: " + result.getErrorString());
      return null;
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = result.getAst();
    } catch (dev.cel.common.CelValidationException e) {
      problems.add(where + ": compilation failed: " + e.getMessage());
      return null;
    }
    List<String> issues = new ArrayList<>();
    Map<String, SchemaNode> scope = new HashMap<>();
    scope.put("self", selfSchema);
    scope.put("oldSelf", selfSchema);
    check(ast.getExpr(), scope, issues);
    CelKind kind = ast.getResultType().kind();
    if (kind != expected && kind != CelKind.DYN) {
      issues.add("must evaluate to " + expected.name().toLowerCase() + ", not " + ast.getResultType().name());
    }
    if (!issues.isEmpty()) {
      problems.add(where + ": compilation failed: " + String.join("; ", issues));
      return null;
    }
    return ast;
  }

  // ---------------------------------------------------------------------------------------------
  // Checking field selections against the schema

  /** The schema of what {@code e} evaluates to, when it is known to be a schema node; else null. */
  private static SchemaNode check(CelExpr e, Map<String, SchemaNode> scope, List<String> issues) {
    switch (e.getKind()) {
      case IDENT:
        return scope.get(e.ident().name());
      case SELECT:
        {
          SchemaNode operand = check(e.select().operand(), scope, issues);
          return operand == null ? null : field(operand, e.select().field(), issues);
        }
      case CALL:
        {
          e.call().target().ifPresent(t -> check(t, scope, issues));
          List<SchemaNode> args = new ArrayList<>();
          for (CelExpr arg : e.call().args()) {
            args.add(check(arg, scope, issues));
          }
          if (e.call().function().equals("_[_]") && args.get(0) != null) {
            SchemaNode container = args.get(0);
            return container.items != null ? container.items : container.additionalProperties;
          }
          return null;
        }
      case LIST:
        e.list().elements().forEach(el -> check(el, scope, issues));
        return null;
      case MAP:
        e.map()
            .entries()
            .forEach(
                entry -> {
                  check(entry.key(), scope, issues);
                  check(entry.value(), scope, issues);
                });
        return null;
      case STRUCT:
        e.struct().entries().forEach(entry -> check(entry.value(), scope, issues));
        return null;
      case COMPREHENSION:
        {
          CelExpr.CelComprehension c = e.comprehension();
          SchemaNode range = check(c.iterRange(), scope, issues);
          check(c.accuInit(), scope, issues);
          Map<String, SchemaNode> inner = new HashMap<>(scope);
          inner.remove(c.accuVar());
          inner.remove(c.iterVar());
          if (c.iterVar2() != null && !c.iterVar2().isEmpty()) {
            inner.remove(c.iterVar2());
          }
          if (range != null && range.items != null) {
            // over a list: the (first) variable is an item; with two variables, index and item
            inner.put(c.iterVar2() == null || c.iterVar2().isEmpty() ? c.iterVar() : c.iterVar2(), range.items);
          } else if (range != null && range.additionalProperties != null && c.iterVar2() != null && !c.iterVar2().isEmpty()) {
            inner.put(c.iterVar2(), range.additionalProperties);
          }
          check(c.loopCondition(), inner, issues);
          check(c.loopStep(), inner, issues);
          check(c.result(), inner, issues);
          return null;
        }
      default:
        return null;
    }
  }

  private static SchemaNode field(SchemaNode operand, String field, List<String> issues) {
    if (operand.isObjectLike() || (operand.type == null && operand.preserveUnknownFields)) {
      for (Map.Entry<String, SchemaNode> property : operand.properties.entrySet()) {
        if (field.equals(escape(property.getKey()))) {
          return property.getValue();
        }
      }
      if (operand.additionalProperties != null) {
        return operand.additionalProperties;
      }
      if (!operand.keepsUnknownFields()) {
        issues.add("undefined field '" + field + "'");
      }
      return null;
    }
    if (operand.type != null) {
      issues.add("type '" + celTypeName(operand) + "' does not support field selection (." + field + ")");
    }
    return null;
  }

  private static String celTypeName(SchemaNode node) {
    return switch (node.type) {
      case "integer" -> "int";
      case "number" -> "double";
      case "boolean" -> "bool";
      case "array" -> "list";
      default -> node.type;
    };
  }

  private static boolean mentionsOldSelf(CelExpr e) {
    return switch (e.getKind()) {
      case IDENT -> e.ident().name().equals("oldSelf");
      case SELECT -> mentionsOldSelf(e.select().operand());
      case CALL ->
          e.call().target().map(CelRules::mentionsOldSelf).orElse(false)
              || e.call().args().stream().anyMatch(CelRules::mentionsOldSelf);
      case LIST -> e.list().elements().stream().anyMatch(CelRules::mentionsOldSelf);
      case MAP -> e.map().entries().stream().anyMatch(en -> mentionsOldSelf(en.key()) || mentionsOldSelf(en.value()));
      case STRUCT -> e.struct().entries().stream().anyMatch(en -> mentionsOldSelf(en.value()));
      case COMPREHENSION -> {
        CelExpr.CelComprehension c = e.comprehension();
        yield mentionsOldSelf(c.iterRange())
            || mentionsOldSelf(c.accuInit())
            || mentionsOldSelf(c.loopCondition())
            || mentionsOldSelf(c.loopStep())
            || mentionsOldSelf(c.result());
      }
      default -> false;
    };
  }

  /**
   * The name under which CEL sees a property, as the API server escapes it; {@code null} when the name
   * cannot be accessed from CEL at all.
   */
  static String escape(String name) {
    if (RESERVED.contains(name)) {
      return "__" + name + "__";
    }
    if (name.isEmpty() || !name.matches("[a-zA-Z_.\\-/][a-zA-Z0-9_.\\-/]*")) {
      return null;
    }
    return name.replace("__", "__underscores__").replace(".", "__dot__").replace("-", "__dash__").replace("/", "__slash__");
  }

  // ---------------------------------------------------------------------------------------------
  // Evaluation

  /**
   * Evaluates every rule on {@code object} (and, for an update, against {@code old}). Failures of rules
   * on unchanged values that do not use {@code oldSelf} go to {@code warnings} instead (ratcheting).
   */
  List<FieldError> validate(JsonNode object, JsonNode old, List<String> warnings) {
    List<FieldError> errors = new ArrayList<>();
    walk(object, root, "", old, old != null, true, errors, warnings);
    return errors;
  }

  private void walk(
      JsonNode value,
      SchemaNode schema,
      String path,
      JsonNode old,
      boolean update,
      boolean isRoot,
      List<FieldError> errors,
      List<String> warnings) {
    if (schema == null || value == null || value.isNull()) {
      return;
    }
    List<Compiled> rules = byNode.getOrDefault(schema, List.of());
    if (!rules.isEmpty()) {
      SchemaNode view = isRoot ? rootView : schema;
      Object self = toCel(value, view);
      Object oldSelf = old == null || old.isNull() ? null : toCel(old, view);
      boolean unchanged = update && old != null && old.equals(value);
      for (Compiled rule : rules) {
        if (rule.transition() && oldSelf == null) {
          continue; // transition rules need an old value
        }
        Map<String, Object> activation = new HashMap<>();
        activation.put("self", self);
        if (oldSelf != null) {
          activation.put("oldSelf", oldSelf);
        }
        FieldError error = evaluate(rule, activation, path);
        if (error == null) {
          continue;
        }
        if (unchanged && !rule.transition()) {
          warnings.add(error.toString());
        } else {
          errors.add(error);
        }
      }
    }
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (isRoot && SchemaValidator.ROOT_FIELDS.contains(field.getKey())) {
          continue;
        }
        SchemaNode property = schema.properties.get(field.getKey());
        if (property == null) {
          property = schema.additionalProperties;
        }
        JsonNode oldField = old != null && old.isObject() ? old.get(field.getKey()) : null;
        walk(field.getValue(), property, SchemaValidator.child(path, field.getKey()), oldField, update, false, errors, warnings);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), schema.items, SchemaValidator.index(path, i), null, update, false, errors, warnings);
      }
    }
  }

  private static FieldError evaluate(Compiled rule, Map<String, Object> activation, String path) {
    String errorPath = path;
    if (rule.spec().fieldPath() != null) {
      String relative = rule.spec().fieldPath().replaceAll("\\['([^']*)'\\]", ".$1");
      errorPath = SchemaValidator.child(path, relative.startsWith(".") ? relative.substring(1) : relative);
    }
    Object result;
    try {
      result = rule.program().eval(activation);
    } catch (CelEvaluationException e) {
      return FieldError.invalid(errorPath, Json.goQuote(rule.schemaType()), staticMessage(rule) + ": " + e.getMessage());
    }
    if (!(result instanceof Boolean)) {
      return FieldError.invalid(
          errorPath, Json.goQuote(rule.schemaType()), staticMessage(rule) + ": rule did not evaluate to a bool but " + result);
    }
    if ((Boolean) result) {
      return null;
    }
    String message = message(rule, activation);
    String reason = rule.spec().reason() == null ? "FieldValueInvalid" : rule.spec().reason();
    return switch (reason) {
      case "FieldValueForbidden" -> FieldError.forbidden(errorPath, message);
      case "FieldValueRequired" -> FieldError.required(errorPath, message);
      case "FieldValueDuplicate" -> FieldError.duplicate(errorPath, Json.goQuote(rule.schemaType()), message);
      default -> FieldError.invalid(errorPath, Json.goQuote(rule.schemaType()), message);
    };
  }

  /** {@code messageExpression} when it yields a usable string, else {@code message}, else the rule. */
  private static String message(Compiled rule, Map<String, Object> activation) {
    if (rule.messageProgram() != null) {
      try {
        Object message = rule.messageProgram().eval(activation);
        if (message instanceof String text && !text.isBlank() && !text.contains("\n") && text.length() <= 5000) {
          return text;
        }
      } catch (CelEvaluationException e) {
        // the API server falls back to the static message as well (and logs the failure)
      }
    }
    return staticMessage(rule);
  }

  private static String staticMessage(Compiled rule) {
    String message = rule.spec().message();
    return message == null || message.isBlank() ? "failed rule: " + rule.spec().rule().strip() : message.strip();
  }

  /** A JSON value as CEL sees it through {@code schema}: maps, lists, String, Long, Double, Boolean, null. */
  static Object toCel(JsonNode value, SchemaNode schema) {
    if (value.isNull()) {
      return NullValue.NULL_VALUE;
    }
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        SchemaNode property = schema == null ? null : schema.properties.get(field.getKey());
        if (property != null) {
          String name = escape(field.getKey());
          if (name != null) {
            map.put(name, toCel(field.getValue(), property));
          }
        } else if (schema != null && schema.additionalProperties != null) {
          map.put(field.getKey(), toCel(field.getValue(), schema.additionalProperties));
        } else if (schema == null || schema.keepsUnknownFields()) {
          map.put(field.getKey(), toCel(field.getValue(), null));
        }
        // else: not part of the object CEL sees (e.g. metadata.labels at the root)
      }
      return map;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>(value.size());
      SchemaNode items = schema == null ? null : schema.items;
      value.forEach(item -> list.add(toCel(item, items)));
      return list;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      String type = schema == null ? null : schema.type;
      if ("number".equals(type)) {
        return value.doubleValue();
      }
      if ("integer".equals(type) || value.isIntegralNumber()) {
        return value.longValue();
      }
      return value.doubleValue();
    }
    throw new IllegalArgumentException("Not a JSON value: " + value);
  }
}
