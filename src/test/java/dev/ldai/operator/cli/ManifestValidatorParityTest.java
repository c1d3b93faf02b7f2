package dev.ldai.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ldai.operator.cli.ValidatorCases.Case;
import dev.ldai.operator.testing.ApiServerAdmission;
import dev.ldai.operator.testing.ApiServerAdmission.Result;
import dev.ldai.operator.testing.Crds;
import dev.ldai.operator.testing.OnRealApiServer;
import dev.ldai.operator.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real API server (1.28.7, the committed CRDs and the test's own {@link ValidatorCases#PROBE_CRD}) refuses a
 * create, with strict field validation as kubectl sends it, exactly when {@link ManifestValidator} does, and names
 * the same fields.
 */
@OnRealApiServer
class ManifestValidatorParityTest {

  static final String NAMESPACE = "manifestvalidatorparitytest";
  static final Pattern UNKNOWN_FIELD = Pattern.compile("unknown field \"([^\"]*)\"");

  static ApiServerAdmission admission;
  static CustomResourceDefinition probeCrd;

  @BeforeAll
  static void onTheRealApiServerWithTheProbeCrd() {
    admission = ApiServerAdmission.in(NAMESPACE);
    probeCrd = Crds.parse(ValidatorCases.PROBE_CRD);
    KubernetesClient client = RealApiServer.orSkip().client();
    client.apiextensions().v1().customResourceDefinitions().resource(probeCrd).createOr(NonDeletingOperation::update);
    client.apiextensions().v1().customResourceDefinitions().withName(probeCrd.getMetadata().getName())
        .waitUntilCondition(Crds::established, 30, TimeUnit.SECONDS);
    admission.alsoFor(probeCrd);
  }

  @AfterAll
  static void removeTheProbeCrd() {
    if (probeCrd != null) {
      RealApiServer.orSkip().client().apiextensions().v1().customResourceDefinitions().resource(probeCrd).delete();
    }
  }

  static Stream<Case> cases() {
    return ManifestValidatorTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theApiServerRefusesExactlyWhatTheValidatorRefuses(Case c) {
    List<Violation> offline = ManifestValidatorTest.VALIDATOR.validate(ManifestValidatorTest.single(c.manifest()));
    Result answer = admission.createStrictly(c.manifest());

    assertThat(offline.isEmpty()).as("offline %s", offline).isEqualTo(c.valid());
    assertThat(answer.allowed()).as("the API server answered %s; offline %s", answer, offline).isEqualTo(offline.isEmpty());
    assertThat(fields(answer)).as("the API server answered %s", answer.violations())
        .isEqualTo(new TreeSet<>(offline.stream().map(Violation::field).toList()));
  }

  /**
   * The fields of the server's refusal: of its causes (without the note that rules were not evaluated), or of the
   * unknown fields a strict decoding error names.
   */
  static Set<String> fields(Result answer) {
    Set<String> fields = new TreeSet<>();
    if (answer.allowed()) {
      return fields;
    }
    Matcher unknown = UNKNOWN_FIELD.matcher(answer.message());
    if (answer.code() == 400 && answer.message().contains("strict decoding error")) {
      while (unknown.find()) {
        fields.add(unknown.group(1));
      }
      return fields;
    }
    for (String violation : answer.violations()) {
      String field = violation.substring(0, violation.indexOf(": "));
      if (!field.equals("<nil>")) {
        fields.add(field);
      }
    }
    return fields;
  }
}
