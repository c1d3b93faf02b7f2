package dev.ldai.operator.aiconfig;

import dev.ldai.operator.common.LocalReference;

/**
 * A spec that belongs to an AI Config: an AIConfig of its namespace ({@code configRef}), or one not
 * managed in this cluster ({@code projectKey} and {@code configKey}).
 */
public interface ConfigScoped {

  LocalReference getConfigRef();

  String getProjectKey();

  String getConfigKey();
}
