package dev.ldai.operator.cli;

import java.util.List;
import java.util.Optional;

/**
 * What to export: a project; its AI Configs named by key, or all when none is named; the environments whose
 * targeting is exported; the namespace written into each object, if any.
 */
record ExportRequest(String projectKey, List<String> configKeys, List<String> environmentKeys, Optional<String> namespace) {

  ExportRequest {
    configKeys = List.copyOf(configKeys);
    environmentKeys = List.copyOf(environmentKeys);
  }

  boolean exportsEveryConfig() {
    return configKeys.isEmpty();
  }
}
