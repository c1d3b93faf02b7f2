package dev.ldai.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;

/**
 * Runs the Argo CD health scripts under a JVM Lua interpreter the way Argo CD does (the resource as the
 * global {@code obj}, only the libraries Argo CD opens, the returned table's {@code status} and
 * {@code message}) against every fixture their {@code health_test.yaml} lists.
 */
class ArgoCdHealthCheckTest {

  static final Path CUSTOMIZATIONS = Path.of("argocd", "resource_customizations", "ldai.dev");
  static final Set<String> KINDS =
      Set.of("AIConfig", "AIConfigVariation", "AIModelConfig", "AIConfigTargeting", "AITool", "PromptSnippet",
          "AIAgentGraph");
  static final Set<String> ARGO_STATUSES = Set.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TestFactory
  Stream<DynamicTest> everyFixtureGetsTheExpectedHealth() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String kind : KINDS.stream().sorted().toList()) {
      Path dir = CUSTOMIZATIONS.resolve(kind);
      String script = Files.readString(dir.resolve("health.lua"));
      for (JsonNode test : YAML.readTree(dir.resolve("health_test.yaml").toFile()).path("tests")) {
        String input = test.path("inputPath").asText();
        tests.add(DynamicTest.dynamicTest(kind + " " + input, () -> {
          Map<String, String> health = run(script, YAML.readTree(dir.resolve(input).toFile()));
          assertThat(health).containsEntry("status", test.path("healthStatus").path("status").asText())
              .containsEntry("message", test.path("healthStatus").path("message").asText());
        }));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(20);
    return tests.stream();
  }

  @Test
  void thereIsOneScriptPerKindAndEveryFixtureIsUsed() throws IOException {
    try (Stream<Path> dirs = Files.list(CUSTOMIZATIONS)) {
      assertThat(dirs.map(d -> d.getFileName().toString()).collect(Collectors.toSet())).isEqualTo(KINDS);
    }
    for (String kind : KINDS) {
      Path dir = CUSTOMIZATIONS.resolve(kind);
      Set<String> referenced = new java.util.HashSet<>();
      YAML.readTree(dir.resolve("health_test.yaml").toFile()).path("tests")
          .forEach(t -> referenced.add(t.path("inputPath").asText()));
      try (Stream<Path> fixtures = Files.list(dir.resolve("testdata"))) {
        assertThat(fixtures.map(f -> "testdata/" + f.getFileName()).collect(Collectors.toSet()))
            .as("fixtures of %s", kind).isEqualTo(referenced);
      }
    }
  }

  @Test
  void theKindsShareOneScriptAndTheArgoCdConfigMapCarriesIt() throws IOException {
    String script = Files.readString(CUSTOMIZATIONS.resolve("AIConfigVariation").resolve("health.lua"));
    JsonNode data = YAML.readTree(Path.of("argocd", "argocd-cm.yaml").toFile()).path("data");
    for (String kind : KINDS) {
      assertThat(Files.readString(CUSTOMIZATIONS.resolve(kind).resolve("health.lua"))).as(kind).isEqualTo(script);
      assertThat(data.path("resource.customizations.health.ldai.dev_" + kind).asText()).as(kind).isEqualTo(script);
    }
    assertThat(data.size()).as("a health check and the actions per kind").isEqualTo(2 * KINDS.size());
  }

  @Test
  void garbageNeverMakesTheScriptFail() throws IOException {
    String script = Files.readString(CUSTOMIZATIONS.resolve("AIConfig").resolve("health.lua"));
    List<String> garbage = List.of(
        "{}",
        "{\"status\": \"ready\"}",
        "{\"metadata\": 5, \"status\": {\"conditions\": [1, 2]}}",
        "{\"metadata\": {\"generation\": 2}, \"status\": {\"observedGeneration\": \"two\","
            + " \"conditions\": [{\"type\": \"Ready\", \"status\": true}]}}",
        "{\"status\": {\"conditions\": [{\"type\": \"Stalled\", \"status\": \"True\", \"reason\": 3}]}}",
        "{\"metadata\": {\"generation\": 1}, \"status\": {\"conditions\": [{\"type\": \"Ready\", \"status\": \"True\","
            + " \"observedGeneration\": {}}]}}");
    for (String object : garbage) {
      Map<String, String> health = run(script, YAML.readTree(object));
      assertThat(health.get("status")).as(object).isIn(ARGO_STATUSES);
    }
  }

  /** Runs a health script with {@code resource} as {@code obj}; status and message of what it returns. */
  static Map<String, String> run(String script, JsonNode resource) {
    LuaValue health = runAsArgoCd(script, resource);
    return Map.of("status", health.get("status").optjstring(""), "message", health.get("message").optjstring(""));
  }

  /** Runs a script from argocd-cm with {@code resource} as {@code obj}; what it returns. */
  static LuaValue runAsArgoCd(String script, JsonNode resource) {
    // The libraries Argo CD opens for scripts from argocd-cm: base, package and table (no string, io, os).
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", toLua(resource));
    return globals.load(script).call();
  }

  static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      node.fields().forEachRemaining(e -> table.set(e.getKey(), toLua(e.getValue())));
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.longValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asText());
  }
}
