package dev.ldai.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.testing.Crds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl explain} has something to say about every field of every committed CRD: each property of the
 * spec and the status carries a description.
 */
class CrdDescriptionsTest {

  /**
   * The fields of Kubernetes' own {@code Condition} (type, status, reason, message, observedGeneration,
   * lastTransitionTime), which the Fabric8 model carries without descriptions; Kubernetes documents them.
   */
  static final String CONDITION_FIELDS = "status.conditions[*].";

  @Test
  void everyFieldHasADescription() {
    List<CustomResourceDefinition> crds = Crds.committed();
    assertThat(crds).extracting(crd -> crd.getSpec().getNames().getKind())
        .contains("AITool", "PromptSnippet", "AIConfig", "AIConfigVariation", "AIModelConfig", "AIConfigTargeting",
            "AIAgentGraph");
    for (CustomResourceDefinition crd : crds) {
      List<String> undescribed = new ArrayList<>();
      JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
      for (String part : List.of("spec", "status")) {
        collectUndescribed(part, root.getProperties().get(part), undescribed);
      }
      assertThat(undescribed).as("fields of %s without a description", crd.getSpec().getNames().getKind())
          .allMatch(path -> path.startsWith(CONDITION_FIELDS));
    }
  }

  @Test
  void theWalkFindsAFieldWithoutADescription() {
    CustomResourceDefinition tools = Crds.read(Crds.COMMITTED.resolve("aitools.ldai.dev-v1.yml"));
    JSONSchemaProps spec = tools.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    spec.getProperties().get("schema").setDescription(null);
    spec.getProperties().get("credentialsSecretRef").getProperties().get("key").setDescription(null);

    List<String> undescribed = new ArrayList<>();
    collectUndescribed("spec", spec, undescribed);

    assertThat(undescribed).containsExactlyInAnyOrder("spec.schema", "spec.credentialsSecretRef.key");
  }

  /** The paths below {@code path} (not {@code path} itself) whose schema has no description. */
  static void collectUndescribed(String path, JSONSchemaProps schema, List<String> undescribed) {
    schema.getProperties().forEach((name, property) -> {
      String child = path + "." + name;
      if (property.getDescription() == null || property.getDescription().isBlank()) {
        undescribed.add(child);
      }
      collectUndescribed(child, property, undescribed);
    });
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      collectUndescribed(path + "[*]", schema.getItems().getSchema(), undescribed);
    }
    if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
      collectUndescribed(path + "[*]", schema.getAdditionalProperties().getSchema(), undescribed);
    }
  }
}
