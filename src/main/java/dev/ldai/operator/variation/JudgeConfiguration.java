package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The judges attached to a variation; an empty list removes them all. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JudgeConfiguration {

  @JsonPropertyDescription("Judges of this variation.")
  private List<Judge> judges;

  public List<Judge> getJudges() {
    return judges;
  }

  public void setJudges(List<Judge> judges) {
    this.judges = judges;
  }
}
