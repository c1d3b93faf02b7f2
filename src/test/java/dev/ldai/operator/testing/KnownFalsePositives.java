package dev.ldai.operator.testing;

import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The one place naming what swagger-request-validator reports against LaunchDarkly's description that is
 * not a fault of the request, each with the reason. Keep it short: every entry hides a class of messages.
 */
final class KnownFalsePositives {

  private KnownFalsePositives() {}

  static boolean excuses(ValidationReport.Message message) {
    return false;
  }
}
