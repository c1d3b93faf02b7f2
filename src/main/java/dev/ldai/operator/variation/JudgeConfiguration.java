package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The judges attached to a variation; an empty list removes them all. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JudgeConfiguration {

  @JsonPropertyDescription("Judges of this variation.")
  @Size(max = 50)
  private List<Judge> judges;

  public List<Judge> getJudges() {
    return judges;
  }

  public void setJudges(List<Judge> judges) {
    this.judges = judges;
  }
}
