package dev.ldai.operator.snippet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.Maintained;
import dev.ldai.operator.common.ProjectScoped;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * LaunchDarkly's {@code PromptSnippetPost} / {@code PromptSnippetPatch}; every change is a new version of
 * the snippet. Prompts include it as {@code {{snippet.KEY}}} (following it) or {@code {{snippet.KEY#VERSION}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.key) == has(oldSelf.key) && (!has(self.key) || self.key == oldSelf.key)",
    message = "key is immutable")
@ValidationRule(
    value = "!(has(self.maintainerId) && has(self.maintainerTeamKey))",
    message = "set at most one of maintainerId and maintainerTeamKey")
public class PromptSnippetSpec extends CommonSpec implements ProjectScoped, Maintained {

  @Required
  @Pattern(Keys.PATTERN)
  @Size(max = 256)
  @ValidationRule(value = "self == oldSelf", message = "projectKey is immutable")
  @JsonPropertyDescription("Key of the LaunchDarkly project. Immutable.")
  private String projectKey;

  @Required
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("Human-readable name of the snippet.")
  private String name;

  @Required
  @Size(min = 1, max = 100_000)
  @JsonPropertyDescription("The text prompts include, kept exactly as written.")
  private String text;

  @Size(max = 10_000)
  @JsonPropertyDescription("Description of the snippet.")
  private String description;

  @Size(max = 100)
  @JsonPropertyDescription("Tags; compared as a set.")
  private List<String> tags;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("LaunchDarkly member id of the maintainer. At most one of maintainerId and maintainerTeamKey.")
  private String maintainerId;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Key of the LaunchDarkly team that maintains the snippet.")
  private String maintainerTeamKey;

  @Override
  public String getProjectKey() {
    return projectKey;
  }

  public void setProjectKey(String projectKey) {
    this.projectKey = projectKey;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }

  @Override
  public String getMaintainerId() {
    return maintainerId;
  }

  public void setMaintainerId(String maintainerId) {
    this.maintainerId = maintainerId;
  }

  @Override
  public String getMaintainerTeamKey() {
    return maintainerTeamKey;
  }

  public void setMaintainerTeamKey(String maintainerTeamKey) {
    this.maintainerTeamKey = maintainerTeamKey;
  }
}
