package dev.ldai.operator.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ldai.operator.status.MergePatch;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * The one way the operator writes a status, in tests as in production: a JSON merge patch from the
 * status as stored to the next one, so that a field set to null is sent as null and really cleared, with
 * no resourceVersion to carry over (only the operator writes status). The write goes through the operator
 * SDK's cache, which then shows it and does not reconcile the resource again for it.
 */
final class MergePatchStatusWriter<R extends CustomResource<?, S>, S> implements StatusWriter<R, S> {

  private static final ObjectMapper MAPPER = Serialization.jsonMapper();

  private final Context<R> context;
  private R stored;

  MergePatchStatusWriter(R stored, Context<R> context) {
    this.stored = stored;
    this.context = context;
  }

  @Override
  public R write(S next) {
    JsonNode patch = MergePatch.between(MAPPER.valueToTree(stored.getStatus()), MAPPER.valueToTree(next));
    if (patch.isEmpty()) {
      return stored;
    }
    String body = MAPPER.createObjectNode().set("status", patch).toString();
    // Given the resource, the client sends the patch as it is, without reading the resource first.
    stored = context.resourceOperations().resourcePatch(stored, resource -> context.getClient().resource(resource)
            .subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), body),
        context.eventSourceRetriever().getControllerEventSource());
    return stored;
  }

  @Override
  public R stored() {
    return stored;
  }
}
