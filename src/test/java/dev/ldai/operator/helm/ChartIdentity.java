package dev.ldai.operator.helm;

import dev.ldai.operator.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who the chart makes the operator (default values, release namespace given): its ServiceAccount with the
 * RBAC bound to it, and the Lease it may hold. Applied to a real API server as {@code helm install} would
 * apply them, it lets the packaged operator run as that ServiceAccount by impersonation, so that the
 * server's RBAC authorizer judges the chart's rules. The cluster-scoped objects are named after the release,
 * not the namespace: two test classes using it on one server must not overlap in time.
 */
public final class ChartIdentity {

  private static final Set<String> IDENTITY_KINDS =
      Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
  private static final String LEASE_NAME_VARIABLE = "LDAI_LEADER_ELECTION_LEASE_NAME";

  private final String namespace;
  private final String serviceAccount;
  private final String leaseName;
  private final List<HasMetadata> objects;

  private ChartIdentity(String namespace, String serviceAccount, String leaseName, List<HasMetadata> objects) {
    this.namespace = namespace;
    this.serviceAccount = serviceAccount;
    this.leaseName = leaseName;
    this.objects = objects;
  }

  /** The chart rendered with its default values for a release in {@code namespace}. */
  public static ChartIdentity render(String namespace) {
    RenderedChart chart = RenderedChart.render(namespace, Map.of());
    List<HasMetadata> objects = chart.documents().stream().map(RenderedChart.Document::object)
        .filter(object -> IDENTITY_KINDS.contains(object.getKind())).toList();
    String leaseName = chart.only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
        .stream().filter(variable -> LEASE_NAME_VARIABLE.equals(variable.getName())).map(EnvVar::getValue)
        .findFirst().orElseThrow(() -> new IllegalStateException("The chart's Deployment sets no " + LEASE_NAME_VARIABLE));
    return new ChartIdentity(namespace, chart.only(ServiceAccount.class).getMetadata().getName(), leaseName, objects);
  }

  /** The user name the API server gives the ServiceAccount's token. */
  public String user() {
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  /** The groups the API server gives the ServiceAccount's token. */
  public List<String> groups() {
    return List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
  }

  /** The Lease the chart's leader-election Role lets the operator hold. */
  public String leaseName() {
    return leaseName;
  }

  /** Fabric8 client properties that make a client with stronger credentials act as the ServiceAccount. */
  private Map<String, String> impersonation() {
    return Map.of(Config.KUBERNETES_IMPERSONATE_USERNAME, user(),
        Config.KUBERNETES_IMPERSONATE_GROUP, String.join(",", groups()));
  }

  /**
   * The packaged operator's connection to {@code server} as this ServiceAccount, as application properties: the
   * administrator's kubeconfig (written to {@code kubeconfig}) with impersonation, and the release namespace for
   * the operator's own namespace and its Lease, as the chart's Deployment sets them.
   */
  public Map<String, String> operatorProperties(RealApiServer server, Path kubeconfig) throws IOException {
    Files.createDirectories(kubeconfig.toAbsolutePath().getParent());
    Files.writeString(kubeconfig, server.kubeConfigYaml());
    Map<String, String> properties = new TreeMap<>(impersonation());
    properties.put(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toAbsolutePath().toString());
    properties.put(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "true");
    properties.put(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
    properties.put(Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, namespace);
    properties.put("ldai.leader-election.lease-name", leaseName);
    properties.put("ldai.leader-election.lease-namespace", namespace);
    return properties;
  }

  /** Creates (or updates) the ServiceAccount and the RBAC objects. */
  public void apply(KubernetesClient client) {
    for (HasMetadata object : objects) {
      client.resource(object).createOr(NonDeletingOperation::update);
    }
  }

  /** Deletes what {@link #apply} made; nothing else removes cluster-scoped RBAC on a server without GC. */
  public void delete(KubernetesClient client) {
    for (HasMetadata object : objects) {
      client.resource(object).delete();
    }
  }
}
