package dev.ldai.operator.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.ldai.operator.standin.Call;
import dev.ldai.operator.standin.LaunchDarklyStandIn;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Validates every request the operator sends to the stand-in of the component tests against
 * LaunchDarkly's API description: path, query, headers and body. Calls are queued as they arrive (the
 * stand-in's threads stay quick) and validated by {@link #refusals()}, which {@link OperatorRequestsConform}
 * calls after each test. One point is stricter than the description: the validator refuses fields a schema
 * does not declare (the description leaves them open), so a misspelt field fails a test. Without the description (a user's clone has no {@code ../shared}) nothing is
 * validated, and that is said on standard error.
 */
public final class OperatorRequestCheck {

  public static final Path SPEC =
      Path.of(System.getProperty("ldai.openapi", "../shared/launchdarkly-openapi/openapi.yaml"));

  /** The check of the component tests' stand-in ({@link StandInResource}). */
  public static final OperatorRequestCheck COMPONENT_TESTS = new OperatorRequestCheck();

  /**
   * The description's global {@code security} requires its ApiKey scheme (header {@code Authorization}), but
   * swagger-request-validator reports nothing when the header is missing, so that is checked here.
   */
  private static final String SECURITY_MISSING = "security: no Authorization header (the ApiKey scheme)";

  private static volatile OpenApiInteractionValidator validator;

  private final Queue<Call> pending = new ConcurrentLinkedQueue<>();

  /** Queues every call {@code standIn} receives from now on for validation. */
  public void watch(LaunchDarklyStandIn standIn) {
    if (!Files.isRegularFile(SPEC)) {
      System.err.println("LaunchDarkly's openapi.yaml not found at " + SPEC.toAbsolutePath()
          + ": the operator's requests to the stand-in are not validated against it");
      return;
    }
    standIn.onEachCall(pending::add);
  }

  /** The queued calls the description refuses, described one per entry; the queue is emptied. */
  public List<String> refusals() {
    List<String> refusals = new ArrayList<>();
    for (Call call = pending.poll(); call != null; call = pending.poll()) {
      ValidationReport report = validator().validateRequest(request(call));
      List<String> errors = new ArrayList<>();
      report.getMessages().stream()
          .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
          .filter(m -> !KnownFalsePositives.excuses(m))
          .forEach(m -> errors.add(m.getKey() + ": " + m.getMessage()));
      if (!call.headers().containsKey("authorization")) {
        errors.add(SECURITY_MISSING);
      }
      if (!errors.isEmpty()) {
        refusals.add(call.method() + " " + call.path() + (call.query() == null ? "" : "?" + call.query())
            + (call.requestBody().isEmpty() ? "" : " " + call.requestBody()) + "\n    "
            + String.join("\n    ", errors));
      }
    }
    return refusals;
  }

  private static Request request(Call call) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(call.method(), call.path());
    call.headers().forEach(request::withHeader);
    if (call.query() != null) {
      for (String pair : call.query().split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        request.withQueryParam(name, value);
      }
    }
    if (!call.requestBody().isEmpty()) {
      request.withBody(call.requestBody());
    }
    return request.build();
  }

  private static OpenApiInteractionValidator validator() {
    if (validator == null) {
      synchronized (OperatorRequestCheck.class) {
        if (validator == null) {
          validator = OpenApiInteractionValidator.createForSpecificationUrl(SPEC.toUri().toString())
              .withLevelResolver(LevelResolver.create()
                  // Only requests are checked here; the stand-in's answers are StandInOpenApiTest's.
                  .withLevel("validation.response", ValidationReport.Level.IGNORE)
                  .build())
              .build();
        }
      }
    }
    return validator;
  }
}
