package io.unisync.examples;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server that {@code scripts/test.sh} starts, for the examples' tests. As in the JDBC tests: without
 * one, a test fails when {@code CI=true} and is reported as skipped, with the reason, otherwise.
 */
final class TestPostgres {

  private TestPostgres() {}

  static String url(String purpose) {
    String url = System.getProperty("unisync.test.postgres.url", System.getenv("UNISYNC_TEST_POSTGRES_URL"));
    if (url == null || url.isBlank()) {
      String why = "No PostgreSQL for " + purpose + ": UNISYNC_TEST_POSTGRES_URL is not set. Run scripts/test.sh, which starts one.";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    return url;
  }
}
