package dev.ldai.operator.argocd;

import static dev.ldai.operator.argocd.ArgoCdHealthCheckTest.KINDS;
import static dev.ldai.operator.argocd.ArgoCdHealthCheckTest.YAML;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.common.ManagementPolicy;
import dev.ldai.operator.common.ReconcileRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The Argo CD actions of every kind (reconcile, pause, resume) from {@code argocd/argocd-cm.yaml}, run as Argo CD
 * runs them: the resource as the global {@code obj}, only the base, package and table libraries, the returned
 * object being what Argo CD patches the resource to. The annotations they set are the operator's own.
 */
class ArgoCdActionsTest {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  static JsonNode data;
  static JsonNode actions;

  @BeforeAll
  static void readTheConfigMap() throws IOException {
    data = YAML.readTree(Path.of("argocd", "argocd-cm.yaml").toFile()).path("data");
    actions = YAML.readTree(data.path("resource.customizations.actions.ldai.dev_AIConfig").asText());
  }

  @Test
  void everyKindOffersTheSameActions() {
    for (String kind : KINDS) {
      assertThat(data.path("resource.customizations.actions.ldai.dev_" + kind).asText()).as(kind)
          .isEqualTo(data.path("resource.customizations.actions.ldai.dev_AIConfig").asText());
    }
    assertThat(actions.path("definitions").findValuesAsText("name")).containsExactly("reconcile", "pause", "resume");
  }

  @Test
  void aRunningResourceOffersReconcileAndPauseAPausedOneResume() {
    assertThat(discover(resource(Map.of()))).containsExactlyInAnyOrderEntriesOf(
        Map.of("reconcile", false, "pause", false, "resume", true));
    assertThat(discover(resource(Map.of(ManagementPolicy.RECONCILE_ANNOTATION, ManagementPolicy.PAUSED))))
        .containsExactlyInAnyOrderEntriesOf(Map.of("reconcile", true, "pause", true, "resume", false));
    ObjectNode withoutAnnotations = resource(Map.of());
    ((ObjectNode) withoutAnnotations.path("metadata")).remove("annotations");
    assertThat(discover(withoutAnnotations)).containsEntry("reconcile", false);
  }

  /** Each run asks anew: the resourceVersion a request was made at has changed by the next one. */
  @Test
  void reconcileAsksForAReconcileWithAValueNewAtEachResourceVersionAndKeepsTheOtherAnnotations() {
    ObjectNode tracked = resource(Map.of("argocd.argoproj.io/tracking-id", "app:ldai.dev/AIConfig:shop/x"));

    JsonNode requested = act("reconcile", tracked);

    assertThat(requested.path("metadata").path("annotations").path(ReconcileRequest.ANNOTATION).asText()).isEqualTo("argocd-41");
    assertThat(requested.path("metadata").path("annotations").path("argocd.argoproj.io/tracking-id").asText())
        .isEqualTo("app:ldai.dev/AIConfig:shop/x");
    ((ObjectNode) requested.path("metadata")).put("resourceVersion", "57");
    assertThat(act("reconcile", (ObjectNode) requested).path("metadata").path("annotations").path(ReconcileRequest.ANNOTATION)
        .asText()).isEqualTo("argocd-57");
    ObjectNode bare = resource(Map.of());
    ((ObjectNode) bare.path("metadata")).remove("annotations");
    assertThat(act("reconcile", bare).path("metadata").path("annotations").path(ReconcileRequest.ANNOTATION).asText())
        .isEqualTo("argocd-41");
  }

  @Test
  void pauseSetsTheOperatorsPauseAnnotationAndResumeRemovesIt() {
    JsonNode paused = act("pause", resource(Map.of("team", "support")));
    assertThat(paused.path("metadata").path("annotations").path(ManagementPolicy.RECONCILE_ANNOTATION).asText())
        .isEqualTo(ManagementPolicy.PAUSED);

    JsonNode resumed = act("resume", (ObjectNode) paused);

    assertThat(resumed.path("metadata").path("annotations").has(ManagementPolicy.RECONCILE_ANNOTATION)).isFalse();
    assertThat(resumed.path("metadata").path("annotations").path("team").asText()).isEqualTo("support");
    JsonNode onlyPaused = act("resume", resource(Map.of(ManagementPolicy.RECONCILE_ANNOTATION, ManagementPolicy.PAUSED)));
    assertThat(onlyPaused.path("metadata").has("annotations")).as("no empty table left behind").isFalse();
  }

  private static Map<String, Boolean> discover(ObjectNode resource) {
    LuaValue offered = ArgoCdHealthCheckTest.runAsArgoCd(actions.path("discovery.lua").asText(), resource);
    Map<String, Boolean> disabled = new HashMap<>();
    for (Varargs entry = offered.next(LuaValue.NIL); !entry.arg1().isnil(); entry = offered.next(entry.arg1())) {
      disabled.put(entry.arg1().tojstring(), entry.arg(2).get("disabled").toboolean());
    }
    return disabled;
  }

  private static JsonNode act(String name, ObjectNode resource) {
    for (JsonNode definition : actions.path("definitions")) {
      if (name.equals(definition.path("name").asText())) {
        return fromLua(ArgoCdHealthCheckTest.runAsArgoCd(definition.path("action.lua").asText(), resource));
      }
    }
    throw new IllegalArgumentException("no action " + name);
  }

  /** Lua tables back to JSON; the scripts here only ever return maps of maps and strings. */
  private static JsonNode fromLua(LuaValue value) {
    if (value.istable()) {
      ObjectNode object = JSON.objectNode();
      LuaTable table = value.checktable();
      for (Varargs entry = table.next(LuaValue.NIL); !entry.arg1().isnil(); entry = table.next(entry.arg1())) {
        object.set(entry.arg1().tojstring(), fromLua(entry.arg(2)));
      }
      return object;
    }
    if (value.isboolean()) {
      return JSON.booleanNode(value.toboolean());
    }
    if (value.isnumber()) {
      return JSON.numberNode(value.todouble());
    }
    return JSON.textNode(value.tojstring());
  }

  private static ObjectNode resource(Map<String, String> annotations) {
    ObjectNode resource = JSON.objectNode();
    resource.put("apiVersion", "ldai.dev/v1alpha1").put("kind", "AIConfig");
    ObjectNode metadata = resource.putObject("metadata");
    metadata.put("name", "x").put("namespace", "shop").put("resourceVersion", "41").put("generation", 1);
    ObjectNode map = metadata.putObject("annotations");
    annotations.forEach(map::put);
    return resource;
  }
}
