package io.unisync.jdbc;

import io.unisync.core.error.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How to reach the database when Unisync builds its own connection pool
 * ({@link JdbcDatabase#pooled(JdbcSettings)}). Hosts with their own pool use
 * {@link JdbcDatabase#create(javax.sql.DataSource)} instead. {@link #toString()} never shows the password.
 * Immutable: start from {@link #of(String, String, String)} (or an H2 factory) and change what you need with the
 * {@code withX(..)} methods; a new setting is a new method, never a changed constructor.
 */
public final class JdbcSettings {

  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final int maxPoolSize;
  private final Duration connectionTimeout;

  private JdbcSettings(String jdbcUrl, String username, String password, int maxPoolSize, Duration connectionTimeout) {
    List<String> problems = new ArrayList<>();
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      problems.add("jdbcUrl is required");
    } else {
      String lower = jdbcUrl.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:h2:")) {
        problems.add("jdbcUrl must start with jdbc:postgresql: or jdbc:h2: (the supported databases)");
      }
    }
    if (username == null) {
      problems.add("username must not be null (use \"\" for none)");
    }
    if (password == null) {
      problems.add("password must not be null (use \"\" for none)");
    }
    if (maxPoolSize < 1 || maxPoolSize > 500) {
      problems.add("maxPoolSize must be between 1 and 500 (was " + maxPoolSize + ")");
    }
    if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
      problems.add("connectionTimeout must be at least 250 ms");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("JdbcSettings", problems);
    }
    this.jdbcUrl = jdbcUrl;
    this.username = username;
    this.password = password;
    this.maxPoolSize = maxPoolSize;
    this.connectionTimeout = connectionTimeout;
  }

  /** Settings for a URL and credentials with a pool of 10 and a 30 s connection timeout. */
  public static JdbcSettings of(String jdbcUrl, String username, String password) {
    return of(jdbcUrl, username, password, 10, Duration.ofSeconds(30));
  }

  /**
   * Every value at once (checked together: a {@link ConfigurationException} lists every problem). A later setting
   * gets a default here, so this factory keeps its signature.
   */
  public static JdbcSettings of(String jdbcUrl, String username, String password, int maxPoolSize, Duration connectionTimeout) {
    return new JdbcSettings(jdbcUrl, username, password, maxPoolSize, connectionTimeout);
  }

  /** A {@code jdbc:postgresql:} or {@code jdbc:h2:} URL. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The database user (may be empty for H2). */
  public String username() {
    return username;
  }

  /** The database password (may be empty). */
  public String password() {
    return password;
  }

  /** The most connections the pool opens (10). */
  public int maxPoolSize() {
    return maxPoolSize;
  }

  /** How long to wait for a connection from the pool (30 s). */
  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof JdbcSettings that && jdbcUrl.equals(that.jdbcUrl) && username.equals(that.username)
        && password.equals(that.password) && maxPoolSize == that.maxPoolSize && connectionTimeout.equals(that.connectionTimeout);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(jdbcUrl, username, password, maxPoolSize, connectionTimeout);
  }

  /** An embedded H2 database in a file (created on first use), the embedded default. */
  public static JdbcSettings h2File(Path file) {
    return of("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
  }

  /** A named in-memory H2 database that lives as long as the pool. */
  public static JdbcSettings h2InMemory(String name) {
    return of("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  public JdbcSettings withMaxPoolSize(int value) {
    return new JdbcSettings(jdbcUrl, username, password, value, connectionTimeout);
  }

  public JdbcSettings withConnectionTimeout(Duration value) {
    return new JdbcSettings(jdbcUrl, username, password, maxPoolSize, value);
  }

  /** Shows the URL without its query string (which may hold credentials) and never the password. */
  @Override
  public String toString() {
    int query = jdbcUrl.indexOf('?');
    String safeUrl = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?…";
    return "JdbcSettings[jdbcUrl=" + safeUrl + ", username=" + username + ", password=" + (password.isEmpty() ? "(none)" : "****")
        + ", maxPoolSize=" + maxPoolSize + ", connectionTimeout=" + connectionTimeout + "]";
  }
}
