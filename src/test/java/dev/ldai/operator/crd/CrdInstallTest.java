package dev.ldai.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.testing.Crds;
import dev.ldai.operator.testing.OnRealApiServer;
import dev.ldai.operator.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRDs install on a real kube-apiserver, as {@code kubectl apply -f crds/} and the chart do: the
 * server runs the checks the mock does not (structural schema, CEL compilation and its cost budget).
 */
@OnRealApiServer
class CrdInstallTest {

  static KubernetesClient client;

  @BeforeAll
  static void connect() {
    client = RealApiServer.orSkip().client();
  }

  static Stream<Path> crdFiles() {
    return Stream.concat(Crds.files(Crds.COMMITTED).stream(), Crds.files(Crds.CHART).stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crdFiles")
  void isAcceptedOnCreate(Path file) {
    assertThat(refusal(Crds.read(file))).as(file.toString()).isEmpty();
  }

  /**
   * An upgrade from the version last committed before this one, on a copy in a group of its own, so that the CRDs
   * other test classes use stay as committed. A previous version the server refuses (the first AIConfigTargeting)
   * was never installable, so there is nothing to upgrade from; the copy is then created.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("crdFiles")
  void replacesThePreviousCommittedVersion(Path file) throws IOException {
    CustomResourceDefinition current = inAGroupOfItsOwn(Crds.read(file));
    Optional<CustomResourceDefinition> previous = previousCommittedVersion(file).map(Crds::parse).map(CrdInstallTest::inAGroupOfItsOwn);
    var copy = client.apiextensions().v1().customResourceDefinitions().withName(current.getMetadata().getName());
    try {
      if (previous.isPresent() && refusal(previous.get()).isEmpty()) {
        client.apiextensions().v1().customResourceDefinitions().resource(previous.get()).create();
        copy.waitUntilCondition(Crds::established, 60, TimeUnit.SECONDS);
        copy.edit(installed -> {
          installed.setSpec(current.getSpec());
          return installed;
        });
      } else {
        client.apiextensions().v1().customResourceDefinitions().resource(current).create();
      }

      CustomResourceDefinition installed = copy.get();
      assertThat(Serialization.asJson(installed.getSpec().getVersions().get(0).getSchema()))
          .isEqualTo(Serialization.asJson(current.getSpec().getVersions().get(0).getSchema()));
    } finally {
      copy.delete();
      copy.waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
    }
  }

  static final String GROUP_OF_ITS_OWN = "crdinstalltest.ldai.dev";

  static CustomResourceDefinition inAGroupOfItsOwn(CustomResourceDefinition crd) {
    crd.getSpec().setGroup(GROUP_OF_ITS_OWN);
    crd.getMetadata().setName(crd.getSpec().getNames().getPlural() + "." + GROUP_OF_ITS_OWN);
    return crd;
  }

  @Test
  void theBoundOnRolloutWeightsIsWhatMakesTheirUniquenessRuleAffordable() {
    ObjectNode targeting = targetingCrd();
    ((ObjectNode) defaultRollout(targeting).at("/properties/weights")).remove("maxItems");

    assertThat(refusal(Serialization.jsonMapper().convertValue(targeting, CustomResourceDefinition.class)))
        .hasValueSatisfying(message -> assertThat(message).contains(DEFAULT_ROLLOUT + ".x-kubernetes-validations[1].rule:"
            + " Forbidden: estimated rule cost exceeds budget"));
  }

  @Test
  void aSumOverMapIsUnaffordableHoweverBoundedHenceTheSumWrittenOut() {
    ObjectNode targeting = targetingCrd();
    ((ObjectNode) defaultRollout(targeting).at("/x-kubernetes-validations/0"))
        .put("rule", "self.weights.map(w, w.weight).sum() == 100000");

    assertThat(refusal(Serialization.jsonMapper().convertValue(targeting, CustomResourceDefinition.class)))
        .hasValueSatisfying(message -> assertThat(message).contains(DEFAULT_ROLLOUT + ".x-kubernetes-validations[0].rule:"
            + " Forbidden: estimated rule cost exceeds budget"));
  }

  static final String DEFAULT_ROLLOUT = "spec.validation.openAPIV3Schema.properties[spec].properties[defaultRollout]";

  static ObjectNode targetingCrd() {
    return Serialization.jsonMapper().valueToTree(Crds.read(Crds.COMMITTED.resolve("aiconfigtargetings.ldai.dev-v1.yml")));
  }

  static JsonNode defaultRollout(ObjectNode crd) {
    return crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/defaultRollout");
  }

  @Test
  void aRuleNamingAFieldTheSchemaLacksIsRefused() {
    CustomResourceDefinition config = Crds.read(Crds.COMMITTED.resolve("aiconfigs.ldai.dev-v1.yml"));
    JsonNode json = Serialization.jsonMapper().valueToTree(config);
    String typo = json.toString().replace("has(self.maintainerTeamKey)", "has(self.maintainerTeamKy)");

    assertThat(refusal(Serialization.unmarshal(typo, CustomResourceDefinition.class)))
        .hasValueSatisfying(message -> assertThat(message).contains("undefined field 'maintainerTeamKy'"));
  }

  /** The server's refusal of the CRD (a dry-run create: an existing CRD answers 409 after passing validation). */
  static Optional<String> refusal(CustomResourceDefinition crd) {
    try {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).dryRun().create();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return Optional.empty();
      }
      assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
      return Optional.of(e.getMessage());
    }
  }

  /**
   * The file as of the newest commit where it differed from the working tree, if git knows one; a fresh CRD
   * file, or a clone without history, has none.
   */
  static Optional<String> previousCommittedVersion(Path file) throws IOException {
    String now = Files.readString(file);
    for (String commit : git("log", "--format=%H", "--", file.toString()).lines().toList()) {
      String then = git("show", commit + ":" + file);
      if (!then.equals(now)) {
        return Optional.of(then);
      }
    }
    return Optional.empty();
  }

  static String git(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      return process.waitFor() == 0 ? output : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
