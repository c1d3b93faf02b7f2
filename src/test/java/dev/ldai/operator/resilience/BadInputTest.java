package dev.ldai.operator.resilience;

import static dev.ldai.operator.testing.Manifests.aiConfig;
import static dev.ldai.operator.testing.Manifests.modelConfig;
import static dev.ldai.operator.testing.Manifests.variation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ldai.operator.aiconfig.AIConfig;
import dev.ldai.operator.common.LocalReference;
import dev.ldai.operator.common.SecretKeyReference;
import dev.ldai.operator.modelconfig.AIModelConfig;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.testing.Cluster;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.testing.CrdAdmission;
import dev.ldai.operator.variation.AIConfigVariation;
import dev.ldai.operator.variation.Judge;
import dev.ldai.operator.variation.JudgeConfiguration;
import dev.ldai.operator.variation.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid manifests of the three kinds. Each is either refused at admission by the committed CRD's schema
 * or CEL rules (checked with {@link CrdAdmission}, since the mock server runs neither) with a message
 * naming the field, or — where only the cluster's state can tell — admitted and then Stalled by the
 * operator with such a message, without any LaunchDarkly call and without retrying in a loop.
 */
@QuarkusTest
class BadInputTest extends ComponentTest {

  static final CrdAdmission ADMISSION = CrdAdmission.load(Path.of("crds"));
  static final String TEN_MEGABYTES = "x".repeat(10 * 1024 * 1024);


