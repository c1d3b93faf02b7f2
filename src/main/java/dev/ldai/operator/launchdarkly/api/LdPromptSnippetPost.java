package dev.ldai.operator.launchdarkly.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Body of create-prompt-snippet (schema {@code PromptSnippetPost}); null fields are not sent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LdPromptSnippetPost(
    String key,
    String name,
    String description,
    String text,
    List<String> tags,
    String maintainerId,
    String maintainerTeamKey) {}
