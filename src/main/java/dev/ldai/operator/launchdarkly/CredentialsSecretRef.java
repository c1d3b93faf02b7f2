package dev.ldai.operator.launchdarkly;

/** A Secret, in the resource's own namespace, and the key of the token in it (null: the default key). */
public record CredentialsSecretRef(String name, String key) {}
