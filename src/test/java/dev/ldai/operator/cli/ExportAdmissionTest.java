package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.LaunchDarklyClients;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.testing.ApiServerAdmission;
import dev.ldai.operator.testing.ComponentTest;
import dev.ldai.operator.testing.OnRealApiServer;
import dev.ldai.operator.testing.Yaml;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What export writes is admitted by the real API server with the committed CRDs, schema and CEL rules, with no
 * warning (an unknown field would be one): the mock API server of the round trip admits anything.
 */
@QuarkusTest
@OnRealApiServer
class ExportAdmissionTest extends ComponentTest {

  private static final String PROJECT = "export-admission";

  @Inject CommandLineTool tool;
  @Inject LaunchDarklyClients clients;

  @Test
  void everyExportedManifestIsAdmittedWithoutWarning() {
    SeededProject.create(launchDarkly, clients.forToken(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN)), PROJECT);
    CommandLineRun export = CommandLineRun.of(tool, "export", "--project", PROJECT, "--environment", "production",
        "--environment", "test");
    assertThat(export.exitCode()).as(export.err()).isZero();
    ApiServerAdmission admission = ApiServerAdmission.in("exportadmissiontest");

    List<JsonNode> manifests = Yaml.documents(export.out());

    assertThat(manifests).hasSize(22).allSatisfy(manifest -> {
      ApiServerAdmission.Result admitted = admission.create(manifest);
      assertThat(admitted.violations()).as(manifest.path("metadata").path("name").asText()).isEmpty();
      assertThat(admitted.warnings()).as(manifest.path("metadata").path("name").asText()).isEmpty();
    });
  }
}
