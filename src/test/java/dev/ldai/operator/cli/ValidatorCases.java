package dev.ldai.operator.cli;

import java.util.List;

/**
 * Manifests for {@link ManifestValidator}, with what it says of each: valid ones, one or more breaking each kind of
 * schema check and each CEL rule of {@code crds/} that a create evaluates, and the same for a CRD of test's own
 * ({@link #PROBE_CRD}) that has the schema features the operator's CRDs do not use. {@link ManifestValidatorTest}
 * checks the violations, {@link ManifestValidatorParityTest} that the real API server refuses exactly the same.
 */
final class ValidatorCases {

  /** A manifest as a YAML text and the violations expected, as {@code field: message}; none when valid. */
  record Case(String name, String manifest, List<String> violations) {

    boolean valid() {
      return violations.isEmpty();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final String PROBE_GROUP = "manifestvalidator.test.ldai.dev";

  /**
   * A CRD with nullable, int-or-string, exclusive bounds, list types set and map, a map (additionalProperties) with
   * property counts, and rules with a messageExpression, without a message and with a fieldPath.
   */
  static final String PROBE_CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: validatorprobes.manifestvalidator.test.ldai.dev
      spec:
        group: manifestvalidator.test.ldai.dev
        names: {kind: ValidatorProbe, plural: validatorprobes, singular: validatorprobe}
        scope: Namespaced
        versions:
        - name: v1
          served: true
          storage: true
          subresources: {status: {}}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    note: {type: string, nullable: true, maxLength: 5}
                    port:
                      x-kubernetes-int-or-string: true
                      anyOf: [{type: integer}, {type: string}]
                    ratio: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true}
                    tags:
                      type: array
                      items: {type: string}
                      x-kubernetes-list-type: set
                    ports:
                      type: array
                      x-kubernetes-list-type: map
                      x-kubernetes-list-map-keys: [name]
                      items:
                        type: object
                        required: [name]
                        properties:
                          name: {type: string}
                          number: {type: integer}
                    env:
                      type: object
                      minProperties: 1
                      maxProperties: 2
                      additionalProperties: {type: string, minLength: 1}
                    window:
                      type: object
                      required: [from, to]
                      properties:
                        from: {type: integer}
                        to: {type: integer}
                      x-kubernetes-validations:
                      - rule: self.from <= self.to
                        messageExpression: "self.from > self.to + 100 ? 'from is far after to' : 'from is after to'"
                      - rule: self.to - self.from <= 10
                      - rule: self.from >= 0
                        message: from must not be negative
                        fieldPath: .from
                status:
                  type: object
                  properties:
                    phase: {type: string}
      """;

  private ValidatorCases() {}

  static String manifest(String kind, String spec) {
    return "apiVersion: ldai.dev/v1alpha1\nkind: " + kind + "\nmetadata: {name: probe}\nspec: " + spec + "\n";
  }

  static String probe(String spec) {
    return "apiVersion: " + PROBE_GROUP + "/v1\nkind: ValidatorProbe\nmetadata: {name: probe}\nspec: " + spec + "\n";
  }

  private static Case valid(String name, String manifest) {
    return new Case(name, manifest, List.of());
  }

  private static Case refused(String name, String manifest, String... violations) {
    return new Case(name, manifest, List.of(violations));
  }

  /** Valid manifests of every kind, which also run every CEL rule of crds/ that a create evaluates. */
  static List<Case> valid() {
    return List.of(
        valid("AIConfig, only what is required", manifest("AIConfig", "{projectKey: default, name: Support}")),
        valid("AIConfig with every field", manifest("AIConfig", """
            {projectKey: default, name: Support, key: support.v2, description: Answers., mode: agent, tags: [a, b],
             maintainerTeamKey: support, evaluationMetricKey: accepted, isInverted: false, deletionPolicy: Retain,
             adoptionPolicy: Adopt, managementPolicy: Observe, credentialsSecretRef: {name: ld, key: token}}""")),
        valid("AIConfigVariation with tools, judges and a model",
            manifest("AIConfigVariation", """
                {configRef: {name: support}, key: friendly, name: Friendly, modelConfigRef: {name: house},
                 model: {modelName: gpt-4o, parameters: {temperature: 0.7, stop: [a, b]}, custom: {x: {y: null}}},
                 messages: [{role: system, content: Be kind.}], state: published,
                 tools: [{toolRef: {name: search}}, {toolRef: {name: calc}, version: 3}, {key: web, version: 2}],
                 judgeConfiguration: {judges: [{judgeConfigKey: relevance, samplingRate: 1}, {judgeConfigKey: tone, samplingRate: 0.25}]}}""")),
        valid("AIConfigVariation of a config managed elsewhere",
            manifest("AIConfigVariation", "{projectKey: default, configKey: support, name: Friendly, modelConfigKey: OpenAI.gpt-4o}")),
        valid("AIConfigTargeting with rules, a rollout and targets",
            manifest("AIConfigTargeting", """
                {configRef: {name: support}, environmentKey: production, offVariation: disabled,
                 defaultRollout: {weights: [{variation: a, weight: 50000}, {variation: b, weight: 50000}]},
                 rules: [{variation: a, clauses: [{attribute: country, op: in, values: [de, 1, 2.5, true, null]}]},
                         {rollout: {bucketBy: key, weights: [{variation: a, weight: 100000}]},
                          clauses: [{attribute: plan, op: in, negate: true, values: [free]}]}],
                 targets: [{variation: a, values: [alice, bob]}]}""")),
        valid("AIConfigTargeting of a config managed elsewhere",
            manifest("AIConfigTargeting", "{projectKey: default, configKey: support, environmentKey: test, defaultVariation: a}")),
        valid("AIModelConfig with free-form parameters",
            manifest("AIModelConfig", """
                {projectKey: default, key: house, name: House, id: gpt-4o, provider: openai, tags: [x],
                 params: {temperature: 0.2, nested: {list: [1, 2.5, null]}}, customParams: 3, costPerInputToken: 0}""")),
        valid("AITool with a JSON Schema",
            manifest("AITool", """
                {projectKey: default, key: web-search, description: Searches., maintainerId: abc, customParameters: {a: 1},
                 schema: {type: object, properties: {query: {type: string}}, required: [query]}}""")),
        valid("PromptSnippet", manifest("PromptSnippet", "{projectKey: default, key: voice, name: Voice, text: Plain., maintainerTeamKey: brand}")),
        valid("AIAgentGraph with a root and edges",
            manifest("AIAgentGraph", """
                {projectKey: default, key: flow, name: Flow, root: {configRef: {name: triage}},
                 edges: [{key: a, source: {configRef: {name: triage}}, target: {configKey: support}, handoff: {reason: x, n: [1]}},
                         {key: b, source: {configKey: support}, target: {configRef: {name: triage}}}]}""")),
        valid("AIAgentGraph without root or edges", manifest("AIAgentGraph", "{projectKey: default, name: Flow}")),
        valid("a null where null is not allowed is dropped", manifest("AIConfig", "{projectKey: default, name: n, description: null, tags: null}")),
        valid("a null of a field with a default takes the default", manifest("AIConfig", "{projectKey: default, name: n, adoptionPolicy: null}")),
        valid("metadata with labels, annotations and finalizers", """
            apiVersion: ldai.dev/v1alpha1
            kind: AIConfig
            metadata:
              name: support.assistant-1
              labels: {app.kubernetes.io/name: support, tier: '', Team_A: x, unset: null}
              annotations: {Example.com/Any-Key: 'any value: at all', note: null}
              finalizers: [ldai.dev/finalizer]
            spec: {projectKey: default, name: n}
            """),
        valid("a status of the wrong types: a create drops it", manifest("AIConfig", "{projectKey: default, name: n}")
            + "status: {version: abc, conditions: 3}\n"),
        valid("ValidatorProbe with every feature", probe("""
            {note: null, port: 8080, ratio: 0.5, tags: [a, b], ports: [{name: http, number: 80}, {name: https}],
             env: {A: x, B: y}, window: {from: 1, to: 3}}""")),
        valid("ValidatorProbe with a port named by a string", probe("{port: http, note: short}")));
  }

  /** Manifests the API server refuses by their metadata, their schema or unknown fields. */
  static List<Case> refusedBySchema() {
    return List.of(
        refused("metadata.name missing", "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {labels: {a: b}}\nspec: {projectKey: p, name: n}\n",
            "metadata.name: Required value"),
        refused("metadata.name not a DNS subdomain", "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {name: Support_1}\nspec: {projectKey: p, name: n}\n",
            "metadata.name: must be a lowercase RFC 1123 subdomain: lower case alphanumeric characters, '-' or '.',"
                + " starting and ending with an alphanumeric character"),
        refused("metadata.name of 254 characters", "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {name: " + "a".repeat(254)
                + "}\nspec: {projectKey: p, name: n}\n",
            "metadata.name: must be no more than 253 characters"),
        refused("a label key and value that are not names", "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {name: probe, labels: {'a b': 'c d'}}\nspec: {projectKey: p, name: n}\n",
            "metadata.labels: key \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character",
            "metadata.labels: value \"c d\" must be empty or consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character"),
        refused("a label value of 64 characters", "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {name: probe, labels: {a: " + "v".repeat(64)
                + "}}\nspec: {projectKey: p, name: n}\n",
            "metadata.labels: value \"" + "v".repeat(64) + "\" must be no more than 63 characters"),
        refused("annotations over 256 KiB", "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {name: probe, annotations: {a: '" + "x".repeat(262144)
                + "'}}\nspec: {projectKey: p, name: n}\n",
            "metadata.annotations: must have at most 262144 bytes"),
        refused("a finalizer that is not a name", "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {name: probe, finalizers: ['a b']}\nspec: {projectKey: p, name: n}\n",
            "metadata.finalizers: key \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character"),
        refused("an unknown field in metadata", "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {name: probe, labelz: {a: b}}\nspec: {projectKey: p, name: n}\n",
            "metadata.labelz: unknown field \"metadata.labelz\""),
        refused("spec missing", "apiVersion: ldai.dev/v1alpha1\nkind: AIConfig\nmetadata: {name: probe}\n", "spec: Required value"),
        refused("a required field missing", manifest("AIConfig", "{projectKey: default}"), "spec.name: Required value"),
        refused("a required field null", manifest("PromptSnippet", "{projectKey: default, name: Voice, text: null}"), "spec.text: Required value"),
        refused("a required field of a nested object missing", manifest("AIConfigVariation", "{configRef: {}, name: n}"),
            "spec.configRef.name: Required value"),
        refused("a number for a string and a boolean for a string", manifest("AIConfig", "{projectKey: 12, name: true}"),
            "spec.projectKey: must be of type string, got integer", "spec.name: must be of type string, got boolean"),
        refused("a fraction for an integer", manifest("AIConfigVariation", "{configRef: {name: c}, name: n, tools: [{key: k, version: 1.5}]}"),
            "spec.tools[0].version: must be of type integer, got number"),
        refused("a string for an integer", manifest("AIConfigVariation", "{configRef: {name: c}, name: n, tools: [{key: k, version: '1'}]}"),
            "spec.tools[0].version: must be of type integer, got string"),
        refused("a string for an object", manifest("AIAgentGraph", """
                {projectKey: p, name: n, root: {configKey: a}, edges: [{key: e, source: {configKey: a}, target: {configKey: b}, handoff: now}]}"""),
            "spec.edges[0].handoff: must be of type object, got string"),
        refused("a string for a boolean", manifest("AIConfigTargeting", """
                {configRef: {name: c}, environmentKey: e, rules: [{variation: v, clauses: [{attribute: a, op: in, negate: 'true', values: []}]}]}"""),
            "spec.rules[0].clauses[0].negate: must be of type boolean, got string"),
        refused("a list for the spec", manifest("AIConfig", "[]"), "spec: must be of type object, got array"),
        refused("a null item in a list", manifest("AIConfig", "{projectKey: p, name: n, tags: [a, null]}"),
            "spec.tags[1]: must be of type string, got null"),
        refused("a value outside the enum", manifest("AIConfig", "{projectKey: p, name: n, deletionPolicy: Forever}"),
            "spec.deletionPolicy: must be one of: Delete, Retain"),
        refused("a key that does not match the pattern", manifest("AIConfig", "{projectKey: p, name: n, key: 'bad key'}"),
            "spec.key: must match ^[a-zA-Z0-9][a-zA-Z0-9._-]*$"),
        refused("a string shorter than minLength", manifest("AIConfig", "{projectKey: p, name: ''}"),
            "spec.name: must have at least 1 characters"),
        refused("a string longer than maxLength", manifest("AIConfig", "{projectKey: p, name: n, description: " + "x".repeat(10_001) + "}"),
            "spec.description: must have at most 10000 characters"),
        refused("a list shorter than minItems", manifest("AIConfigTargeting", "{configRef: {name: c}, environmentKey: e, defaultRollout: {weights: []}}"),
            "spec.defaultRollout: the weights sum to 100000 (100%)", "spec.defaultRollout.weights: must have at least 1 items"),
        refused("a list longer than maxItems", manifest("AIConfig", "{projectKey: p, name: n, tags: [" + "t,".repeat(100) + "t]}"),
            "spec.tags: must have at most 100 items"),
        refused("a number below the minimum", manifest("AIModelConfig", "{projectKey: p, name: n, id: i, costPerInputToken: -0.1}"),
            "spec.costPerInputToken: must be greater than or equal to 0"),
        refused("an integer below the minimum", manifest("AIConfigVariation", "{configRef: {name: c}, name: n, tools: [{key: k, version: 0}]}"),
            "spec.tools[0].version: must be greater than or equal to 1"),
        refused("a number above the maximum", manifest("AIConfigVariation",
                "{configRef: {name: c}, name: n, judgeConfiguration: {judges: [{judgeConfigKey: j, samplingRate: 1.5}]}}"),
            "spec.judgeConfiguration.judges[0].samplingRate: must be less than or equal to 1"),
        refused("an unknown field in the spec", manifest("AIConfig", "{projectKey: p, name: n, promt: hello}"),
            "spec.promt: unknown field \"spec.promt\""),
        refused("unknown fields in nested objects and list items", manifest("AIConfigVariation",
                "{configRef: {name: c, namespace: x}, name: n, messages: [{role: r, content: c, weight: 2}]}"),
            "spec.configRef.namespace: unknown field \"spec.configRef.namespace\"", "spec.messages[0].weight: unknown field \"spec.messages[0].weight\""),
        refused("an unknown field beside the spec", manifest("AIConfig", "{projectKey: p, name: n}") + "specs: {}\n",
            "specs: unknown field \"specs\""),
        refused("an unknown field in the status", manifest("AIConfig", "{projectKey: p, name: n}") + "status: {phase: Ready}\n",
            "status.phase: unknown field \"status.phase\""),
        refused("ValidatorProbe: a boolean for an int-or-string", probe("{port: true}"),
            "spec.port: must be of type integer or string, got boolean"),
        refused("ValidatorProbe: a nullable string too long", probe("{note: toolong}"), "spec.note: must have at most 5 characters"),
        refused("ValidatorProbe: the exclusive minimum itself", probe("{ratio: 0}"), "spec.ratio: must be greater than 0"),
        refused("ValidatorProbe: the exclusive maximum itself", probe("{ratio: 1}"), "spec.ratio: must be less than 1"),
        refused("ValidatorProbe: a duplicate in a list of type set", probe("{tags: [a, b, a]}"), "spec.tags[2]: duplicate value: \"a\""),
        refused("ValidatorProbe: a duplicate key in a list of type map", probe("{ports: [{name: http}, {name: http, number: 8080}]}"),
            "spec.ports[1]: duplicate value: {\"name\":\"http\"}"),
        refused("ValidatorProbe: a map value too short", probe("{env: {A: ''}}"), "spec.env.A: must have at least 1 characters"),
        refused("ValidatorProbe: a map over maxProperties", probe("{env: {A: x, B: y, C: z}}"), "spec.env: must have at most 2 properties"),
        refused("ValidatorProbe: a map under minProperties", probe("{env: {}}"), "spec.env: must have at least 1 properties"),
        refused("ValidatorProbe: a duplicate does not keep the rules from being evaluated", probe("{tags: [a, a], window: {from: 5, to: 3}}"),
            "spec.tags[1]: duplicate value: \"a\"", "spec.window: from is after to"),
        refused("ValidatorProbe: too many properties keep the rules from being evaluated", probe("{env: {A: x, B: y, C: z}, window: {from: 5, to: 3}}"),
            "spec.env: must have at most 2 properties"),
        refused("ValidatorProbe: a type error keeps the rules from being evaluated", probe("{port: 1.5, window: {from: 5, to: 3}}"),
            "spec.port: must be of type integer or string, got number"));
  }

  /** Manifests breaking each CEL rule a create evaluates, with the rule's message at the rule's field. */
  static List<Case> refusedByRules() {
    String graph = "{projectKey: p, name: n, root: {configKey: a}, edges: [{key: e, source: {configKey: a}, target: {configKey: b}}]";
    String maintainers = ", maintainerId: abc, maintainerTeamKey: team}";
    String bothMaintainers = "spec: set at most one of maintainerId and maintainerTeamKey";
    return List.of(
        refused("AIConfig with a reserved key", manifest("AIConfig", "{projectKey: p, name: n, key: quick-stats}"),
            "spec: key must not be model-configs, quick-stats or prompt-snippets (reserved by LaunchDarkly's API)"),
        refused("AIConfig with both maintainers", manifest("AIConfig", "{projectKey: p, name: n" + maintainers), bothMaintainers),
        refused("AITool with both maintainers", manifest("AITool", "{projectKey: p, schema: {}" + maintainers), bothMaintainers),
        refused("PromptSnippet with both maintainers", manifest("PromptSnippet", "{projectKey: p, name: n, text: t" + maintainers), bothMaintainers),
        refused("AIAgentGraph with both maintainers", manifest("AIAgentGraph", "{projectKey: p, name: n" + maintainers), bothMaintainers),
        refused("AIAgentGraph with a root and no edges", manifest("AIAgentGraph", "{projectKey: p, name: n, root: {configKey: a}}"),
            "spec: set root and edges together, or neither"),
        refused("AIAgentGraph with edges and no root", manifest("AIAgentGraph",
                "{projectKey: p, name: n, edges: [{key: e, source: {configKey: a}, target: {configKey: b}}]}"),
            "spec: set root and edges together, or neither"),
        refused("AIAgentGraph with two edges of one key", manifest("AIAgentGraph", graph.replace("]", ", {key: e, source: {configKey: b}, target: {configKey: a}}]") + "}"),
            "spec.edges: edge keys must be unique"),
        refused("AIAgentGraph with a root named twice", manifest("AIAgentGraph", graph.replace("root: {configKey: a}", "root: {configKey: a, configRef: {name: a}}") + "}"),
            "spec.root: set either configRef or configKey"),
        refused("AIAgentGraph with an edge source named by nothing", manifest("AIAgentGraph", graph.replace("source: {configKey: a}", "source: {}") + "}"),
            "spec.edges[0].source: set either configRef or configKey"),
        refused("AIAgentGraph with an edge target named twice", manifest("AIAgentGraph",
                graph.replace("target: {configKey: b}", "target: {configKey: b, configRef: {name: b}}") + "}"),
            "spec.edges[0].target: set either configRef or configKey"),
        refused("AIConfigVariation with configRef and configKey", manifest("AIConfigVariation", "{configRef: {name: c}, projectKey: p, configKey: c, name: n}"),
            "spec: set either configRef, or both projectKey and configKey"),
        refused("AIConfigVariation with configKey and no projectKey", manifest("AIConfigVariation", "{configKey: c, name: n}"),
            "spec: set either configRef, or both projectKey and configKey"),
        refused("AIConfigVariation with both model config fields", manifest("AIConfigVariation",
                "{configRef: {name: c}, name: n, modelConfigRef: {name: m}, modelConfigKey: OpenAI.gpt-4o}"),
            "spec: set at most one of modelConfigRef and modelConfigKey"),
        refused("AIConfigVariation with a tool named twice", manifest("AIConfigVariation", "{configRef: {name: c}, name: n, tools: [{toolRef: {name: t}, key: t, version: 1}]}"),
            "spec.tools[0]: set either toolRef or key"),
        refused("AIConfigVariation with a tool named by key without a version", manifest("AIConfigVariation",
                "{configRef: {name: c}, name: n, tools: [{toolRef: {name: t}}, {key: t}]}"),
            "spec.tools[1]: a tool named by key needs a version"),
        refused("AIConfigTargeting with neither configRef nor configKey", manifest("AIConfigTargeting", "{projectKey: p, environmentKey: e}"),
            "spec: set either configRef, or both projectKey and configKey"),
        refused("AIConfigTargeting with a default variation and a default rollout", manifest("AIConfigTargeting",
                "{configRef: {name: c}, environmentKey: e, defaultVariation: a, defaultRollout: {weights: [{variation: a, weight: 100000}]}}"),
            "spec: set at most one of defaultVariation and defaultRollout"),
        refused("AIConfigTargeting with default weights summing to 90%", manifest("AIConfigTargeting",
                "{configRef: {name: c}, environmentKey: e, defaultRollout: {weights: [{variation: a, weight: 50000}, {variation: b, weight: 40000}]}}"),
            "spec.defaultRollout: the weights sum to 100000 (100%)"),
        refused("AIConfigTargeting with a variation weighted twice by default", manifest("AIConfigTargeting",
                "{configRef: {name: c}, environmentKey: e, defaultRollout: {weights: [{variation: a, weight: 50000}, {variation: a, weight: 50000}]}}"),
            "spec.defaultRollout: each variation is weighted once"),
        refused("AIConfigTargeting with a rule serving a variation and a rollout", manifest("AIConfigTargeting",
                "{configRef: {name: c}, environmentKey: e, rules: [{variation: a, rollout: {weights: [{variation: a, weight: 100000}]}}]}"),
            "spec.rules[0]: a rule serves either a variation or a rollout"),
        refused("AIConfigTargeting with a rule rollout of 20 weights summing to 100001", manifest("AIConfigTargeting",
                "{configRef: {name: c}, environmentKey: e, rules: [{variation: a}, {rollout: {weights: [" + twentyWeights(1) + "]}}]}"),
            "spec.rules[1].rollout: the weights sum to 100000 (100%)"),
        refused("AIConfigTargeting with a variation weighted twice by a rule", manifest("AIConfigTargeting",
                "{configRef: {name: c}, environmentKey: e, rules: [{rollout: {weights: [{variation: b, weight: 0}, {variation: b, weight: 100000}]}}]}"),
            "spec.rules[0].rollout: each variation is weighted once"),
        refused("ValidatorProbe: a rule with a messageExpression", probe("{window: {from: 5, to: 3}}"), "spec.window: from is after to"),
        refused("ValidatorProbe: a rule without a message", probe("{window: {from: 0, to: 20}}"),
            "spec.window: failed rule: self.to - self.from <= 10"),
        refused("ValidatorProbe: a rule with a fieldPath", probe("{window: {from: -1, to: 2}}"), "spec.window.from: from must not be negative"));
  }

  /** Twenty weights of distinct variations, summing to 100000 plus {@code extra}. */
  static String twentyWeights(int extra) {
    StringBuilder weights = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      weights.append(i == 0 ? "" : ", ").append("{variation: v").append(i).append(", weight: ").append(5000 + (i == 0 ? extra : 0)).append('}');
    }
    return weights.toString();
  }
}
