package dev.ldai.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ldai.operator.config.LdaiConfig;
import dev.ldai.operator.drift.ProjectPoller;
import dev.ldai.operator.drift.ProjectSnapshot;
import dev.ldai.operator.launchdarkly.ApiToken;
import dev.ldai.operator.launchdarkly.CredentialsException;
import dev.ldai.operator.launchdarkly.CredentialsResolver;
import dev.ldai.operator.launchdarkly.CredentialsSecretRef;
import dev.ldai.operator.launchdarkly.ErrorClassifier;
import dev.ldai.operator.launchdarkly.ErrorKind;
import dev.ldai.operator.launchdarkly.LaunchDarklyClient;
import dev.ldai.operator.launchdarkly.LaunchDarklyException;
import dev.ldai.operator.launchdarkly.LaunchDarklyMetrics;
import dev.ldai.operator.launchdarkly.api.LdAIConfig;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPage;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPatch;
import dev.ldai.operator.launchdarkly.api.LdAIConfigPost;
import dev.ldai.operator.launchdarkly.api.LdAITool;
import dev.ldai.operator.launchdarkly.api.LdAIToolPage;
import dev.ldai.operator.launchdarkly.api.LdAIToolPatch;
import dev.ldai.operator.launchdarkly.api.LdAIToolPost;
import dev.ldai.operator.launchdarkly.api.LdAgentGraph;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPage;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPatch;
import dev.ldai.operator.launchdarkly.api.LdAgentGraphPost;
import dev.ldai.operator.launchdarkly.api.LdModelConfig;
import dev.ldai.operator.launchdarkly.api.LdModelConfigPost;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippet;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPage;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPatch;
import dev.ldai.operator.launchdarkly.api.LdPromptSnippetPost;
import dev.ldai.operator.launchdarkly.api.LdSnippetReferences;
import dev.ldai.operator.launchdarkly.api.LdTargeting;
import dev.ldai.operator.launchdarkly.api.LdTargetingPatch;
import dev.ldai.operator.launchdarkly.api.LdToolReferences;
import dev.ldai.operator.launchdarkly.api.LdVariation;
import dev.ldai.operator.launchdarkly.api.LdVariationPatch;
import dev.ldai.operator.launchdarkly.api.LdVariationPost;
import dev.ldai.operator.launchdarkly.api.LdVariationVersions;
import dev.ldai.operator.status.CommonStatus;
import dev.ldai.operator.status.ConditionTypes;
import dev.ldai.operator.status.Conditions;
import dev.ldai.operator.status.Outcome;
import dev.ldai.operator.status.Reason;
import dev.ldai.operator.status.Timestamps;
import dev.ldai.operator.testing.ManualClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import io.javaoperatorsdk.operator.api.reconciler.BaseControl;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Ignore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order {@link LaunchDarklyReconciler} owns, case by case (DESIGN §6, issue 21 item 4): a fake kind over an
 * in-memory LaunchDarkly, an in-memory status store, recorded Events and a manual clock. No Quarkus, no HTTP,
 * no Kubernetes server. Each case states everything that must happen; whatever it does not state (a write to
 * LaunchDarkly, an Event, a condition, a status error, a reschedule, a status write) must not happen.
 */
class ReconcileOrderTest {

  static final String NAMESPACE = "team";
  static final String PROJECT = "proj";
  static final String KEY = "bot";
  static final ApiToken TOKEN = ApiToken.of("api-order-test");
  static final Duration RESYNC = Duration.ofMinutes(10);
  static final Duration UNAUTHORIZED_RETRY = Duration.ofMinutes(5);
  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(2);
  static final String SPEC_NAME = "Support bot";
  static final String SPEC_DESCRIPTION = "Answers support questions";
  static final String FOREIGN_OWNER_TAG = OwnerTag.of("FakeConfig", "other-team", KEY);

  // ---- The cases ----

