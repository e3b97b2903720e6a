package io.unisync.examples;

/** The PostgreSQL server of the examples' tests: {@link io.unisync.testkit.TestPostgres} (external or embedded, never skipped). */
final class TestPostgres {

  private TestPostgres() {}

  /** The server's JDBC URL; {@code purpose} names what needs it when there is none. */
  static String url(String purpose) {
    try {
      return io.unisync.testkit.TestPostgres.url();
    } catch (IllegalStateException e) {
      throw new AssertionError(purpose + ": " + e.getMessage(), e);
    }
  }
}
