package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A judge config that evaluates the variation's output. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Judge {

  @Required
  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Key of the judge AI Config.")
  private String judgeConfigKey;

  @Required
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("Share of evaluations the judge samples, from 0.0 to 1.0.")
  private Double samplingRate;

  public Judge() {}

  public Judge(String judgeConfigKey, Double samplingRate) {
    this.judgeConfigKey = judgeConfigKey;
    this.samplingRate = samplingRate;
  }

  public String getJudgeConfigKey() {
    return judgeConfigKey;
  }

  public void setJudgeConfigKey(String judgeConfigKey) {
    this.judgeConfigKey = judgeConfigKey;
  }

  public Double getSamplingRate() {
    return samplingRate;
  }

  public void setSamplingRate(Double samplingRate) {
    this.samplingRate = samplingRate;
  }
}
