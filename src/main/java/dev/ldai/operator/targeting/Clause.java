package dev.ldai.operator.targeting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** A condition of a rule: the context attribute, an operator, and the values it is compared with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Clause {

  @JsonPropertyDescription("The context kind whose attribute is tested; user when absent.")
  private String contextKind;

  @Required
  @JsonPropertyDescription("The context attribute, e.g. country or email.")
  private String attribute;

  @Required
  @JsonPropertyDescription("LaunchDarkly's operator, lower-case: in, endsWith, startsWith, matches, contains, lessThan, ...")
  private String op;

  @Required
  @JsonPropertyDescription("The values: strings, numbers or dates, as the operator takes them.")
  private List<JsonNode> values;

  @JsonPropertyDescription("True to match when the clause does not.")
  private Boolean negate;

  public String getContextKind() {
    return contextKind;
  }

  public void setContextKind(String contextKind) {
    this.contextKind = contextKind;
  }

  public String getAttribute() {
    return attribute;
  }

  public void setAttribute(String attribute) {
    this.attribute = attribute;
  }

  public String getOp() {
    return op;
  }

  public void setOp(String op) {
    this.op = op;
  }

  public List<JsonNode> getValues() {
    return values;
  }

  public void setValues(List<JsonNode> values) {
    this.values = values;
  }

  public Boolean getNegate() {
    return negate;
  }

  public void setNegate(Boolean negate) {
    this.negate = negate;
  }
}
