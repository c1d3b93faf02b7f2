package dev.ldai.operator.testing;

import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The one place naming what swagger-request-validator reports against LaunchDarkly's API description that
 * is not a fault of the request or answer checked, each with its reason. Keep it short: every entry hides a
 * class of messages.
 */
public final class KnownFalsePositives {

  private KnownFalsePositives() {}

  public static boolean excuses(ValidationReport.Message message) {
    return isMaintainerOneOf(message);
  }

  /**
   * {@code _maintainer} of a config ({@code AIConfig__maintainer}) requires {@code kind} beside a oneOf of
   * {@code MaintainerMember} and {@code AiConfigsMaintainerTeam}, neither of which lists {@code kind}. The
   * validator refuses properties a schema does not list, so no maintainer LaunchDarkly answers can match
   * either branch.
   */
  private static boolean isMaintainerOneOf(ValidationReport.Message message) {
    boolean schemaRule = message.getKey().endsWith(".schema.oneOf") || message.getKey().endsWith(".schema.additionalProperties");
    return schemaRule && message.getContext()
        .flatMap(ValidationReport.MessageContext::getPointers)
        .map(pointers -> pointers.getInstance().endsWith("/_maintainer"))
        .orElse(false);
  }
}
