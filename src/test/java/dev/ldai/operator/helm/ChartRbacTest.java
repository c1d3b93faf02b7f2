package dev.ldai.operator.helm;

import static dev.ldai.operator.helm.RenderedChart.FULLNAME;
import static dev.ldai.operator.helm.RenderedChart.NAMESPACE;
import static dev.ldai.operator.helm.RenderedChart.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The chart grants exactly what the operator needs, where it needs it. */
class ChartRbacTest {

  /** A policy rule with its lists sorted, so rules compare by content whatever the order in the YAML. */
  record Rule(List<String> apiGroups, List<String> resources, List<String> resourceNames, List<String> verbs,
      List<String> nonResourceURLs) {

    static Rule of(List<String> apiGroups, List<String> resources, List<String> resourceNames, List<String> verbs) {
      return new Rule(sorted(apiGroups), sorted(resources), sorted(resourceNames), sorted(verbs), List.of());
    }

    static Rule of(PolicyRule rule) {
      return new Rule(sorted(rule.getApiGroups()), sorted(rule.getResources()), sorted(rule.getResourceNames()),
          sorted(rule.getVerbs()), sorted(rule.getNonResourceURLs()));
    }

    private static List<String> sorted(List<String> values) {
      return values == null ? List.of() : values.stream().sorted().toList();
    }
  }

  /**
   * What the operator needs wherever it watches resources. Secrets get/list/watch: credentials are read
   * with a GET, and an informer (label selector ldai.dev/credentials) wakes refused resources when such a
   * Secret changes. Events are created once, never patched.
   */
  static final List<Rule> WATCH_RULES = List.of(
      Rule.of(List.of("ldai.dev"),
          List.of("aiconfigs", "aiconfigvariations", "aimodelconfigs", "aiconfigtargetings", "aitools", "promptsnippets",
              "aiagentgraphs"),
          List.of(), List.of("get", "list", "watch", "patch", "update")),
      Rule.of(List.of("ldai.dev"),
          List.of("aiconfigs/status", "aiconfigvariations/status", "aimodelconfigs/status", "aiconfigtargetings/status",
              "aitools/status", "promptsnippets/status", "aiagentgraphs/status"),
          List.of(), List.of("get", "patch", "update")),
      Rule.of(List.of("ldai.dev"),
          List.of("aiconfigs/finalizers", "aiconfigvariations/finalizers", "aimodelconfigs/finalizers",
              "aiconfigtargetings/finalizers", "aitools/finalizers", "promptsnippets/finalizers", "aiagentgraphs/finalizers"),
          List.of(), List.of("update")),
      Rule.of(List.of(""), List.of("secrets"), List.of(), List.of("get", "list", "watch")),
      Rule.of(List.of("events.k8s.io"), List.of("events"), List.of(), List.of("create")));

  /**
   * Leader election: create cannot be restricted by name; get/update/patch only on the Lease. The
   * operator SDK checks create/get/update before it starts; Fabric8's LeaseLock renews with a merge patch.
   */
  static List<Rule> leaseRules(String leaseName) {
    return List.of(
        Rule.of(List.of("coordination.k8s.io"), List.of("leases"), List.of(), List.of("create")),
        Rule.of(List.of("coordination.k8s.io"), List.of("leases"), List.of(leaseName),
            List.of("get", "update", "patch")));
  }