  static Stream<Case> reconciles() {
    return Stream.of(
        scenario("paused: no LaunchDarkly call, Ready=False Paused")
            .given(World::paused)
            .when(Act.RECONCILE)
            .then(expect().noCalls().ready("False", "Paused").statusWrites(1)),

        scenario("no spec: Stalled InvalidSpec, a Warning")
            .given(w -> w.stored().setSpec(null))
            .when(Act.RECONCILE)
            .then(expect().noCalls().ready("False", "InvalidSpec").stalled("InvalidSpec")
                .events("Warning InvalidSpec").statusWrites(1)),

        scenario("an older resource claims the key: Stalled Conflict, no call")
            .given(w -> w.cluster.others.add(w.olderClaimant(false)))
            .when(Act.RECONCILE)
            .then(expect().noCalls().ready("False", "Conflict").stalled("Conflict")
                .events("Warning Conflict").statusWrites(1)),

        scenario("a referent not Ready: Reconciling DependencyNotReady, no call, woken by the referent")
            .given(w -> w.stored().getSpec().setWaitsFor("parent"))
            .when(Act.RECONCILE)
            .then(expect().noCalls().ready("False", "DependencyNotReady").reconciling("DependencyNotReady")
                .statusWrites(1)),

        scenario("no credentials: Stalled Unauthorized, no call, retried after the unauthorized interval")
            .given(w -> w.credentials.refusal = "No LaunchDarkly token: create Secret team/ldai-credentials")
            .when(Act.RECONCILE)
            .then(expect().noCalls().ready("False", "Unauthorized").stalled("Unauthorized")
                .events("Warning Unauthorized").reschedule(Reschedule.exactly(UNAUTHORIZED_RETRY)).statusWrites(1)),

        scenario("create: the intent (Creating, status.key) is written before the one POST, then Created and Ready")
            .when(Act.RECONCILE)
            .then(expect().writes("POST proj/bot").ready("True", "Synced").events("Normal Created").statusWrites(2)
                .and("the create intent was written before the POST", w -> {
                  StatusWrite intent = w.cluster.writes.get(0);
                  assertThat(intent.status().getKey()).isEqualTo(KEY);
                  assertThat(conditionOf(intent.status(), ConditionTypes.RECONCILING)).isEqualTo("True Creating");
                  assertThat(intent.launchDarklyCallsBefore()).noneMatch(call -> call.method().equals("POST"));
                  assertThat(w.launchDarkly.object(KEY).orElseThrow().tags()).containsExactly(OwnerTag.of(w.stored()));
                })),

        scenario("the listing shows the resource's own object (owner tag): taken back with no write")
            .given(w -> w.launchDarkly.holds(w.ownObject(4)))
            .when(Act.RECONCILE)
            .then(expect().calls("LIST proj/ai-configs", "LIST proj/model-configs").ready("True", "Synced")
                .events("Normal TookBack").statusWrites(1)
                .and("status records the key and the version taken back", w -> {
                  assertThat(w.stored().getStatus().getKey()).isEqualTo(KEY);
                  assertThat(w.stored().getStatus().getVersion()).isEqualTo(4);
                })),

        scenario("the listing shows a foreign object under Never: Stalled AlreadyExists, and no POST on the next reconcile either")
            .given(w -> w.launchDarkly.holds(w.foreignObject(SPEC_DESCRIPTION)))
            .when(Act.RECONCILE_TWICE)
            .then(expect().calls("LIST proj/ai-configs", "LIST proj/model-configs").ready("False", "AlreadyExists")
                .stalled("AlreadyExists").events("Warning AlreadyExists").reschedule(Reschedule.exactly(RESYNC))
                .statusWrites(1)
                .and("the key is not claimed", w -> assertThat(w.stored().getStatus().getKey()).isNull())),

        scenario("a foreign object under Adopt, as the spec says: adopted without a write")
            .given(w -> {
              w.stored().getSpec().setAdoptionPolicy(AdoptionPolicy.Adopt);
              w.launchDarkly.holds(w.foreignObject(SPEC_DESCRIPTION));
            })
            .when(Act.RECONCILE)
            .then(expect().ready("True", "Synced").events("Normal Adopted").statusWrites(1)),

        scenario("a foreign object under Adopt, differing: adopted, and PATCHed in what differs")
            .given(w -> {
              w.stored().getSpec().setAdoptionPolicy(AdoptionPolicy.Adopt);
              w.launchDarkly.holds(w.foreignObject("Written in the UI"));
            })
            .when(Act.RECONCILE)
            .then(expect().writes("PATCH proj/bot").ready("True", "Synced").events("Normal Adopted", "Normal Updated")
                .statusWrites(1)
                .and("only the description is sent", w -> assertThat(w.launchDarkly.patches).singleElement()
                    .satisfies(patch -> assertThat(patch.fields()).containsExactly("description")))),

        scenario("409 on the POST under Never (made after the listing): the claim is withdrawn, Stalled AlreadyExists")
            .given(w -> {
              w.listed();
              w.launchDarkly.holds(w.foreignObject(SPEC_DESCRIPTION));
            })
            .when(Act.RECONCILE)
            .then(expect().writes("POST proj/bot").ready("False", "AlreadyExists").stalled("AlreadyExists")
                .events("Warning AlreadyExists").reschedule(Reschedule.exactly(RESYNC)).statusWrites(2)
                .and("the key recorded for the create is withdrawn", w -> assertThat(w.stored().getStatus().getKey()).isNull())),

        scenario("409 on the POST under Adopt (made after the listing): adopted from the new listing, no GET, and PATCHed")
            .given(w -> {
              w.stored().getSpec().setAdoptionPolicy(AdoptionPolicy.Adopt);
              w.listed();
              w.launchDarkly.holds(w.foreignObject("Written in the UI"));
            })
            .when(Act.RECONCILE)
            .then(expect().calls("POST proj/bot", "LIST proj/ai-configs", "LIST proj/model-configs", "PATCH proj/bot")
                .ready("True", "Synced")
                .events("Normal Adopted", "Normal Updated").statusWrites(2)),

        scenario("the create's answer is lost: retried with backoff; the next reconcile finds its own object, Created, and does not POST again")
            .given(w -> w.launchDarkly.failNext("POST", Fault.answerLost()))
            .when(Act.RECONCILE_TWICE)
            .then(expect().writes("POST proj/bot").ready("True", "Synced").statusWrites(3).events("Normal Created")
                .and("the first reconcile kept the key, reported the failure and retries with backoff", w -> {
                  FakeStatus afterFirst = w.cluster.writes.get(1).status();
                  assertThat(afterFirst.getKey()).isEqualTo(KEY);
                  assertThat(conditionOf(afterFirst, ConditionTypes.READY)).isEqualTo("False LaunchDarklyUnavailable");
                  assertThat(afterFirst.getError().getHttpStatus()).isZero();
                  Reschedule.between(INITIAL_BACKOFF.dividedBy(2), INITIAL_BACKOFF).check(w.controls.get(0));
                })),

        scenario("Observe, LaunchDarkly differs: status.drift and DriftDetected, no write")
            .given(w -> {
              w.stored().getSpec().setManagementPolicy(ManagementPolicy.Observe);
              w.launchDarkly.holds(w.foreignObject("Written in the UI"));
            })
            .when(Act.RECONCILE)
            .then(expect().calls("GET proj/bot").ready("True", "Synced").events("Warning DriftDetected").statusWrites(1)
                .and("status.drift names the field", w -> assertThat(w.stored().getStatus().getDrift()).containsExactly("description"))),

        scenario("Observe, not in LaunchDarkly: Reconciling NotFound, looked for again every resync")
            .given(w -> w.stored().getSpec().setManagementPolicy(ManagementPolicy.Observe))
            .when(Act.RECONCILE)
            .then(expect().calls("GET proj/bot").ready("False", "NotFound").reconciling("NotFound")
                .reschedule(Reschedule.exactly(RESYNC)).statusWrites(1)),

        scenario("in sync with nothing new since the start: no call and no status write")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
            })
            .when(Act.RECONCILE)
            .then(expect().noCalls().ready("True", "Synced")),