  static Stream<Arguments> refusedAtAdmission() {
    return Stream.of(
        Arguments.of("AIConfig without a name",
            aiConfig("nameless", spec -> spec.setName(null)),
            "spec.name: Required value"),
        Arguments.of("AIConfig with a key LaunchDarkly cannot take",
            aiConfig("spaced", spec -> spec.setKey("bad key")),
            "spec.key: Invalid value: \"bad key\": spec.key in body should match"),
        Arguments.of("AIConfig with a reserved key",
            aiConfig("reserved", spec -> spec.setKey("quick-stats")),
            "key must not be model-configs, quick-stats or prompt-snippets"),
        Arguments.of("AIConfig with both maintainer fields",
            aiConfig("two-maintainers", spec -> {
              spec.setMaintainerId("5f0c1a2b3c4d5e6f7a8b9c0d");
              spec.setMaintainerTeamKey("support");
            }),
            "set at most one of maintainerId and maintainerTeamKey"),
        Arguments.of("AIConfig with more tags than anyone could read",
            aiConfig("tagged", spec -> spec.setTags(java.util.stream.IntStream.range(0, 101).mapToObj(i -> "t" + i).toList())),
            "spec.tags: Too many: 101: must have at most 100 items"),
        Arguments.of("AIModelConfig with a negative cost",
            modelConfig("negative", spec -> spec.setCostPerInputToken(-0.1)),
            "spec.costPerInputToken: Invalid value: -0.1: spec.costPerInputToken in body should be greater than or equal to 0"),
        Arguments.of("AIModelConfig without the provider's model id",
            modelConfig("idless", spec -> spec.setId(null)),
            "spec.id: Required value"),
        Arguments.of("AIConfigVariation with both configRef and configKey",
            variation("both-parents", "parent", spec -> {
              spec.setProjectKey("default");
              spec.setConfigKey("parent");
            }),
            "spec: Invalid value: \"object\":"),
        Arguments.of("AIConfigVariation with neither configRef nor configKey",
            variation("orphan", "parent", spec -> spec.setConfigRef(null)),
            "spec: Invalid value: \"object\":"),
        Arguments.of("AIConfigVariation with a judge sampling more than everything",
            variation("greedy-judge", "parent", spec -> spec.setJudgeConfiguration(
                judges(new Judge("relevance", 1.5)))),
            "spec.judgeConfiguration.judges[0].samplingRate: Invalid value: 1.5: "
                + "spec.judgeConfiguration.judges[0].samplingRate in body should be less than or equal to 1"),
        Arguments.of("AIConfigVariation with an unknown state",
            withSpecField(variation("drafty", "parent", spec -> {}), "state", "draft"),
            "spec.state: Unsupported value: \"draft\": supported values: \"archived\", \"published\""),
        Arguments.of("AIConfigVariation with a 10 MB prompt",
            variation("verbose", "parent", spec -> spec.setMessages(List.of(new Message("system", TEN_MEGABYTES)))),
            "spec.messages[0].content: Too long: may not be more than 100000 bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedAtAdmission")
  void refusedAtAdmissionWithAMessageNamingTheField(String description, Object manifest, String message) {
    assertThat(ADMISSION.create(manifest).violations()).as(description).anyMatch(v -> v.contains(message));
  }

  @Test
  void changingAnImmutableFieldIsRefused() {
    AIConfig before = aiConfig("fixed", spec -> {});
    AIConfig after = aiConfig("fixed", spec -> spec.setProjectKey("other-project"));

    assertThat(ADMISSION.update(before, after).violations())
        .contains("spec.projectKey: Invalid value: \"string\": projectKey is immutable");
  }

  @Test
  void theValidVersionsOfTheseManifestsAreAdmitted() {
    assertThat(ADMISSION.create(aiConfig("fine", spec -> {})).violations()).isEmpty();
    assertThat(ADMISSION.create(modelConfig("fine", spec -> spec.setCostPerInputToken(0.0))).violations()).isEmpty();
    assertThat(ADMISSION.create(variation("fine", "parent", spec -> spec.setJudgeConfiguration(
        judges(new Judge("relevance", 1.0))))).violations()).isEmpty();
  }

  @Test
  void aReferenceToAMissingSecretStallsNamingTheFieldAndCallsNothing() {
    cluster.create(aiConfig("no-secret", spec -> spec.setCredentialsSecretRef(new SecretKeyReference("absent", null))));

    assertStalledQuietly(AIConfig.class, "no-secret", "Unauthorized",
        "spec.credentialsSecretRef: Secret " + cluster.namespace() + "/absent not found");
  }

  @Test
  void aSecretWithoutTheTokenKeyStallsNamingTheKey() {
    cluster.createTokenSecret("wrong-key", "token", "api-whatever");
    cluster.create(aiConfig("wrong-key", spec -> spec.setCredentialsSecretRef(new SecretKeyReference("wrong-key", null))));

    assertStalledQuietly(AIConfig.class, "wrong-key", "Unauthorized",
        "spec.credentialsSecretRef: Secret " + cluster.namespace() + "/wrong-key has no non-empty key \"apiToken\"");
  }

  @Test
  void aReservedKeyTakenFromTheResourceNameStallsBeforeAnyCall() {
    // metadata.name becomes the key; no CRD rule can see it, so the operator refuses it.
    cluster.create(aiConfig("model-configs", spec -> {}));

    assertStalledQuietly(AIConfig.class, "model-configs", "InvalidSpec",
        "spec.key: \"model-configs\" is reserved by LaunchDarkly's API");
  }

  @Test
  void anObjectWithoutSpecStallsInsteadOfFailing() {
    AIModelConfig specless = modelConfig("specless", spec -> {});
    specless.setSpec(null);
    cluster.create(specless);

    assertStalledQuietly(AIModelConfig.class, "specless", "InvalidSpec", "spec is required");
  }

  @Test
  void aVariationWhoseModelConfigIsInAnotherProjectStallsNamingTheReference() {
    cluster.create(aiConfig("parent", spec -> {}));
    cluster.create(modelConfig("elsewhere", spec -> spec.setProjectKey("other")));
    launchDarkly.addProject("other");
    cluster.awaitReady(AIConfig.class, "parent");
    cluster.awaitReady(AIModelConfig.class, "elsewhere");
    long callsBefore = launchDarkly.calls().size();

    cluster.create(variation("cross-project", "parent", spec -> spec.setModelConfigRef(new LocalReference("elsewhere"))));

    AIConfigVariation stalled =
        cluster.awaitCondition(AIConfigVariation.class, "cross-project", ConditionTypes.STALLED, "InvalidSpec");
    assertThat(Cluster.ready(stalled.getStatus()).getMessage()).startsWith("spec.modelConfigRef:");
    assertThat(launchDarkly.calls().subList((int) callsBefore, launchDarkly.calls().size()))
        .noneMatch(c -> c.path().contains("/variations"));
  }

  /** Stalled with the reason and message; no LaunchDarkly call; the status then stays put (no retry loop). */
  private <S extends CommonStatus, R extends CustomResource<?, S>> void assertStalledQuietly(
      Class<R> kind, String name, String reason, String message) {
    R stalled = cluster.awaitCondition(kind, name, ConditionTypes.STALLED, reason);
    assertThat(Cluster.ready(stalled.getStatus()).getMessage()).startsWith(message);
    String resourceVersion = stalled.getMetadata().getResourceVersion();
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
        .until(() -> cluster.get(kind, name).getMetadata().getResourceVersion().equals(resourceVersion));
    // The project poller lists projects that other resources use; nothing may be about this one.
    assertThat(launchDarkly.calls()).allMatch(c -> c.method().equals("GET")
        && (c.route() == Route.CONFIGS || c.route() == Route.MODEL_CONFIGS));
  }

  /** The manifest as JSON with one spec field set to a value the Java model cannot even hold. */
  private static JsonNode withSpecField(HasMetadata manifest, String field, String value) {
    ObjectNode json = Serialization.jsonMapper().valueToTree(manifest);
    ((ObjectNode) json.get("spec")).put(field, value);
    return json;
  }

  private static JudgeConfiguration judges(Judge... judges) {
    JudgeConfiguration configuration = new JudgeConfiguration();
    configuration.setJudges(List.of(judges));
    return configuration;
  }
}
