package dev.ldai.operator.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAIToolPage;
import dev.ldai.operator.launchdarkly.api.LdAIToolPatch;
import dev.ldai.operator.launchdarkly.api.LdAIToolPost;
import dev.ldai.operator.launchdarkly.api.LdMessage;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPage;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPatch;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPost;
import dev.ldai.operator.launchdarkly.api.LdSnippetReference;
import dev.ldai.operator.launchdarkly.api.LdTool;
import dev.ldai.operator.launchdarkly.api.LdToolReference;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import dev.ldai.operator.launchdarkly.ratelimit.RateLimitSettings;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import dev.ldai.operator.standin.Route;
import dev.ldai.operator.testing.KubernetesMockServerResource;
import dev.ldai.operator.testing.OperatorRequestCheck;
import dev.ldai.operator.testing.StandInResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's AI tool and prompt snippet calls against the stand-in: what one call writes, the next reads;
 * versions, references, all pages, refusals; and every request conforms to LaunchDarkly's API description.
 */
@QuarkusTest
@QuarkusTestResource(KubernetesMockServerResource.class)
@QuarkusTestResource(StandInResource.class)
class RestLaunchDarklyClientToolsTest {

  static final String PROJECT = "default";
  static final RateLimitSettings RATE_LIMITS = new RateLimitSettings(4, 1000, Duration.ofSeconds(1), 0);

  static LaunchDarklyStandIn standIn;
  static final OperatorRequestCheck requests = new OperatorRequestCheck();
  LaunchDarklyClient client;

  @BeforeAll
  static void start() {
    standIn = LaunchDarklyStandIn.start();
    requests.watch(standIn);
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  @BeforeEach
  void connect() {
    standIn.reset();
    client = new RestLaunchDarklyClients(standIn.baseUrl(), "20240415", Duration.ofSeconds(5), Duration.ofSeconds(5),
            RATE_LIMITS, Duration.ofMinutes(20), Clock.systemUTC(), new LaunchDarklyMetrics(new SimpleMeterRegistry()))
        .forToken(ApiToken.of(LaunchDarklyStandIn.DEFAULT_TOKEN));
  }

  @AfterEach
  void everyRequestConformed() {
    assertThat(requests.refusals()).as("requests LaunchDarkly's API description refuses").isEmpty();
  }

  @Test
  void aToolIsCreatedReadPatchedIntoVersionsAndDeleted() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string").put("maxLength", 200);

    LdAITool created = client.createTool(PROJECT,
        new LdAIToolPost("search", "Searches", schema, null, List.of("team-a"), null, "support"));
    LdAITool patched = client.patchTool(PROJECT, "search",
        new LdAIToolPatch(null, null, JsonNodeFactory.instance.objectNode().put("timeoutMs", 500), null, null, null));
    LdAITool read = client.getTool(PROJECT, "search").orElseThrow();
    LdAIToolPage versions = client.listToolVersions(PROJECT, "search", 10, 0).orElseThrow();

    assertThat(created.version()).isEqualTo(1);
    assertThat(created.schema()).isEqualTo(schema);
    assertThat(created.maintainer().path("key").asText()).isEqualTo("support");
    assertThat(patched.version()).isEqualTo(2);
    assertThat(read.customParameters().path("timeoutMs").asInt()).isEqualTo(500);
    assertThat(read.schema()).isEqualTo(schema);
    assertThat(read.tags()).containsExactly("team-a");
    assertThat(versions.totalCount()).isEqualTo(2);
    assertThat(versions.items()).extracting(LdAITool::version).containsExactly(2, 1);
    assertThat(versions.items().get(1).customParameters()).isNull();
    assertThat(client.deleteTool(PROJECT, "search")).isTrue();
    assertThat(client.getTool(PROJECT, "search")).isEmpty();
    assertThat(client.deleteTool(PROJECT, "search")).isFalse();
    assertThat(client.listToolReferences(PROJECT, "search", 10, 0)).isEmpty();
  }

  @Test
  void aPromptSnippetIsCreatedReadPatchedIntoVersionsAndDeleted() {
    LdPromptSnippet created = client.createPromptSnippet(PROJECT,
        new LdPromptSnippetPost("brand-voice", "Brand voice", "How we sound", "Be warm.", null, "m-1", null));
    LdPromptSnippet patched = client.patchPromptSnippet(PROJECT, "brand-voice",
        new LdPromptSnippetPatch(null, null, "Be warmer.", List.of("tone"), null, null));
    LdPromptSnippetPage versions = client.listPromptSnippetVersions(PROJECT, "brand-voice", 1, 0).orElseThrow();

    assertThat(created.version()).isEqualTo(1);
    assertThat(created.tags()).isEmpty();
    assertThat(patched.version()).isEqualTo(2);
    assertThat(client.getPromptSnippet(PROJECT, "brand-voice").orElseThrow())
        .satisfies(s -> assertThat(s.text()).isEqualTo("Be warmer."))
        .satisfies(s -> assertThat(s.description()).isEqualTo("How we sound"))
        .satisfies(s -> assertThat(s.tags()).containsExactly("tone"));
    assertThat(versions.totalCount()).isEqualTo(2);
    assertThat(versions.items()).extracting(LdPromptSnippet::text).containsExactly("Be warmer.");
    assertThat(client.deletePromptSnippet(PROJECT, "brand-voice")).isTrue();
    assertThat(client.getPromptSnippet(PROJECT, "brand-voice")).isEmpty();
    assertThat(client.listPromptSnippetVersions(PROJECT, "brand-voice", 1, 0)).isEmpty();
  }

