package dev.ldai.operator.common;

/** A spec that names the LaunchDarkly project its object lives in. */
public interface ProjectScoped {

  String getProjectKey();
}
