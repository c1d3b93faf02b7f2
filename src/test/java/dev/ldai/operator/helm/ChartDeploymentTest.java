package dev.ldai.operator.helm;

import static dev.ldai.operator.helm.RenderedChart.FULLNAME;
import static dev.ldai.operator.helm.RenderedChart.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ldai.operator.common.DeletionPolicy;
import dev.ldai.operator.config.LdaiConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The operator's Deployment, its Service and ServiceMonitor. */
class ChartDeploymentTest {

  @Test
  void thePodRunsAsANonRootUserWithoutPrivileges() {
    PodSpec pod = podSpec(render());
    Container container = operatorContainer(pod);

    PodSecurityContext podSecurity = pod.getSecurityContext();
    assertThat(podSecurity.getRunAsNonRoot()).isTrue();
    assertThat(podSecurity.getRunAsUser()).isEqualTo(185L);
    assertThat(podSecurity.getRunAsGroup()).isEqualTo(185L);
    assertThat(podSecurity.getFsGroup()).isEqualTo(185L);
    assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    SecurityContext security = container.getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getPrivileged()).isNull();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
    assertThat(pod.getHostNetwork()).isNull();
  }

  @Test
  void tmpIsAWritableEmptyDirOnTheReadOnlyRootFilesystem() {
    PodSpec pod = podSpec(render());

    List<VolumeMount> tmp = operatorContainer(pod).getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals("/tmp")).toList();
    assertThat(tmp).hasSize(1);
    assertThat(tmp.get(0).getReadOnly()).isNotEqualTo(Boolean.TRUE);
    Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.get(0).getName()))
        .findFirst().orElseThrow(() -> new AssertionError("no volume " + tmp.get(0).getName()));
    assertThat(volume.getEmptyDir()).isNotNull();
  }

  @Test
  void probesUseTheQuarkusHealthEndpointsOnTheHttpPort() {
    Container container = operatorContainer(podSpec(render()));

    assertThat(container.getPorts()).singleElement()
        .satisfies(port -> {
          assertThat(port.getName()).isEqualTo("http");
          assertThat(port.getContainerPort()).isEqualTo(8080);
        });
    assertHttpProbe(container.getStartupProbe(), "/q/health/started");
    assertHttpProbe(container.getLivenessProbe(), "/q/health/live");
    assertHttpProbe(container.getReadinessProbe(), "/q/health/ready");
  }

  @Test
  void imageTagDefaultsToTheAppVersionAndResourcesToSaneValues() {
    Container container = operatorContainer(podSpec(render()));

    assertThat(container.getImage()).isEqualTo("ghcr.io/ldai-dev/ldai-operator:0.1.0");
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container.getResources().getRequests())
        .isEqualTo(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")));
    assertThat(container.getResources().getLimits()).isEqualTo(Map.of("memory", new Quantity("512Mi")));

    Container custom = operatorContainer(podSpec(render("image.repository", "registry.local/ldai", "image.tag", "dev",
        "image.pullPolicy", "Never", "resources.limits.memory", "1Gi")));
    assertThat(custom.getImage()).isEqualTo("registry.local/ldai:dev");
    assertThat(custom.getImagePullPolicy()).isEqualTo("Never");
    assertThat(custom.getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
  }

  @Test
  void theDefaultEnvironmentIsExactlyTheOperatorsConfiguration() {
    Deployment deployment = render().only(Deployment.class);

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("POD_NAMESPACE", "fieldRef:metadata.namespace");
    expected.put("LDAI_LAUNCHDARKLY_BASE_URL", "https://app.launchdarkly.com");
    expected.put("LDAI_LAUNCHDARKLY_API_VERSION", "20240415");
    expected.put("LDAI_RESYNC_INTERVAL", "10m");
    expected.put("LDAI_DEFAULT_DELETION_POLICY", "Delete");
    expected.put("LDAI_UNAUTHORIZED_RETRY_INTERVAL", "5m");
    expected.put("LDAI_CREDENTIALS_DEFAULT_SECRET_NAME", "ldai-credentials");
    expected.put("LDAI_LAUNCHDARKLY_RATE_LIMIT_MAX_CONCURRENT_REQUESTS", "5");
    expected.put("LDAI_LAUNCHDARKLY_RATE_LIMIT_REQUESTS_PER_SECOND", "10");
    expected.put("LDAI_LEADER_ELECTION_LEASE_NAME", FULLNAME);
    expected.put("LDAI_LEADER_ELECTION_LEASE_NAMESPACE", "fieldRef:metadata.namespace");
    expected.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    expected.put("QUARKUS_LOG_LEVEL", "INFO");
    assertThat(env(deployment)).isEqualTo(expected);
  }

  @Test
  void everyValueReachesTheOperatorUnderTheNameItReads() {
    Deployment deployment = render(
        "launchdarkly.baseUrl", "https://app.eu.launchdarkly.com",
        "launchdarkly.apiVersion", "beta",
        "launchdarkly.token.existingSecret", "launchdarkly",
        "operator.resyncInterval", "7m",
        "operator.defaultDeletionPolicy", "Retain",
        "operator.unauthorizedRetryInterval", "90s",
        "operator.credentialsSecretName", "team-token",
        "operator.rateLimit.maxConcurrentRequests", 3,
        "operator.rateLimit.requestsPerSecond", 2.5,
        "leaderElection.leaseName", "ldai-lease").only(Deployment.class);
    Map<String, String> env = env(deployment);
    assertThat(env).containsEntry("LDAI_LAUNCHDARKLY_API_TOKEN", "secretKeyRef:launchdarkly/apiToken");

    // The application's own configuration mapping, fed only the rendered environment: a misspelt
    // variable name would leave the default in place and fail here.
    Map<String, String> resolved = env.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> e.getValue().startsWith("secretKeyRef:") ? "api-from-secret"
            : e.getValue().startsWith("fieldRef:") ? "ldai-system" : e.getValue()));
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .withMapping(LdaiConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus's: 10m, 90s, PT1H
        .withSources(new EnvConfigSource(resolved, 300))
        .build();
    LdaiConfig ldai = config.getConfigMapping(LdaiConfig.class);
    assertThat(ldai.launchdarkly().baseUrl()).isEqualTo("https://app.eu.launchdarkly.com");
    assertThat(ldai.launchdarkly().apiVersion()).isEqualTo("beta");
    assertThat(ldai.launchdarkly().apiToken()).contains("api-from-secret");
    assertThat(ldai.resyncInterval()).isEqualTo(Duration.ofMinutes(7));
    assertThat(ldai.defaultDeletionPolicy()).isEqualTo(DeletionPolicy.Retain);
    assertThat(ldai.unauthorizedRetryInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(ldai.credentials().defaultSecretName()).isEqualTo("team-token");
    assertThat(ldai.launchdarkly().rateLimit().maxConcurrentRequests()).isEqualTo(3);
    assertThat(ldai.launchdarkly().rateLimit().requestsPerSecond()).isEqualTo(2.5);
    assertThat(ldai.leaderElection().leaseName()).isEqualTo("ldai-lease");
    assertThat(ldai.leaderElection().leaseNamespace()).contains("ldai-system");
  }

  @Test
  void watchedNamespacesLogFormatLevelAndJavaOptionsReachTheEnvironment() {
    Map<String, String> defaults = env(render().only(Deployment.class));
    assertThat(defaults).doesNotContainKeys("QUARKUS_OPERATOR_SDK_NAMESPACES", "JAVA_TOOL_OPTIONS");

    Map<String, String> env = env(render("watch.scope", "namespaces",
        "watch.namespaces[0]", "team-a", "watch.namespaces[1]", "team-b",
        "operator.logFormat", "json", "operator.logLevel", "DEBUG",
        "operator.javaOptions", "-XX:MaxRAMPercentage=60").only(Deployment.class));
    assertThat(env)
        .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b")
        .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")
        .containsEntry("QUARKUS_LOG_LEVEL", "DEBUG")
        .containsEntry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=60");
  }

  @Test
  void podPlacementAndMetadataValuesArePassedThrough() {
    RenderedChart chart = render(
        "replicaCount", 3,
        "imagePullSecrets[0].name", "registry",
        "nodeSelector.kubernetes\\.io/os", "linux",
        "tolerations[0].key", "dedicated", "tolerations[0].operator", "Exists",
        "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
            + ".matchExpressions[0].key", "zone",
        "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
            + ".matchExpressions[0].operator", "Exists",
        "podAnnotations.team", "platform",
        "podLabels.tier", "control",
        "priorityClassName", "system-cluster-critical");
    Deployment deployment = chart.only(Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(pod.getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("registry");
    assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/os", "linux"));
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
      assertThat(t.getKey()).isEqualTo("dedicated");
      assertThat(t.getOperator()).isEqualTo("Exists");
    });
    assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey()).isEqualTo("zone");
    assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("team", "platform");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("tier", "control")
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void aDisruptionBudgetKeepsAStandbyOnlyWhenThereIsOne() {
    assertThat(render().kinds()).doesNotContain("PodDisruptionBudget");
    assertThat(render("replicaCount", 2, "podDisruptionBudget.enabled", false).kinds())
        .doesNotContain("PodDisruptionBudget");

    RenderedChart chart = render("replicaCount", 2);
    PodDisruptionBudget budget = chart.only(PodDisruptionBudget.class);
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(chart.only(Deployment.class).getSpec().getSelector().getMatchLabels());
  }

  @Test
  void theServiceExposesPort8080NamedHttpToTheOperatorPods() {
    RenderedChart chart = render();
    Service service = chart.only(Service.class);
    Deployment deployment = chart.only(Deployment.class);

    assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort)
        .containsExactly(tuple("http", 8080));
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
  }

  @Test
  void theServiceMonitorIsOptInAndScrapesMetricsFromTheService() {
    assertThat(render().kinds()).doesNotContain("ServiceMonitor");

    RenderedChart chart = render("metrics.serviceMonitor.enabled", true, "metrics.serviceMonitor.interval", "15s",
        "metrics.serviceMonitor.labels.release", "prometheus");
    GenericKubernetesResource monitor = Serialization.unmarshal(chart.only("ServiceMonitor").text(),
        GenericKubernetesResource.class);
    Service service = chart.only(Service.class);

    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    Map<String, Object> matchLabels = monitor.get("spec", "selector", "matchLabels");
    assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(
        matchLabels.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> (String) e.getValue())));
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    assertThat(endpoints).singleElement().satisfies(endpoint -> assertThat(endpoint)
        .containsEntry("port", "http").containsEntry("path", "/q/metrics").containsEntry("interval", "15s"));
  }

  static PodSpec podSpec(RenderedChart chart) {
    return chart.only(Deployment.class).getSpec().getTemplate().getSpec();
  }

  static Container operatorContainer(PodSpec pod) {
    assertThat(pod.getContainers()).hasSize(1);
    return pod.getContainers().get(0);
  }

  /**
   * The container's environment in order, each variable as its value, {@code fieldRef:<path>} or
   * {@code secretKeyRef:<secret>/<key>}. Fails on a duplicate name.
   */
  static Map<String, String> env(Deployment deployment) {
    List<EnvVar> env = operatorContainer(deployment.getSpec().getTemplate().getSpec()).getEnv();
    assertThat(env).extracting(EnvVar::getName).doesNotHaveDuplicates();
    Function<EnvVar, String> value = e -> {
      if (e.getValueFrom() == null) {
        return e.getValue();
      }
      if (e.getValueFrom().getFieldRef() != null) {
        return "fieldRef:" + e.getValueFrom().getFieldRef().getFieldPath();
      }
      if (e.getValueFrom().getSecretKeyRef() != null) {
        return "secretKeyRef:" + e.getValueFrom().getSecretKeyRef().getName() + "/"
            + e.getValueFrom().getSecretKeyRef().getKey();
      }
      throw new AssertionError("unexpected valueFrom in " + e);
    };
    Map<String, String> result = new LinkedHashMap<>();
    env.forEach(e -> result.put(e.getName(), value.apply(e)));
    return result;
  }

  private static void assertHttpProbe(Probe probe, String path) {
    assertThat(probe).as("probe on %s", path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }
}