  @Test
  void theVariationsPinningAToolOrSnippetAreItsReferences() {
    client.createTool(PROJECT, new LdAIToolPost("search", null, JsonNodeFactory.instance.objectNode(), null, null, null, null));
    client.createPromptSnippet(PROJECT, new LdPromptSnippetPost("voice", "Voice", null, "Be warm.", null, null, null));
    client.createConfig(PROJECT, new LdAIConfigPost("bot", "Bot", null, null, null, null, null, null, null));
    client.createVariation(PROJECT, "bot", new LdVariationPost("a", "A",
        List.of(new LdMessage("system", "{{snippet.voice#1}} Answer briefly.")), null, null, null, null, null,
        List.of(new LdTool("search", 1)), null));
    client.patchTool(PROJECT, "search", new LdAIToolPatch("v2", null, null, null, null, null));
    client.createVariation(PROJECT, "bot", new LdVariationPost("b", "B", null, null, null, null, null, null,
        List.of(new LdTool("search", 2)), null));

    List<LdToolReference> toolReferences = client.listAllToolReferences(PROJECT, "search").orElseThrow();
    List<LdSnippetReference> snippetReferences = client.listAllPromptSnippetReferences(PROJECT, "voice").orElseThrow();
    LaunchDarklyException inUse = catchThrowableOfType(LaunchDarklyException.class, () -> client.deleteTool(PROJECT, "search"));
    LaunchDarklyException unknownVersion = catchThrowableOfType(LaunchDarklyException.class, () -> client.patchVariation(
        PROJECT, "bot", "b", new LdVariationPatch(null, null, null, null, null, null, null,
            List.of(new LdTool("search", 3)), null, null)));

    assertThat(toolReferences).extracting(LdToolReference::variationKey, LdToolReference::toolVersion)
        .containsExactly(tuple("a", 1), tuple("b", 2));
    assertThat(snippetReferences).singleElement().satisfies(reference -> {
      assertThat(reference.aiConfigKey()).isEqualTo("bot");
      assertThat(reference.aiConfigName()).isEqualTo("Bot");
      assertThat(reference.variationName()).isEqualTo("A");
      assertThat(reference.resourceVersion()).isEqualTo(1);
    });
    assertThat(inUse.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(inUse.apiMessage()).contains("bot/a", "bot/b");
    assertThat(unknownVersion.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(unknownVersion.apiMessage()).isEqualTo("AI tool search has no version 3");
  }

  @Test
  void everyToolAndSnippetOfAProjectIsListedAcrossPages() {
    IntStream.range(0, 130).forEach(i -> client.createTool(PROJECT,
        new LdAIToolPost("tool-" + i, null, JsonNodeFactory.instance.objectNode(), null, null, null, null)));
    IntStream.range(0, 3).forEach(i -> client.createPromptSnippet(PROJECT,
        new LdPromptSnippetPost("snippet-" + i, "S", null, "T", null, null, null)));

    List<LdAITool> tools = client.listAllTools(PROJECT);
    List<LdPromptSnippet> snippets = client.listAllPromptSnippets(PROJECT);

    assertThat(tools).hasSize(130).extracting(LdAITool::key).doesNotHaveDuplicates().contains("tool-0", "tool-129");
    assertThat(snippets).extracting(LdPromptSnippet::key).containsExactly("snippet-0", "snippet-1", "snippet-2");
    assertThat(standIn.count("GET", Route.TOOLS)).isEqualTo(2);
  }

  @Test
  void aDuplicateKeyIsAlreadyExistsAndABadBodyIsInvalid() {
    client.createTool(PROJECT, new LdAIToolPost("search", null, JsonNodeFactory.instance.objectNode(), null, null, null, null));
    client.createPromptSnippet(PROJECT, new LdPromptSnippetPost("voice", "Voice", null, "T", null, null, null));

    LaunchDarklyException tool = catchThrowableOfType(LaunchDarklyException.class, () -> client.createTool(PROJECT,
        new LdAIToolPost("search", null, JsonNodeFactory.instance.objectNode(), null, null, null, null)));
    LaunchDarklyException snippet = catchThrowableOfType(LaunchDarklyException.class, () -> client.createPromptSnippet(
        PROJECT, new LdPromptSnippetPost("voice", "Voice", null, "T", null, null, null)));
    LaunchDarklyException noSchema = catchThrowableOfType(LaunchDarklyException.class, () -> client.createTool(PROJECT,
        new LdAIToolPost("fetch", null, null, null, null, null, null)));

    assertThat(tool.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(snippet.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(noSchema.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(noSchema.apiMessage()).isEqualTo("schema is required");
    assertThat(requests.refusals()).as("the description requires a schema too").singleElement().asString()
        .startsWith("POST /api/v2/projects/default/ai-tools {\"key\":\"fetch\"}");
  }
}
