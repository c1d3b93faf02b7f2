package dev.ldai.operator.variation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ldai.operator.aiconfig.ConfigScoped;
import dev.ldai.operator.common.CommonSpec;
import dev.ldai.operator.common.Keys;
import dev.ldai.operator.common.LocalReference;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** LaunchDarkly's {@code AIConfigVariationPost} / {@code AIConfigVariationPatch}, and where its parent is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.configRef) ? !has(self.projectKey) && !has(self.configKey)"
        + " : has(self.projectKey) && has(self.configKey)",
    message = "set either configRef, or both projectKey and configKey")
@ValidationRule(
    value = "!(has(self.modelConfigRef) && has(self.modelConfigKey))",
    message = "set at most one of modelConfigRef and modelConfigKey")
@ValidationRule(
    value = "has(self.key) == has(oldSelf.key) && (!has(self.key) || self.key == oldSelf.key)",
    message = "key is immutable")
@ValidationRule(
    value = "has(self.configRef) == has(oldSelf.configRef)"
        + " && (!has(self.configRef) || self.configRef.name == oldSelf.configRef.name)",
    message = "configRef is immutable")
public class AIConfigVariationSpec extends CommonSpec implements ConfigScoped {

  @JsonPropertyDescription("The parent AIConfig, in this namespace. Either this, or projectKey and configKey. Immutable.")
  private LocalReference configRef;

  @Pattern(Keys.PATTERN)
  @Size(max = 256)
  @ValidationRule(value = "self == oldSelf", message = "projectKey is immutable")
  @JsonPropertyDescription("Project of a parent config not managed in this cluster (with configKey). Immutable.")
  private String projectKey;

  @Pattern(Keys.PATTERN)
  @Size(max = 256)
  @ValidationRule(value = "self == oldSelf", message = "configKey is immutable")
  @JsonPropertyDescription("Key of a parent config not managed in this cluster (with projectKey). Immutable.")
  private String configKey;

  @Required
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("Human-readable name of the variation.")
  private String name;

  @Size(max = 100)
  @JsonPropertyDescription("Prompt messages, in order.")
  private List<Message> messages;

  @JsonPropertyDescription("The model: modelName, parameters and custom parameters.")
  private Model model;

  @JsonPropertyDescription("An AIModelConfig in this namespace. At most one of modelConfigRef and modelConfigKey.")
  private LocalReference modelConfigRef;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Key of a model config not managed here, e.g. the global OpenAI.gpt-4o.")
  private String modelConfigKey;

  @Size(max = 100_000)
  @JsonPropertyDescription("Instructions, for agent-mode configs.")
  private String instructions;

  @Size(max = 10_000)
  @JsonPropertyDescription("Description, for agent-mode configs.")
  private String description;

  @Size(max = 10_000)
  @JsonPropertyDescription("Comment recorded with the variation's version.")
  private String comment;

  @Size(max = 100)
  @JsonPropertyDescription("Tools the variation may use.")
  private List<Tool> tools;

  @JsonPropertyDescription("Judges that evaluate the variation's output.")
  private JudgeConfiguration judgeConfiguration;

  @JsonPropertyDescription("published or archived.")
  private VariationState state;

  public LocalReference getConfigRef() {
    return configRef;
  }

  public void setConfigRef(LocalReference configRef) {
    this.configRef = configRef;
  }

  public String getProjectKey() {
    return projectKey;
  }

  public void setProjectKey(String projectKey) {
    this.projectKey = projectKey;
  }

  public String getConfigKey() {
    return configKey;
  }

  public void setConfigKey(String configKey) {
    this.configKey = configKey;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<Message> getMessages() {
    return messages;
  }

  public void setMessages(List<Message> messages) {
    this.messages = messages;
  }

  public Model getModel() {
    return model;
  }

  public void setModel(Model model) {
    this.model = model;
  }

  public LocalReference getModelConfigRef() {
    return modelConfigRef;
  }

  public void setModelConfigRef(LocalReference modelConfigRef) {
    this.modelConfigRef = modelConfigRef;
  }

  public String getModelConfigKey() {
    return modelConfigKey;
  }

  public void setModelConfigKey(String modelConfigKey) {
    this.modelConfigKey = modelConfigKey;
  }

  public String getInstructions() {
    return instructions;
  }

  public void setInstructions(String instructions) {
    this.instructions = instructions;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getComment() {
    return comment;
  }

  public void setComment(String comment) {
    this.comment = comment;
  }

  public List<Tool> getTools() {
    return tools;
  }

  public void setTools(List<Tool> tools) {
    this.tools = tools;
  }

  public JudgeConfiguration getJudgeConfiguration() {
    return judgeConfiguration;
  }

  public void setJudgeConfiguration(JudgeConfiguration judgeConfiguration) {
    this.judgeConfiguration = judgeConfiguration;
  }

  public VariationState getState() {
    return state;
  }

  public void setState(VariationState state) {
    this.state = state;
  }
}
