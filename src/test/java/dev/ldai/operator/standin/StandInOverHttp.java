package dev.ldai.operator.standin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A stand-in of the test class's own, emptied before each test, and an HTTP client with the default token. */
abstract class StandInOverHttp {

  static LaunchDarklyStandIn standIn;
  static StandInHttp http;

  @BeforeAll
  static void startStandIn() {
    standIn = LaunchDarklyStandIn.start();
    http = new StandInHttp(standIn.baseUrl(), LaunchDarklyStandIn.DEFAULT_TOKEN);
  }

  @AfterAll
  static void stopStandIn() {
    standIn.close();
  }

  @BeforeEach
  void resetStandIn() {
    standIn.reset();
  }
}
