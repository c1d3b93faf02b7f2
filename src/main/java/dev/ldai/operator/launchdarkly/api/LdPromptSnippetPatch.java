package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of update-prompt-snippet (schema {@code PromptSnippetPatch}): only non-null fields are sent and
 * replaced; each PATCH creates a new version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdPromptSnippetPatch(
    String name,
    String description,
    String text,
    List<String> tags,
    String maintainerId,
    String maintainerTeamKey) {}
