package dev.ldai.operator.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last error, as shown in {@code status.error}: LaunchDarkly's answer, or the operator's own. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LaunchDarklyErrorStatus {

  @JsonPropertyDescription("HTTP status of LaunchDarkly's answer; 0 when no answer arrived; absent for an error of the operator's own.")
  private Integer httpStatus;

  @JsonPropertyDescription("LaunchDarkly's error code, such as invalid_request; operator_error for an error of the operator's own.")
  private String code;

  @JsonPropertyDescription("LaunchDarkly's own error message, or the operator's.")
  private String message;

  @JsonPropertyDescription("When the error was received (RFC 3339).")
  private String time;

  public LaunchDarklyErrorStatus() {}

  public LaunchDarklyErrorStatus(Integer httpStatus, String code, String message, String time) {
    this.httpStatus = httpStatus;
    this.code = code;
    this.message = message;
    this.time = time;
  }

  public Integer getHttpStatus() {
    return httpStatus;
  }

  public void setHttpStatus(Integer httpStatus) {
    this.httpStatus = httpStatus;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }
}
