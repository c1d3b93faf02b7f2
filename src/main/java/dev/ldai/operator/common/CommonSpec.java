package dev.ldai.operator.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Spec fields of the kinds whose LaunchDarkly object has a key of its own, which they may create or adopt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class CommonSpec extends ManagedSpec {

  @Pattern(Keys.PATTERN)
  @Size(min = 1, max = 256)
  @JsonPropertyDescription(
      "Key of the object in LaunchDarkly. Defaults to metadata.name; immutable once set.")
  private String key;

  @Default("Never")
  @JsonPropertyDescription(
      "Never refuses a key that already exists in LaunchDarkly; Adopt takes the object over.")
  private AdoptionPolicy adoptionPolicy;

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public AdoptionPolicy getAdoptionPolicy() {
    return adoptionPolicy;
  }

  public void setAdoptionPolicy(AdoptionPolicy adoptionPolicy) {
    this.adoptionPolicy = adoptionPolicy;
  }
}