        scenario("in sync, read since a listing exists: one GET, no write, no status write")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
              w.listed();
            })
            .when(Act.RECONCILE)
            .then(expect().calls("GET proj/bot").ready("True", "Synced")),

        scenario("spec changed: one PATCH with only the differing field, Updated")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObjectDescribed("The old description", 1));
              w.specChanged();
            })
            .when(Act.RECONCILE)
            .then(expect().writes("PATCH proj/bot").ready("True", "Synced").events("Normal Updated").statusWrites(1)
                .and("only the description is sent, and the status shows the new version and generation", w -> {
                  assertThat(w.launchDarkly.patches).singleElement()
                      .satisfies(patch -> assertThat(patch.fields()).containsExactly("description"));
                  assertThat(w.stored().getStatus().getVersion()).isEqualTo(2);
                  assertThat(w.stored().getStatus().getObservedGeneration()).isEqualTo(2L);
                })),

        scenario("a listing shows a change made in the UI: reverted from the listing without a GET, DriftCorrected")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
              w.reconcileNow();
              w.launchDarkly.holds(w.ownObjectDescribed("Edited in the UI", 2));
              w.listed();
            })
            .when(Act.RECONCILE)
            .then(expect().calls("PATCH proj/bot").ready("True", "Synced").events("Warning DriftCorrected").statusWrites(1)
                .and("LaunchDarkly holds the spec again", w ->
                    assertThat(w.launchDarkly.object(KEY).orElseThrow().description()).isEqualTo(SPEC_DESCRIPTION))),

        scenario("429 with Retry-After 7 s: Reconciling RateLimited, retried after about 7 s")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObjectDescribed("The old description", 1));
              w.specChanged();
              w.launchDarkly.failNext("PATCH", Fault.rateLimited(7));
            })
            .when(Act.RECONCILE)
            .then(expect().writes("PATCH proj/bot").ready("False", "RateLimited").reconciling("RateLimited")
                .error("rate_limited").reschedule(Reschedule.between(Duration.ofMillis(7000), Duration.ofMillis(7700)))
                .statusWrites(1)),

        scenario("5xx: Reconciling LaunchDarklyUnavailable, retried with backoff")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObjectDescribed("The old description", 1));
              w.specChanged();
              w.launchDarkly.failNext("PATCH", Fault.answer(503, "service_unavailable", "Service unavailable"));
            })
            .when(Act.RECONCILE)
            .then(expect().writes("PATCH proj/bot").ready("False", "LaunchDarklyUnavailable")
                .reconciling("LaunchDarklyUnavailable").error("service_unavailable")
                .reschedule(Reschedule.between(INITIAL_BACKOFF.dividedBy(2), INITIAL_BACKOFF)).statusWrites(1)),

        scenario("terminal 400: Stalled InvalidSpec, one Warning across two reconciles, no retry")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObjectDescribed("The old description", 1));
              w.specChanged();
              w.launchDarkly.failEvery("PATCH", Fault.answer(400, "invalid_request", "description: too long"));
            })
            .when(Act.RECONCILE_TWICE)
            .then(expect().writes("PATCH proj/bot", "PATCH proj/bot").ready("False", "InvalidSpec").stalled("InvalidSpec")
                .error("invalid_request").events("Warning InvalidSpec").statusWrites(1)),

        scenario("401: Stalled Unauthorized, the namespace's credentials forgotten")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
              w.listed();
              w.launchDarkly.failNext("GET", Fault.answer(401, "unauthorized", "Invalid account token"));
            })
            .when(Act.RECONCILE)
            .then(expect().calls("GET proj/bot").ready("False", "Unauthorized").stalled("Unauthorized")
                .error("unauthorized").events("Warning Unauthorized").reschedule(Reschedule.exactly(UNAUTHORIZED_RETRY))
                .statusWrites(1)
                .and("credentials forgotten for the namespace", w -> assertThat(w.credentials.forgotten).containsExactly(NAMESPACE))),

        scenario("a passing failure (503) on a resource Ready at its generation: stays Ready, status.error set")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
              w.listed();
              w.launchDarkly.failNext("GET", Fault.answer(503, "service_unavailable", "Service unavailable"));
            })
            .when(Act.RECONCILE)
            .then(expect().calls("GET proj/bot").ready("True", "Synced").error("service_unavailable")
                .reschedule(Reschedule.between(INITIAL_BACKOFF.dividedBy(2), INITIAL_BACKOFF)).statusWrites(1)),

        scenario("the status write's answer shows a newer generation: reconciled again at once")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObjectDescribed("The old description", 1));
              w.specChanged();
              w.cluster.answer = WriteAnswer.NEWER_GENERATION;
            })
            .when(Act.RECONCILE)
            .then(expect().writes("PATCH proj/bot").ready("True", "Synced").events("Normal Updated")
                .reschedule(Reschedule.exactly(Duration.ZERO)).statusWrites(1)),

        scenario("the status write's answer shows a deletion: reconciled again at once")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObjectDescribed("The old description", 1));
              w.specChanged();
              w.cluster.answer = WriteAnswer.DELETING;
            })
            .when(Act.RECONCILE)
            .then(expect().writes("PATCH proj/bot").ready("True", "Synced").events("Normal Updated")
                .reschedule(Reschedule.exactly(Duration.ZERO)).statusWrites(1)),

        scenario("an unexpected exception in observe: Ready=False OperatorError, one Warning over two reconciles, backoff growing")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
              w.listed();
              w.kind.observeFailure = new IllegalStateException("the fake kind's observe broke");
            })
            .when(Act.RECONCILE_TWICE)
            .then(expect().noCalls().ready("False", "OperatorError").reconciling("OperatorError").error("operator_error")
                .events("Warning OperatorError").reschedule(Reschedule.between(INITIAL_BACKOFF, INITIAL_BACKOFF.multipliedBy(2)))
                .statusWrites(1)
                .and("the first retry came after the first backoff step", w ->
                    Reschedule.between(INITIAL_BACKOFF.dividedBy(2), INITIAL_BACKOFF).check(w.controls.get(0)))),

        scenario("the status write fails: a Warning, retried with backoff")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObjectDescribed("The old description", 1));
              w.specChanged();
              w.cluster.answer = WriteAnswer.FAILS;
            })
            .when(Act.RECONCILE)
            .then(expect().writes("PATCH proj/bot").ready("True", "Synced").events("Normal Updated", "Warning OperatorError")
                .reschedule(Reschedule.between(INITIAL_BACKOFF.dividedBy(2), INITIAL_BACKOFF))
                .and("the Warning says the status could not be written", w ->
                    assertThat(w.events.recorded).last().satisfies(event -> assertThat(event.action()).isEqualTo("WriteStatus")))),

        scenario("the create intent cannot be written: no POST, one Warning, one step of backoff")
            .given(w -> w.cluster.answer = WriteAnswer.FAILS)
            .when(Act.RECONCILE)
            .then(expect().calls("LIST proj/ai-configs", "LIST proj/model-configs")
                .events("Warning OperatorError")
                .reschedule(Reschedule.between(INITIAL_BACKOFF.dividedBy(2), INITIAL_BACKOFF))),

        scenario("a create that failed unapplied, then someone else makes the key: refused under Never, not PATCHed")
            .given(w -> {
              w.launchDarkly.failNext("POST", Fault.answer(503, "service_unavailable", "Service unavailable"));
              w.reconcileNow();
              w.launchDarkly.holds(w.foreignObject("Written in the UI"));
            })
            .when(Act.RECONCILE)
            .then(expect().ready("False", "AlreadyExists").stalled("AlreadyExists").error("service_unavailable")
                .events("Warning AlreadyExists").reschedule(Reschedule.exactly(RESYNC)).statusWrites(1)));
  }

  static Stream<Case> cleanups() {
    return Stream.of(
        scenario("cleanup, Delete: one DELETE, Deleted, finalizer removed")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
              w.deleting();
            })
            .when(Act.CLEANUP)
            .then(expect().writes("DELETE proj/bot").ready("True", "Synced").events("Normal Deleted").finalizerRemoved(true)
                .and("the object is gone", w -> assertThat(w.launchDarkly.object(KEY)).isEmpty())),

        scenario("cleanup, Delete, already gone from LaunchDarkly: Deleted, finalizer removed")
            .given(w -> {
              w.synced(1);
              w.deleting();
            })
            .when(Act.CLEANUP)
            .then(expect().writes("DELETE proj/bot").ready("True", "Synced").events("Normal Deleted").finalizerRemoved(true)),

        scenario("cleanup, Retain: no call, Retained, finalizer removed")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
              w.stored().getSpec().setDeletionPolicy(DeletionPolicy.Retain);
              w.deleting();
            })
            .when(Act.CLEANUP)
            .then(expect().noCalls().ready("True", "Synced").events("Normal Retained").finalizerRemoved(true)),

        scenario("cleanup, paused: no call, Released, finalizer removed")
            .given(w -> {
              w.synced(1);
              w.paused();
              w.deleting();
            })
            .when(Act.CLEANUP)
            .then(expect().noCalls().ready("True", "Synced").events("Normal Released").finalizerRemoved(true)),

        scenario("cleanup, never synced: no call, no Event, finalizer removed")
            .given(World::deleting)
            .when(Act.CLEANUP)
            .then(expect().noCalls().finalizerRemoved(true)),

        scenario("cleanup, an older resource manages the object: no call, finalizer removed")
            .given(w -> {
              w.synced(1);
              w.cluster.others.add(w.olderClaimant(true));
              w.deleting();
            })
            .when(Act.CLEANUP)
            .then(expect().noCalls().ready("True", "Synced").finalizerRemoved(true)),

        scenario("cleanup, DELETE answers 503: finalizer kept, Ready=False LaunchDarklyUnavailable written, retried with backoff")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
              w.launchDarkly.failNext("DELETE", Fault.answer(503, "service_unavailable", "Service unavailable"));
              w.deleting();
            })
            .when(Act.CLEANUP)
            .then(expect().writes("DELETE proj/bot").ready("False", "LaunchDarklyUnavailable").reconciling("LaunchDarklyUnavailable")
                .error("service_unavailable").reschedule(Reschedule.between(INITIAL_BACKOFF.dividedBy(2), INITIAL_BACKOFF))
                .statusWrites(1).finalizerRemoved(false)),

        scenario("cleanup, DELETE answers 400: released with DeleteSkipped")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
              w.launchDarkly.failNext("DELETE", Fault.answer(400, "invalid_request", "cannot delete this config"));
              w.deleting();
            })
            .when(Act.CLEANUP)
            .then(expect().writes("DELETE proj/bot").ready("True", "Synced").events("Warning DeleteSkipped").finalizerRemoved(true)),

        scenario("cleanup, no credentials any more: released with DeleteSkipped")
            .given(w -> {
              w.synced(1);
              w.credentials.refusal = "spec.credentialsSecretRef: Secret team/gone not found";
              w.deleting();
            })
            .when(Act.CLEANUP)
            .then(expect().noCalls().ready("True", "Synced").events("Warning DeleteSkipped").finalizerRemoved(true)),

        scenario("cleanup, the kind's delete is refused: finalizer kept, Stalled and a Warning with the refusal's reason,"
            + " asked again with backoff")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
              w.kind.deleteRefusal = "used by AI Config other-bot";
              w.deleting();
            })
            .when(Act.CLEANUP)
            .then(expect().noCalls().ready("False", "ModelConfigInUse").stalled("ModelConfigInUse")
                .events("Warning ModelConfigInUse").statusWrites(1)
                .reschedule(Reschedule.between(INITIAL_BACKOFF.dividedBy(2), INITIAL_BACKOFF)).finalizerRemoved(false)),

        scenario("cleanup, an unexpected exception in delete: OperatorError condition and Warning, finalizer kept")
            .given(w -> {
              w.synced(1);
              w.launchDarkly.holds(w.ownObject(1));
              w.kind.deleteFailure = new IllegalStateException("the fake kind's delete broke");
              w.deleting();
            })
            .when(Act.CLEANUP)
            .then(expect().noCalls().ready("False", "OperatorError").reconciling("OperatorError").error("operator_error")
                .events("Warning OperatorError").reschedule(Reschedule.between(INITIAL_BACKOFF.dividedBy(2), INITIAL_BACKOFF))
                .statusWrites(1).finalizerRemoved(false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reconciles")
  void reconcile(Case scenario) {
    scenario.run();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cleanups")
  void cleanup(Case scenario) {
    scenario.run();
  }

  // ---- The table's vocabulary ----

  enum Act {
    RECONCILE,
    RECONCILE_TWICE,
    CLEANUP;

    void on(World world) {
      switch (this) {
        case RECONCILE -> world.reconcileNow();
        case RECONCILE_TWICE -> {
          world.reconcileNow();
          world.reconcileNow();
        }
        case CLEANUP -> world.cleanupNow();
      }
    }
  }

  record Case(String name, Consumer<World> given, Act act, Expect expected) {

    void run() {
      World world = new World();
      given.accept(world);
      world.forgetWhatHappened();
      act.on(world);
      expected.verify(world);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static CaseBuilder scenario(String name) {
    return new CaseBuilder(name);
  }

  static final class CaseBuilder {
    private final String name;
    private Consumer<World> given = world -> {};
    private Act act;

    CaseBuilder(String name) {
      this.name = name;
    }

    CaseBuilder given(Consumer<World> given) {
      this.given = given;
      return this;
    }

    CaseBuilder when(Act act) {
      this.act = act;
      return this;
    }

    Case then(Expect expected) {
      return new Case(name, given, act, expected);
    }
  }

  static Expect expect() {
    return new Expect();
  }

  /** What a case expects; every default is "nothing happened". */
  static final class Expect {
    private List<String> writes = List.of();
    private List<String> calls;
    private String ready;
    private String reconciling;
    private String stalled;
    private String errorCode;
    private List<String> events = List.of();
    private Reschedule reschedule = Reschedule.none();
    private int statusWrites;
    private Boolean finalizerRemoved;
    private final Map<String, Consumer<World>> more = new LinkedHashMap<>();

    /** The writes made to LaunchDarkly, in order, answered or not. */
    Expect writes(String... writes) {
      this.writes = List.of(writes);
      return this;
    }

    /** Every LaunchDarkly call, in order; implies the writes among them. */
    Expect calls(String... calls) {
      this.calls = List.of(calls);
      this.writes = Stream.of(calls).filter(Call::changesLaunchDarkly).toList();
      return this;
    }

    Expect noCalls() {
      return calls();
    }

    /** The Ready condition as stored; unset: no Ready condition at all. */
    Expect ready(String status, String reason) {
      this.ready = status + " " + reason;
      return this;
    }

    Expect reconciling(String reason) {
      this.reconciling = "True " + reason;
      return this;
    }

    Expect stalled(String reason) {
      this.stalled = "True " + reason;
      return this;
    }

    Expect error(String code) {
      this.errorCode = code;
      return this;
    }

    /** The Events, as "Type Reason", in order. */
    Expect events(String... events) {
      this.events = List.of(events);
      return this;
    }

    Expect reschedule(Reschedule reschedule) {
      this.reschedule = reschedule;
      return this;
    }

    Expect statusWrites(int count) {
      this.statusWrites = count;
      return this;
    }

    Expect finalizerRemoved(boolean removed) {
      this.finalizerRemoved = removed;
      return this;
    }

    Expect and(String what, Consumer<World> check) {
      more.put(what, check);
      return this;
    }

    void verify(World w) {
      if (calls != null) {
        assertThat(w.launchDarkly.calls).as("LaunchDarkly calls").map(Call::toString).isEqualTo(calls);
      }
      assertThat(w.launchDarkly.calls).as("LaunchDarkly writes").filteredOn(Call::changesLaunchDarkly).map(Call::toString)
          .isEqualTo(writes);
      FakeStatus status = w.stored().getStatus();
      assertThat(conditionOf(status, ConditionTypes.READY)).as("Ready").isEqualTo(ready);
      assertThat(conditionOf(status, ConditionTypes.RECONCILING)).as("Reconciling").isEqualTo(reconciling);
      assertThat(conditionOf(status, ConditionTypes.STALLED)).as("Stalled").isEqualTo(stalled);
      assertThat(status == null || status.getError() == null ? null : status.getError().getCode())
          .as("status.error.code").isEqualTo(errorCode);
      assertThat(w.events.recorded).as("Events").map(RecordedEvent::typeAndReason).isEqualTo(events);
      reschedule.check(w.controls.get(w.controls.size() - 1));
      assertThat(w.cluster.writes).as("status writes").hasSize(statusWrites);
      if (finalizerRemoved != null) {
        assertThat(w.controls).last().as("finalizer removed")
            .satisfies(control -> assertThat(((DeleteControl) control).isRemoveFinalizer()).isEqualTo(finalizerRemoved));
      }
      more.forEach((what, check) -> assertThatCode(() -> check.accept(w)).as(what).doesNotThrowAnyException());
    }
  }

  /** When the resource is reconciled again without an event: never, or within a range of delays. */
  record Reschedule(Duration atLeast, Duration atMost) {

    static Reschedule none() {
      return new Reschedule(null, null);
    }

    static Reschedule exactly(Duration delay) {
      return new Reschedule(delay, delay);
    }

    static Reschedule between(Duration atLeast, Duration atMost) {
      return new Reschedule(atLeast, atMost);
    }

    void check(BaseControl<?> control) {
      Optional<Long> delay = control.getScheduleDelay();
      if (atLeast == null) {
        assertThat(delay).as("reschedule").isEmpty();
      } else {
        assertThat(delay).as("reschedule").hasValueSatisfying(millis ->
            assertThat(millis).as("reschedule delay (ms)").isBetween(atLeast.toMillis(), atMost.toMillis()));
      }
    }
  }

  static String conditionOf(CommonStatus status, String type) {
    return status == null ? null
        : status.condition(type).map(condition -> condition.getStatus() + " " + condition.getReason()).orElse(null);
  }

  // ---- The world a case runs in ----

  static final class World {
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final InMemoryLaunchDarkly launchDarkly = new InMemoryLaunchDarkly(clock);
    final RecordingEvents events = new RecordingEvents(clock);
    final FixedCredentials credentials = new FixedCredentials(clock);
    final ProjectPoller poller = new ProjectPoller(token -> launchDarkly, new TestConfig(), clock);
    final FakeKind kind = new FakeKind(new ReconcileSupport(token -> launchDarkly, credentials, new TestConfig(), clock, events, poller));
    final InMemoryCluster cluster = new InMemoryCluster(fakeConfig(KEY, "2026-12-01T09:00:00Z"), () -> launchDarkly.calls);
    final List<BaseControl<?>> controls = new ArrayList<>();

    FakeConfig stored() {
      return cluster.stored;
    }

    void reconcileNow() {
      controls.add(kind.reconcile(copyOf(cluster.stored), null, cluster));
      clock.advance(Duration.ofSeconds(1));
    }

    void cleanupNow() {
      controls.add(kind.cleanup(copyOf(cluster.stored), null, cluster));
      clock.advance(Duration.ofSeconds(1));
    }

    /** The state the given built stays (LaunchDarkly, the cluster, what the operator remembers); its log goes. */
    void forgetWhatHappened() {
      launchDarkly.calls.clear();
      launchDarkly.patches.clear();
      events.recorded.clear();
      cluster.writes.clear();
      controls.clear();
      credentials.forgotten.clear();
    }

    /** A listing of the project begins now (as the poller makes them), and time passes. */
    void listed() {
      poller.relist(TOKEN, PROJECT);
      clock.advance(Duration.ofSeconds(1));
    }

    /** As the operator leaves a resource it synced: Ready at its generation, with its key and version. */
    void synced(int version) {
      FakeConfig resource = stored();
      FakeStatus status = new FakeStatus();
      status.setKey(KEY);
      status.setVersion(version);
      status.setObservedGeneration(resource.getMetadata().getGeneration());
      status.setLastSyncTime(Timestamps.now(clock));
      Conditions.apply(status, Outcome.ready("Fake config " + KEY + " is in sync"), resource.getMetadata().getGeneration(), clock);
      resource.setStatus(status);
    }

    void paused() {
      stored().getMetadata().setAnnotations(Map.of(ManagementPolicy.RECONCILE_ANNOTATION, ManagementPolicy.PAUSED));
    }

    void specChanged() {
      stored().getMetadata().setGeneration(stored().getMetadata().getGeneration() + 1);
    }

    void deleting() {
      stored().getMetadata().setDeletionTimestamp(Timestamps.format(clock.instant()));
    }

    /** The object this resource made, as LaunchDarkly holds it. */
    LdAIConfig ownObject(int version) {
      return ownObjectDescribed(SPEC_DESCRIPTION, version);
    }

    LdAIConfig ownObjectDescribed(String description, int version) {
      return ldObject(SPEC_NAME, description, List.of(OwnerTag.of(stored())), version);
    }

    /** An object the resource of another namespace made under the same key. */
    LdAIConfig foreignObject(String description) {
      return ldObject(SPEC_NAME, description, List.of(FOREIGN_OWNER_TAG), 1);
    }

    /** A resource claiming the same key, created an hour before this one. */
    FakeConfig olderClaimant(boolean synced) {
      FakeConfig older = fakeConfig("first-bot", "2026-12-01T08:00:00Z");
      older.getSpec().setKey(KEY);
      if (synced) {
        FakeStatus status = new FakeStatus();
        status.setKey(KEY);
        status.setLastSyncTime(Timestamps.now(clock));
        older.setStatus(status);
      }
      return older;
    }
  }

  static FakeConfig fakeConfig(String name, String createdAt) {
    FakeSpec spec = new FakeSpec();
    spec.setProjectKey(PROJECT);
    spec.setName(SPEC_NAME);
    spec.setDescription(SPEC_DESCRIPTION);
    FakeConfig resource = new FakeConfig();
    resource.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(name).withUid("uid-" + name)
        .withGeneration(1L).withCreationTimestamp(createdAt).withFinalizers(Finalizers.NAME).build());
    resource.setSpec(spec);
    return resource;
  }

  static LdAIConfig ldObject(String name, String description, List<String> tags, int version) {
    return new LdAIConfig(KEY, name, description, null, tags, version, 0L, 0L, null, null, null, List.of(), null, null);
  }

  static FakeConfig copyOf(FakeConfig resource) {
    return Serialization.jsonMapper().convertValue(resource, FakeConfig.class);
  }

  static FakeStatus copyOf(FakeStatus status) {
    return Serialization.jsonMapper().convertValue(status, FakeStatus.class);
  }

  // ---- The fake kind ----

  @Group("test.ldai.dev")
  @Version("v1")
  public static class FakeConfig extends CustomResource<FakeSpec, FakeStatus> implements Namespaced {}

  public static class FakeSpec extends CommonSpec {
    private String projectKey;
    private String name;
    private String description;
    private String waitsFor;

    public String getProjectKey() {
      return projectKey;
    }

    public void setProjectKey(String projectKey) {
      this.projectKey = projectKey;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getDescription() {
      return description;
    }

    public void setDescription(String description) {
      this.description = description;
    }

    /** A referent the resource needs Ready before it can resolve its target; never Ready in these cases. */
    public String getWaitsFor() {
      return waitsFor;
    }

    public void setWaitsFor(String waitsFor) {
      this.waitsFor = waitsFor;
    }
  }

  public static class FakeStatus extends CommonStatus {
    private Integer version;

    public Integer getVersion() {
      return version;
    }

    public void setVersion(Integer version) {
      this.version = version;
    }
  }

  record Where(String project, String key) implements Target {
    @Override
    public String what() {
      return "Fake config " + key;
    }

    @Override
    public String where() {
      return "project " + project;
    }
  }

  /** A kind that makes AI Configs from a name and a description, as a real kind would. */
  // Without @Ignore the operator SDK's Quarkus extension registers this test double as a controller in every
  // @QuarkusTest application (and generates its CRD), whose build then fails.
  @Ignore
  static final class FakeKind extends LaunchDarklyReconciler<FakeConfig, FakeStatus, Where, LdAIConfig, LdAIConfigPatch>
      implements Creates<FakeConfig, FakeStatus, Where, LdAIConfig>, ShownInListing<FakeConfig> {

    RuntimeException observeFailure;
    RuntimeException deleteFailure;
    String deleteRefusal;

    FakeKind(ReconcileSupport support) {
      super(support);
    }

    @Override
    protected Class<FakeStatus> statusType() {
      return FakeStatus.class;
    }

    @Override
    protected String claim(FakeConfig resource, Context<FakeConfig> context) {
      return resource.getSpec().getProjectKey() + "/" + Keys.effectiveKey(resource, resource.getSpec());
    }

    @Override
    protected Where target(FakeConfig resource, Context<FakeConfig> context) {
      String referent = resource.getSpec().getWaitsFor();
      if (referent != null) {
        throw new DependencyNotReadyException("FakeConfig %s is not Ready".formatted(referent));
      }
      return new Where(resource.getSpec().getProjectKey(), Keys.effectiveKey(resource, resource.getSpec()));
    }

    @Override
    protected Optional<Where> recordedTarget(FakeConfig resource) {
      return Optional.ofNullable(resource.getStatus()).map(FakeStatus::getKey)
          .map(key -> new Where(resource.getSpec().getProjectKey(), key));
    }

    @Override
    protected Optional<LdAIConfig> observe(Sync<FakeConfig, FakeStatus, Where> sync) {
      if (observeFailure != null) {
        throw observeFailure;
      }
      Where where = sync.target();
      return sync.listing().map(listing -> listing.config(where.key()))
          .orElseGet(() -> sync.client().getConfig(where.project(), where.key()));
    }

    @Override
    public Listed listed(Sync<FakeConfig, FakeStatus, Where> sync, ProjectSnapshot listing) {
      return listing.config(sync.target().key())
          .map(config -> carriesOwnerTag(sync, config) ? Listed.OWN : Listed.FOREIGN)
          .orElse(Listed.ABSENT);
    }

    @Override
    public boolean carriesOwnerTag(Sync<FakeConfig, FakeStatus, Where> sync, LdAIConfig config) {
      return OwnerTag.carries(config.tags(), OwnerTag.of(sync.resource()));
    }

    @Override
    public LdAIConfig create(Sync<FakeConfig, FakeStatus, Where> sync) {
      FakeSpec spec = sync.resource().getSpec();
      return sync.client().createConfig(sync.target().project(), new LdAIConfigPost(sync.target().key(), spec.getName(),
          spec.getDescription(), null, List.of(OwnerTag.of(sync.resource())), null, null, null, null));
    }

    @Override
    protected Diff<LdAIConfigPatch> diff(Sync<FakeConfig, FakeStatus, Where> sync, LdAIConfig observed) {
      FakeSpec spec = sync.resource().getSpec();
      LdAIConfigPatch patch = new LdAIConfigPatch(
          Objects.equals(spec.getName(), observed.name()) ? null : spec.getName(),
          Objects.equals(spec.getDescription(), observed.description()) ? null : spec.getDescription(),
          null, null, null, null, null);
      return new Diff<>(patch.fields(), patch);
    }

    @Override
    protected Updated<LdAIConfig> update(Sync<FakeConfig, FakeStatus, Where> sync, LdAIConfig observed, Diff<LdAIConfigPatch> diff) {
      LdAIConfig patched = sync.client().patchConfig(sync.target().project(), sync.target().key(), diff.change());
      return Updated.patched(patched, String.join(", ", diff.fields()) + " changed");
    }

    @Override
    protected Deletion delete(FakeConfig resource, Where recorded, LaunchDarklyClient client) {
      if (deleteFailure != null) {
        throw deleteFailure;
      }
      if (deleteRefusal != null) {
        return Deletion.refused(Reason.ModelConfigInUse, "Fake config %s is in use: %s".formatted(recorded.key(), deleteRefusal));
      }
      return Deletion.done(client.deleteConfig(recorded.project(), recorded.key())
          ? "Deleted fake config " + recorded.key()
          : "Fake config %s was already gone".formatted(recorded.key()));
    }

    @Override
    protected void fillStatus(FakeStatus status, LdAIConfig observed) {
      status.setKey(observed.key());
      status.setVersion(observed.version());
    }

    @Override
    public boolean outOfDate(FakeConfig resource, ProjectSnapshot snapshot) {
      return snapshot.configDiffers(resource.getSpec().getProjectKey(), resource.getStatus().getKey(),
          resource.getStatus().getVersion());
    }
  }

  // ---- The cluster, in memory ----

  enum WriteAnswer {
    /** Stored as written. */
    STORED,
    /** Stored; meanwhile the spec changed, so the answer shows a newer generation. */
    NEWER_GENERATION,
    /** Stored; meanwhile the resource was deleted, so the answer shows a deletion timestamp. */
    DELETING,
    /** The API server refuses the write. */
    FAILS
  }

  /** A status write as the cluster received it, and the LaunchDarkly calls made before it. */
  record StatusWrite(FakeStatus status, List<Call> launchDarklyCallsBefore) {
    @Override
    public String toString() {
      return "key=%s Ready=%s Reconciling=%s Stalled=%s after %s".formatted(status.getKey(),
          conditionOf(status, ConditionTypes.READY), conditionOf(status, ConditionTypes.RECONCILING),
          conditionOf(status, ConditionTypes.STALLED), launchDarklyCallsBefore);
    }
  }

  /** The resource under test as the API server stores it, the kind's other resources, and status writes. */
  static final class InMemoryCluster implements ReconcileScope<FakeConfig, FakeStatus> {
    FakeConfig stored;
    final List<FakeConfig> others = new ArrayList<>();
    final List<StatusWrite> writes = new ArrayList<>();
    WriteAnswer answer = WriteAnswer.STORED;
    private final Supplier<List<Call>> launchDarklyCalls;

    InMemoryCluster(FakeConfig stored, Supplier<List<Call>> launchDarklyCalls) {
      this.stored = stored;
      this.launchDarklyCalls = launchDarklyCalls;
    }

    @Override
    public Stream<FakeConfig> resources() {
      return Stream.concat(Stream.of(stored), others.stream()).map(ReconcileOrderTest::copyOf);
    }

    @Override
    public StatusWriter<FakeConfig, FakeStatus> statusWriter(FakeConfig resource) {
      return new StatusWriter<>() {
        private FakeConfig current = resource;

        @Override
        public FakeConfig write(FakeStatus next) {
          if (answer == WriteAnswer.FAILS) {
            throw new KubernetesClientException("the API server refused the status patch", 500, null);
          }
          if (Serialization.jsonMapper().valueToTree(next).equals(Serialization.jsonMapper().valueToTree(current.getStatus()))) {
            return current;
          }
          writes.add(new StatusWrite(copyOf(next), List.copyOf(launchDarklyCalls.get())));
          FakeConfig written = copyOf(current);
          written.setStatus(copyOf(next));
          if (answer == WriteAnswer.NEWER_GENERATION) {
            written.getMetadata().setGeneration(written.getMetadata().getGeneration() + 1);
          } else if (answer == WriteAnswer.DELETING) {
            written.getMetadata().setDeletionTimestamp("2026-12-01T10:30:00Z");
          }
          stored = copyOf(written);
          current = written;
          return written;
        }

        @Override
        public FakeConfig stored() {
          return current;
        }
      };
    }
  }

  // ---- LaunchDarkly, in memory ----

  /** A LaunchDarkly call: method, project and key ("ai-configs" / "model-configs" for listings). */
  record Call(String method, String project, String key) {

    static boolean changesLaunchDarkly(String call) {
      return !call.startsWith("GET ") && !call.startsWith("LIST ");
    }

    boolean changesLaunchDarkly() {
      return changesLaunchDarkly(toString());
    }

    @Override
    public String toString() {
      return method + " " + project + "/" + key;
    }
  }

  /**
   * How LaunchDarkly fails one call: an answer with a status (and Retry-After seconds for a 429), classified as
   * {@code RestLaunchDarklyClient} does; or the write applied and its answer lost (a read timeout).
   */
  record Fault(int httpStatus, String code, String message, String retryAfterHeader, boolean appliedButAnswerLost) {

    static Fault answer(int httpStatus, String code, String message) {
      return new Fault(httpStatus, code, message, null, false);
    }

    static Fault rateLimited(int retryAfterSeconds) {
      return new Fault(429, "rate_limited", "You have made too many requests", Integer.toString(retryAfterSeconds), false);
    }

    static Fault answerLost() {
      return new Fault(0, null, null, null, true);
    }

    LaunchDarklyException exception(Clock clock) {
      if (appliedButAnswerLost) {
        return new LaunchDarklyException(0, null, "SocketTimeoutException: Read timed out", ErrorKind.TRANSIENT, null,
            new SocketTimeoutException("Read timed out"));
      }
      return new LaunchDarklyException(httpStatus, code, message, ErrorClassifier.classify(httpStatus, code, message),
          ErrorClassifier.retryAfter(retryAfterHeader, null, clock).orElse(null), null);
    }
  }

  /** AI Configs of one project, with a call log and per-call faults. */
  static final class InMemoryLaunchDarkly implements LaunchDarklyClient {
    private final Clock clock;
    private final Map<String, LdAIConfig> configs = new HashMap<>();
    private final Map<String, Deque<Fault>> nextFaults = new HashMap<>();
    private final Map<String, Fault> everyFault = new HashMap<>();
    final List<Call> calls = new ArrayList<>();
    final List<LdAIConfigPatch> patches = new ArrayList<>();

    InMemoryLaunchDarkly(Clock clock) {
      this.clock = clock;
    }

    void holds(LdAIConfig config) {
      configs.put(config.key(), config);
    }

    Optional<LdAIConfig> object(String key) {
      return Optional.ofNullable(configs.get(key));
    }

    void failNext(String method, Fault fault) {
      nextFaults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(fault);
    }

    void failEvery(String method, Fault fault) {
      everyFault.put(method, fault);
    }

    private <X> X call(String method, String project, String key, Supplier<X> operation) {
      calls.add(new Call(method, project, key));
      Deque<Fault> queued = nextFaults.get(method);
      Fault fault = queued != null && !queued.isEmpty() ? queued.poll() : everyFault.get(method);
      if (fault == null) {
        return operation.get();
      }
      if (fault.appliedButAnswerLost()) {
        operation.get();
      }
      throw fault.exception(clock);
    }

    @Override
    public LdAIConfigPage listConfigs(String projectKey, int limit, int offset) {
      return call("LIST", projectKey, "ai-configs", () -> {
        List<LdAIConfig> all = configs.values().stream().sorted(Comparator.comparing(LdAIConfig::key)).toList();
        return new LdAIConfigPage(all.stream().skip(offset).limit(limit).toList(), all.size(), null);
      });
    }

    @Override
    public List<LdModelConfig> listModelConfigs(String projectKey) {
      return call("LIST", projectKey, "model-configs", List::of);
    }

    @Override
    public Optional<LdAIConfig> getConfig(String projectKey, String configKey) {
      return call("GET", projectKey, configKey, () -> Optional.ofNullable(configs.get(configKey)));
    }

    @Override
    public LdAIConfig createConfig(String projectKey, LdAIConfigPost body) {
      return call("POST", projectKey, body.key(), () -> {
        if (configs.containsKey(body.key())) {
          throw Fault.answer(409, "conflict", "An AI Config with key %s already exists".formatted(body.key())).exception(clock);
        }
        long now = clock.millis();
        LdAIConfig created = new LdAIConfig(body.key(), body.name(), body.description(), body.mode(), body.tags(), 1,
            now, now, body.evaluationMetricKey(), body.isInverted(), null, List.of(), null, null);
        configs.put(created.key(), created);
        return created;
      });
    }

    @Override
    public LdAIConfig patchConfig(String projectKey, String configKey, LdAIConfigPatch body) {
      return call("PATCH", projectKey, configKey, () -> {
        patches.add(body);
        LdAIConfig old = Optional.ofNullable(configs.get(configKey))
            .orElseThrow(() -> Fault.answer(404, "not_found", "Unknown AI Config").exception(clock));
        LdAIConfig patched = new LdAIConfig(old.key(), body.name() != null ? body.name() : old.name(),
            body.description() != null ? body.description() : old.description(), old.mode(),
            body.tags() != null ? body.tags() : old.tags(), old.version() + 1, old.createdAt(), clock.millis(),
            old.evaluationMetricKey(), old.isInverted(), old.maintainer(), old.variations(), old.links(), old.dependencies());
        configs.put(configKey, patched);
        return patched;
      });
    }

    @Override
    public boolean deleteConfig(String projectKey, String configKey) {
      return call("DELETE", projectKey, configKey, () -> configs.remove(configKey) != null);
    }

    @Override
    public LdVariation createVariation(String projectKey, String configKey, LdVariationPost body) {
      throw new UnsupportedOperationException("the fake kind has no variations");
    }

    @Override
    public Optional<LdVariationVersions> getVariation(String projectKey, String configKey, String variationKey) {
      throw new UnsupportedOperationException("the fake kind has no variations");
    }

    @Override
    public LdVariation patchVariation(String projectKey, String configKey, String variationKey, LdVariationPatch body) {
      throw new UnsupportedOperationException("the fake kind has no variations");
    }

    @Override
    public boolean deleteVariation(String projectKey, String configKey, String variationKey) {
      throw new UnsupportedOperationException("the fake kind has no variations");
    }

    @Override
    public Optional<LdModelConfig> getModelConfig(String projectKey, String modelConfigKey) {
      throw new UnsupportedOperationException("the fake kind has no model configs");
    }

    @Override
    public LdModelConfig createModelConfig(String projectKey, LdModelConfigPost body) {
      throw new UnsupportedOperationException("the fake kind has no model configs");
    }

    @Override
    public boolean deleteModelConfig(String projectKey, String modelConfigKey) {
      throw new UnsupportedOperationException("the fake kind has no model configs");
    }

    @Override
    public Optional<LdTargeting> getTargeting(String projectKey, String configKey) {
      throw new UnsupportedOperationException("the fake kind has no targeting");
    }

    @Override
    public LdTargeting patchTargeting(String projectKey, String configKey, LdTargetingPatch body) {
      throw new UnsupportedOperationException("the fake kind has no targeting");
    }

    @Override
    public LdAIToolPage listTools(String projectKey, int limit, int offset) {
      throw new UnsupportedOperationException("the fake kind has no tools");
    }

    @Override
    public Optional<LdAITool> getTool(String projectKey, String toolKey) {
      throw new UnsupportedOperationException("the fake kind has no tools");
    }

    @Override
    public LdAITool createTool(String projectKey, LdAIToolPost body) {
      throw new UnsupportedOperationException("the fake kind has no tools");
    }

    @Override
    public LdAITool patchTool(String projectKey, String toolKey, LdAIToolPatch body) {
      throw new UnsupportedOperationException("the fake kind has no tools");
    }

    @Override
    public boolean deleteTool(String projectKey, String toolKey) {
      throw new UnsupportedOperationException("the fake kind has no tools");
    }

    @Override
    public Optional<LdAIToolPage> listToolVersions(String projectKey, String toolKey, int limit, int offset) {
      throw new UnsupportedOperationException("the fake kind has no tools");
    }

    @Override
    public Optional<LdToolReferences> listToolReferences(String projectKey, String toolKey, int limit, int offset) {
      throw new UnsupportedOperationException("the fake kind has no tools");
    }

    @Override
    public LdPromptSnippetPage listPromptSnippets(String projectKey, int limit, int offset) {
      throw new UnsupportedOperationException("the fake kind has no prompt snippets");
    }

    @Override
    public Optional<LdPromptSnippet> getPromptSnippet(String projectKey, String snippetKey) {
      throw new UnsupportedOperationException("the fake kind has no prompt snippets");
    }

    @Override
    public LdPromptSnippet createPromptSnippet(String projectKey, LdPromptSnippetPost body) {
      throw new UnsupportedOperationException("the fake kind has no prompt snippets");
    }

    @Override
    public LdPromptSnippet patchPromptSnippet(String projectKey, String snippetKey, LdPromptSnippetPatch body) {
      throw new UnsupportedOperationException("the fake kind has no prompt snippets");
    }

    @Override
    public boolean deletePromptSnippet(String projectKey, String snippetKey) {
      throw new UnsupportedOperationException("the fake kind has no prompt snippets");
    }

    @Override
    public Optional<LdPromptSnippetPage> listPromptSnippetVersions(
        String projectKey, String snippetKey, int limit, int offset) {
      throw new UnsupportedOperationException("the fake kind has no prompt snippets");
    }

    @Override
    public Optional<LdSnippetReferences> listPromptSnippetReferences(
        String projectKey, String snippetKey, int limit, int offset) {
      throw new UnsupportedOperationException("the fake kind has no prompt snippets");
    }

    @Override
    public LdAgentGraphPage listAgentGraphs(String projectKey, int limit, int offset) {
      throw new UnsupportedOperationException("the fake kind has no agent graphs");
    }

    @Override
    public Optional<LdAgentGraph> getAgentGraph(String projectKey, String graphKey) {
      throw new UnsupportedOperationException("the fake kind has no agent graphs");
    }

    @Override
    public LdAgentGraph createAgentGraph(String projectKey, LdAgentGraphPost body) {
      throw new UnsupportedOperationException("the fake kind has no agent graphs");
    }

    @Override
    public LdAgentGraph patchAgentGraph(String projectKey, String graphKey, LdAgentGraphPatch body) {
      throw new UnsupportedOperationException("the fake kind has no agent graphs");
    }

    @Override
    public boolean deleteAgentGraph(String projectKey, String graphKey) {
      throw new UnsupportedOperationException("the fake kind has no agent graphs");
    }
  }

  // ---- The rest of what a reconciler is given ----

  record RecordedEvent(String type, String reason, String action, String message) {
    String typeAndReason() {
      return type + " " + reason;
    }
  }

  static final class RecordingEvents extends EventRecorder {
    final List<RecordedEvent> recorded = new ArrayList<>();

    RecordingEvents(Clock clock) {
      // No Kubernetes client: the overridden methods never emit.
      super(null, clock, new LaunchDarklyMetrics(new SimpleMeterRegistry()));
    }

    @Override
    public void normal(HasMetadata resource, String reason, String action, String message) {
      recorded.add(new RecordedEvent("Normal", reason, action, message));
    }

    @Override
    public void warning(HasMetadata resource, String reason, String action, String message) {
      recorded.add(new RecordedEvent("Warning", reason, action, message));
    }
  }

  /** One token for every namespace, or none (a refusal); remembers which namespaces it was told to forget. */
  static final class FixedCredentials extends CredentialsResolver {
    final List<String> forgotten = new ArrayList<>();
    String refusal;

    FixedCredentials(Clock clock) {
      super(null, new TestConfig(), null, clock);
    }

    @Override
    public ApiToken resolve(String namespace, CredentialsSecretRef ref) {
      if (refusal != null) {
        throw new CredentialsException(refusal);
      }
      return TOKEN;
    }

    @Override
    public void forget(String namespace) {
      forgotten.add(namespace);
    }
  }

  /** The operator's defaults, as far as the order uses them. */
  static final class TestConfig implements LdaiConfig {
    @Override
    public Duration resyncInterval() {
      return RESYNC;
    }

    @Override
    public DeletionPolicy defaultDeletionPolicy() {
      return DeletionPolicy.Delete;
    }

    @Override
    public Duration unauthorizedRetryInterval() {
      return UNAUTHORIZED_RETRY;
    }

    @Override
    public Credentials credentials() {
      return new Credentials() {
        @Override
        public String defaultSecretName() {
          return "ldai-credentials";
        }

        @Override
        public String defaultSecretKey() {
          return "apiToken";
        }

        @Override
        public Duration cacheTtl() {
          return Duration.ofSeconds(30);
        }
      };
    }

    @Override
    public LaunchDarkly launchdarkly() {
      throw new UnsupportedOperationException("the order uses no LaunchDarkly endpoint settings");
    }

    @Override
    public Retry retry() {
      return new Retry() {
        @Override
        public Duration initialBackoff() {
          return INITIAL_BACKOFF;
        }

        @Override
        public Duration maxBackoff() {
          return Duration.ofMinutes(5);
        }
      };
    }

    @Override
    public LeaderElection leaderElection() {
      throw new UnsupportedOperationException("the order uses no leader election");
    }
  }
}
