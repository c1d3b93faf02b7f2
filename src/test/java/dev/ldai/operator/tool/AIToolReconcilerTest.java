package dev.ldai.operator.tool;

import static dev.ldai.operator.testing.Manifests.PROJECT;
import static dev.ldai.operator.testing.Manifests.aiTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.common.AdoptionPolicy;
import dev.ldai.operator.common.DeletionPolicy;
import dev.ldai.operator.common.OwnerTag;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.versioned.Pin;
import dev.ldai.operator.versioned.VersionEntry;
import dev.ldai.operator.versioned.VersionedStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AITool end to end: real controller, mock Kubernetes API in CRUD mode, stand-in over HTTP. */
@QuarkusTest
class AIToolReconcilerTest extends ComponentTest {

  private static final String SCHEMA =
      "{\"type\": \"object\", \"properties\": {\"query\": {\"type\": \"string\"}, \"limit\": {\"type\": \"integer\", \"maximum\": 10}}}";

  @Test
  void createsTheToolWithOnePostAndStaysQuietWhenInSync() {
    cluster.create(aiTool("web-search", spec -> {
      spec.setSchema(Serialization.unmarshal(SCHEMA, JsonNode.class));
      spec.setCustomParameters(JsonNodeFactory.instance.objectNode().put("endpoint", "https://search.example"));
      spec.setTags(List.of("search"));
    }));

    AITool ready = cluster.awaitReady(AITool.class, "web-search");

    VersionedStatus status = ready.getStatus();
    assertThat(status.getKey()).isEqualTo("web-search");
    assertThat(status.getVersion()).isEqualTo(1);
    assertThat(status.getCreatedAt()).isNotBlank();
    assertThat(status.getVersions()).extracting(VersionEntry::getVersion).containsExactly(1);
    assertThat(status.getReferences()).isEmpty();
    assertThat(launchDarkly.count("POST", Route.TOOLS)).isEqualTo(1);
    ObjectNode stored = launchDarkly.tool(PROJECT, "web-search").orElseThrow();
    assertThat(stored.path("schema")).isEqualTo(Serialization.unmarshal(SCHEMA, JsonNode.class));
    assertThat(stored.path("customParameters").path("endpoint").asText()).isEqualTo("https://search.example");
    assertThat(stored.path("tags")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("search", OwnerTag.of(ready));

    String resourceVersion = ready.getMetadata().getResourceVersion();
    awaitCalls("GET", Route.TOOLS, 3); // our own writes are news to the first polls after them
    long reads = launchDarkly.count("GET", Route.TOOL) + launchDarkly.count("GET", Route.TOOL_VERSIONS)
        + launchDarkly.count("GET", Route.TOOL_REFERENCES);
    awaitCalls("GET", Route.TOOLS, 2);
    assertThat(launchDarkly.count("GET", Route.TOOL) + launchDarkly.count("GET", Route.TOOL_VERSIONS)
        + launchDarkly.count("GET", Route.TOOL_REFERENCES)).isEqualTo(reads);
    assertThat(launchDarkly.writes()).isEqualTo(1);
    assertThat(cluster.get(AITool.class, "web-search").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
  }

  @Test
  void aSchemaChangeIsOnePatchOfTheSchemaAndOneNewVersion() {
    cluster.create(aiTool("lookup", spec -> spec.setTags(List.of("a"))));
    cluster.awaitReady(AITool.class, "lookup");
    JsonNode wider = Serialization.unmarshal(SCHEMA, JsonNode.class);

    cluster.edit(AITool.class, "lookup", tool -> {
      tool.getSpec().setSchema(wider);
      return tool;
    });

    AITool updated = cluster.awaitStatus(AITool.class, "lookup", s -> Integer.valueOf(2).equals(s.getVersion()));
    assertThat(updated.getStatus().getVersions()).extracting(VersionEntry::getVersion).containsExactly(2, 1);
    List<Call> patches = launchDarkly.calls().stream().filter(c -> c.method().equals("PATCH")).toList();
    assertThat(patches).hasSize(1);
    assertThat(Serialization.unmarshal(patches.get(0).requestBody(), Map.class))
        .isEqualTo(Map.of("schema", Serialization.unmarshal(SCHEMA, Map.class)));
    assertThat(launchDarkly.tool(PROJECT, "lookup").orElseThrow().path("schema")).isEqualTo(wider);
  }

  @Test
  void aUiEditIsRevertedWithOnePatchButTheSameSchemaWrittenOtherwiseIsNot() {
    cluster.create(aiTool("drifting", spec -> spec.setSchema(Serialization.unmarshal(SCHEMA, JsonNode.class))));
    cluster.awaitReady(AITool.class, "drifting");

    launchDarkly.editTool(PROJECT, "drifting", tool -> tool.set("schema", Serialization.unmarshal(
        "{\"properties\": {\"limit\": {\"maximum\": 10.0, \"type\": \"integer\"}, \"query\": {\"type\": \"string\"}}, \"type\": \"object\"}",
        JsonNode.class)));
    cluster.awaitStatus(AITool.class, "drifting", s -> Integer.valueOf(2).equals(s.getVersion()));
    assertThat(launchDarkly.count("PATCH", Route.TOOL)).isZero();

    launchDarkly.editTool(PROJECT, "drifting", tool -> tool.put("description", "edited in the UI"));

    AITool reverted = cluster.awaitStatus(AITool.class, "drifting", s -> Integer.valueOf(4).equals(s.getVersion()));
    assertThat(launchDarkly.tool(PROJECT, "drifting").orElseThrow().path("description").asText()).isEqualTo("Tool drifting");
    assertThat(launchDarkly.count("PATCH", Route.TOOL)).isEqualTo(1);
    assertThat(reverted.getStatus().getVersions()).extracting(VersionEntry::getVersion).containsExactly(4, 3, 2, 1);
    assertThat(cluster.events("drifting")).anyMatch(e -> "DriftCorrected".equals(e.getReason()));
  }

  @Test
  void theStatusNamesTheVariationsPinningTheToolFromTheListing() {
    cluster.create(aiTool("pinned-tool", spec -> {}));
    cluster.awaitReady(AITool.class, "pinned-tool");
    long referenceReads = launchDarkly.count("GET", Route.TOOL_REFERENCES);

    launchDarkly.putConfig(PROJECT, configWithVariationPinning("chat", "friendly", "pinned-tool", 1));

    AITool referenced = cluster.awaitStatus(AITool.class, "pinned-tool", s -> !s.getReferences().isEmpty());
    assertThat(referenced.getStatus().getReferences()).containsExactly(new Pin("chat", "friendly", 1));
    assertThat(launchDarkly.count("GET", Route.TOOL_REFERENCES)).isEqualTo(referenceReads);
  }

  @Test
  void aToolInUseIsNotDeletedUntilNoVariationPinsIt() {
    cluster.create(aiTool("in-use", spec -> {}));
    cluster.awaitReady(AITool.class, "in-use");
    launchDarkly.putConfig(PROJECT, configWithVariationPinning("chat", "friendly", "in-use", 1));

    cluster.delete(AITool.class, "in-use");

    AITool waiting = cluster.awaitCondition(AITool.class, "in-use", ConditionTypes.STALLED, "InUse");
    assertThat(Cluster.ready(waiting.getStatus()).getMessage()).contains("AI tool in-use").contains("chat/friendly (version 1)");
    assertThat(launchDarkly.count("DELETE", Route.TOOL)).isZero();
    assertThat(cluster.events("in-use")).anyMatch(e -> "InUse".equals(e.getReason()) && e.getType().equals("Warning"));

    launchDarkly.deleteConfigDirectly(PROJECT, "chat");

    cluster.awaitGone(AITool.class, "in-use");
    assertThat(launchDarkly.tool(PROJECT, "in-use")).isEmpty();
  }

  @Test
  void aRetainedToolIsReleasedEvenInUse() {
    cluster.create(aiTool("kept", spec -> spec.setDeletionPolicy(DeletionPolicy.Retain)));
    cluster.awaitReady(AITool.class, "kept");
    launchDarkly.putConfig(PROJECT, configWithVariationPinning("chat", "friendly", "kept", 1));

    cluster.delete(AITool.class, "kept");

    cluster.awaitGone(AITool.class, "kept");
    assertThat(launchDarkly.tool(PROJECT, "kept")).isPresent();
    assertThat(launchDarkly.count("GET", Route.TOOL_REFERENCES)).isZero();
  }

  @Test
  void anExistingToolIsAdoptedOnlyWhenAllowedWithoutANewVersionAndTakesTheOwnerTagWithItsNextChange() {
    ObjectNode existing = JsonNodeFactory.instance.objectNode().put("key", "preexisting").put("description", "Tool preexisting");
    existing.set("schema", Serialization.unmarshal(
        "{\"type\": \"object\", \"properties\": {\"query\": {\"type\": \"string\"}}, \"required\": [\"query\"]}", JsonNode.class));
    launchDarkly.putTool(PROJECT, existing);

    cluster.create(aiTool("preexisting", spec -> {}));
    cluster.awaitCondition(AITool.class, "preexisting", ConditionTypes.STALLED, "AlreadyExists");
    assertThat(launchDarkly.appliedWrites()).isZero();
    cluster.edit(AITool.class, "preexisting", tool -> {
      tool.getSpec().setAdoptionPolicy(AdoptionPolicy.Adopt);
      return tool;
    });

    AITool adopted = cluster.awaitStatus(AITool.class, "preexisting", s -> s.isReadyAt(2L));
    assertThat(adopted.getStatus().getVersion()).as("no version made for the owner tag alone").isEqualTo(1);
    assertThat(launchDarkly.appliedWrites()).isZero();

    cluster.edit(AITool.class, "preexisting", tool -> {
      tool.getSpec().setDescription("Searches the web");
      return tool;
    });

    cluster.awaitStatus(AITool.class, "preexisting", s -> Integer.valueOf(2).equals(s.getVersion()));
    assertThat(launchDarkly.tool(PROJECT, "preexisting").orElseThrow().path("tags")).extracting(JsonNode::asText)
        .containsExactly(OwnerTag.of(adopted));
    assertThat(launchDarkly.count("PATCH", Route.TOOL)).isEqualTo(1);
    assertThat(launchDarkly.count("POST", Route.TOOLS)).isZero();
  }

  static ObjectNode configWithVariationPinning(String configKey, String variationKey, String toolKey, int version) {
    ObjectNode config = JsonNodeFactory.instance.objectNode().put("key", configKey).put("name", "Chat");
    ObjectNode variation = config.putArray("variations").addObject();
    variation.put("key", variationKey).put("name", "Friendly");
    variation.putArray("tools").addObject().put("key", toolKey).put("version", version);
    return config;
  }
}
