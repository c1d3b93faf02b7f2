package dev.ldai.operator.testing;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;

/**
 * Whether every informer of an operator watches the API server. The mock API server does not replay to a
 * watch what changed since the list it follows, as a real one does: a change made in between never reaches
 * the operator. Tests that start an operator wait for this before they change anything.
 */
public final class InformersWatching {

  private InformersWatching() {}

  public static boolean of(Operator operator) {
    return operator.getRuntimeInfo().isStarted()
        && operator.getRuntimeInfo().getRegisteredControllers().stream()
            .flatMap(controller -> controller.getControllerHealthInfo().eventSourceHealthIndicators().values().stream())
            .filter(InformerWrappingEventSourceHealthIndicator.class::isInstance)
            .flatMap(source -> ((InformerWrappingEventSourceHealthIndicator<?>) source).informerHealthIndicators()
                .values().stream())
            .allMatch(InformerHealthIndicator::isWatching);
  }
}
