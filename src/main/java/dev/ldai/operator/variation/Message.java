package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A prompt message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Message {

  @Required
  @Size(min = 1, max = 64)
  @JsonPropertyDescription("Role of the message: system, user, assistant, ...")
  private String role;

  @Required
  @Size(max = 100_000)
  @JsonPropertyDescription("Content of the message; may use LaunchDarkly's {{ variables }}.")
  private String content;

  public Message() {}

  public Message(String role, String content) {
    this.role = role;
    this.content = content;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public String getContent() {
    return content;
  }

  public void setContent(String content) {
    this.content = content;
  }
}