  @Test
  void clusterScopeGrantsTheWatchRulesClusterWideAndTheLeaseInTheReleaseNamespace() {
    RenderedChart chart = render("watch.scope", "cluster");

    ClusterRole clusterRole = chart.only(ClusterRole.class);
    assertThat(rules(clusterRole.getRules())).containsExactlyInAnyOrderElementsOf(WATCH_RULES);
    ClusterRoleBinding binding = chart.only(ClusterRoleBinding.class);
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo(clusterRole.getMetadata().getName());
    assertThat(binding.getSubjects()).extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
        .containsExactly(tuple("ServiceAccount", chart.only(ServiceAccount.class).getMetadata().getName(), NAMESPACE));

    Role leaseRole = chart.only(Role.class);
    assertThat(leaseRole.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(rules(leaseRole.getRules())).containsExactlyInAnyOrderElementsOf(leaseRules(FULLNAME));
    assertBoundToTheServiceAccount(chart, leaseRole);
  }

  @Test
  void namespacesScopeGrantsTheWatchRulesInEachListedNamespaceOnly() {
    RenderedChart chart = render("watch.scope", "namespaces",
        "watch.namespaces[0]", "team-a", "watch.namespaces[1]", "team-b");

    assertThat(chart.all(ClusterRole.class)).isEmpty();
    assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
    List<Role> roles = chart.all(Role.class);
    assertThat(roles).extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b", NAMESPACE);
    for (Role role : roles) {
      List<Rule> expected = role.getMetadata().getNamespace().equals(NAMESPACE) ? leaseRules(FULLNAME) : WATCH_RULES;
      assertThat(rules(role.getRules())).as("rules of Role %s/%s", role.getMetadata().getNamespace(),
          role.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(expected);
      assertBoundToTheServiceAccount(chart, role);
    }
    assertThat(chart.all(RoleBinding.class)).hasSameSizeAs(roles);
  }

  @Test
  void theReleaseNamespaceMayBeOneOfTheWatchedOnesWithoutNameClashes() {
    RenderedChart chart = render("watch.scope", "namespaces", "watch.namespaces[0]", NAMESPACE);

    List<Role> roles = chart.all(Role.class);
    assertThat(roles).extracting(r -> r.getMetadata().getNamespace()).containsOnly(NAMESPACE).hasSize(2);
    assertThat(roles).extracting(r -> r.getMetadata().getName()).doesNotHaveDuplicates();
    assertThat(roles).extracting(r -> rules(r.getRules()))
        .containsExactlyInAnyOrder(sortedCopy(WATCH_RULES), sortedCopy(leaseRules(FULLNAME)));
    roles.forEach(role -> assertBoundToTheServiceAccount(chart, role));
  }

  @Test
  void theLeaseNameIsOneValueForBothTheRoleAndTheOperator() {
    RenderedChart chart = render("leaderElection.leaseName", "my-lease");

    assertThat(rules(chart.only(Role.class).getRules())).containsExactlyInAnyOrderElementsOf(leaseRules("my-lease"));
    assertThat(ChartDeploymentTest.env(chart.only(Deployment.class))).containsEntry("LDAI_LEADER_ELECTION_LEASE_NAME",
        "my-lease");
  }

  @Test
  void withoutRbacCreationNoRoleOrBindingIsRendered() {
    RenderedChart chart = render("rbac.create", false);

    assertThat(chart.kinds()).doesNotContain("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    assertThat(chart.kinds()).contains("ServiceAccount", "Deployment");
  }

  @Test
  void anExistingServiceAccountIsBoundAndUsedButNotCreated() {
    RenderedChart chart = render("serviceAccount.create", false, "serviceAccount.name", "platform-operator");

    assertThat(chart.all(ServiceAccount.class)).isEmpty();
    assertThat(chart.only(ClusterRoleBinding.class).getSubjects()).extracting(Subject::getName)
        .containsExactly("platform-operator");
    assertThat(chart.only(RoleBinding.class).getSubjects()).extracting(Subject::getName)
        .containsExactly("platform-operator");
    assertThat(chart.only(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("platform-operator");
  }

  private static void assertBoundToTheServiceAccount(RenderedChart chart, Role role) {
    String namespace = role.getMetadata().getNamespace();
    List<RoleBinding> bindings = chart.all(RoleBinding.class).stream()
        .filter(b -> Objects.equals(b.getMetadata().getNamespace(), namespace)
            && b.getRoleRef().getName().equals(role.getMetadata().getName()))
        .toList();
    assertThat(bindings).as("RoleBindings of Role %s/%s", namespace, role.getMetadata().getName()).hasSize(1);
    RoleBinding binding = bindings.get(0);
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
    String serviceAccount = chart.only(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName();
    assertThat(binding.getSubjects()).extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
        .containsExactly(tuple("ServiceAccount", serviceAccount, NAMESPACE));
  }

  private static List<Rule> rules(List<PolicyRule> rules) {
    return sortedCopy(rules.stream().map(Rule::of).toList());
  }

  private static List<Rule> sortedCopy(List<Rule> rules) {
    return rules.stream().sorted(Comparator.comparing(Rule::toString)).toList();
  }
}
