package io.unisync.jdbc;

import io.unisync.core.error.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach the database when Unisync builds its own connection pool
 * ({@link JdbcDatabase#pooled(JdbcSettings)}). Hosts with their own pool use
 * {@link JdbcDatabase#create(javax.sql.DataSource)} instead. {@link #toString()} never shows the password.
 * Immutable: start from {@link #of(String, String, String)}, {@link #builder(String, String, String)} or an H2 factory
 * and change what you need with {@link #toBuilder()}; {@link Builder#build()} lists every problem at once, and the
 * {@code withX(..)} methods are shorthands over it.
 */
public final class JdbcSettings {

  /** The most connections the pool opens, unless set. */
  public static final int DEFAULT_MAX_POOL_SIZE = 10;
  /** How long to wait for a connection from the pool, unless set. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
  /** The new people of one batch from which PostgreSQL writes them through {@code COPY}, unless set: an initial sync's pages. */
  public static final int DEFAULT_COPY_THRESHOLD = io.unisync.jdbc.internal.PersonTables.DEFAULT_COPY_THRESHOLD;

  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final int maxPoolSize;
  private final Duration connectionTimeout;
  private final int copyThreshold;

  private JdbcSettings(Builder b) {
    String jdbcUrl = b.jdbcUrl;
    List<String> problems = new ArrayList<>();
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      problems.add("jdbcUrl is required");
    } else {
      String lower = jdbcUrl.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:h2:")) {
        problems.add("jdbcUrl must start with jdbc:postgresql: or jdbc:h2: (the supported databases)");
      }
    }
    if (b.username == null) {
      problems.add("username must not be null (use \"\" for none)");
    }
    if (b.password == null) {
      problems.add("password must not be null (use \"\" for none)");
    }
    if (b.maxPoolSize < 1 || b.maxPoolSize > 500) {
      problems.add("maxPoolSize must be between 1 and 500 (was " + b.maxPoolSize + ")");
    }
    if (b.connectionTimeout == null || b.connectionTimeout.toMillis() < 250) {
      problems.add("connectionTimeout must be at least 250 ms");
    }
    if (b.copyThreshold < 0) {
      problems.add("copyThreshold must not be negative (0 turns COPY off; was " + b.copyThreshold + ")");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("JdbcSettings", problems);
    }
    // each checked above
    this.jdbcUrl = Objects.requireNonNull(jdbcUrl);
    this.username = Objects.requireNonNull(b.username);
    this.password = Objects.requireNonNull(b.password);
    this.maxPoolSize = b.maxPoolSize;
    this.connectionTimeout = Objects.requireNonNull(b.connectionTimeout);
    this.copyThreshold = b.copyThreshold;
  }

  /**
   * Settings for a URL and credentials with a pool of 10 and a 30 s connection timeout.
   *
   * @param jdbcUrl the database's JDBC URL
   * @param username the database user
   * @param password the user's password (never printed)
   * @return the settings
   */
  public static JdbcSettings of(String jdbcUrl, String username, String password) {
    return builder(jdbcUrl, username, password).build();
  }

  /**
   * Every value at once; shorthand for the builder, whose {@link Builder#build()} lists every problem.
   *
   * @param jdbcUrl the database's JDBC URL
   * @param username the database user
   * @param password the user's password (never printed)
   * @param maxPoolSize the most connections the pool opens (1 to 500)
   * @param connectionTimeout how long to wait for a connection (at least 250 ms)
   * @return the settings
   */
  public static JdbcSettings of(String jdbcUrl, String username, String password, int maxPoolSize, Duration connectionTimeout) {
    return builder(jdbcUrl, username, password).maxPoolSize(maxPoolSize).connectionTimeout(connectionTimeout).build();
  }

  /**
   * A builder holding the defaults, for the database at {@code jdbcUrl}.
   *
   * @param jdbcUrl the database's JDBC URL
   * @param username the database user
   * @param password the user's password (never printed)
   * @return the builder
   */
  public static Builder builder(String jdbcUrl, String username, String password) {
    return new Builder(jdbcUrl, username, password);
  }

  /** {@return a builder holding these settings, to change some of them} */
  public Builder toBuilder() {
    return new Builder(jdbcUrl, username, password).maxPoolSize(maxPoolSize).connectionTimeout(connectionTimeout)
        .copyThreshold(copyThreshold);
  }

  /** {@return a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL} */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** {@return the database user (may be empty for H2)} */
  public String username() {
    return username;
  }

  /** {@return the database password (may be empty)} */
  public String password() {
    return password;
  }

  /** {@return the most connections the pool opens (10)} */
  public int maxPoolSize() {
    return maxPoolSize;
  }

  /** {@return how long to wait for a connection from the pool (30 s)} */
  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  /** {@return the new people of one batch from which PostgreSQL writes them through {@code COPY}; 0: never} */
  public int copyThreshold() {
    return copyThreshold;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof JdbcSettings that && jdbcUrl.equals(that.jdbcUrl) && username.equals(that.username)
        && password.equals(that.password) && maxPoolSize == that.maxPoolSize && connectionTimeout.equals(that.connectionTimeout)
        && copyThreshold == that.copyThreshold;
  }

  @Override
  public int hashCode() {
    return Objects.hash(jdbcUrl, username, password, maxPoolSize, connectionTimeout, copyThreshold);
  }

  /**
   * An embedded H2 database in a file (created on first use), the embedded default.
   *
   * @param file the database file's path without H2's {@code .mv.db} suffix
   * @return the settings
   */
  public static JdbcSettings h2File(Path file) {
    return of("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
  }

  /**
   * A named in-memory H2 database that lives as long as the pool.
   *
   * @param name the database's name in this JVM
   * @return the settings
   */
  public static JdbcSettings h2InMemory(String name) {
    return of("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  /**
   * Shorthand for {@code toBuilder().maxPoolSize(value).build()}.
   *
   * @param value the new {@code maxPoolSize}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public JdbcSettings withMaxPoolSize(int value) {
    return toBuilder().maxPoolSize(value).build();
  }

  /**
   * Shorthand for {@code toBuilder().connectionTimeout(value).build()}.
   *
   * @param value the new {@code connectionTimeout}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public JdbcSettings withConnectionTimeout(Duration value) {
    return toBuilder().connectionTimeout(value).build();
  }

  /** Shows the URL without its query string (which may hold credentials) and never the password. */
  @Override
  public String toString() {
    int query = jdbcUrl.indexOf('?');
    String safeUrl = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?…";
    return "JdbcSettings[jdbcUrl=" + safeUrl + ", username=" + username + ", password=" + (password.isEmpty() ? "(none)" : "****")
        + ", maxPoolSize=" + maxPoolSize + ", connectionTimeout=" + connectionTimeout + ", copyThreshold=" + copyThreshold + "]";
  }

  /** One setter per knob, each starting at its default; {@link #build()} lists every problem at once. */
  public static final class Builder {
    private final @Nullable String jdbcUrl;
    private final @Nullable String username;
    private final @Nullable String password;
    private int maxPoolSize = DEFAULT_MAX_POOL_SIZE;
    private @Nullable Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
    private int copyThreshold = DEFAULT_COPY_THRESHOLD;

    private Builder(@Nullable String jdbcUrl, @Nullable String username, @Nullable String password) {
      this.jdbcUrl = jdbcUrl;
      this.username = username;
      this.password = password;
    }

    /**
     * The most connections the pool opens (1 to 500).
     *
     * @param value the most connections
     * @return this builder
     */
    public Builder maxPoolSize(int value) {
      this.maxPoolSize = value;
      return this;
    }

    /**
     * How long to wait for a connection from the pool (at least 250 ms).
     *
     * @param value the longest wait
     * @return this builder
     */
    public Builder connectionTimeout(Duration value) {
      this.connectionTimeout = value;
      return this;
    }

    /**
     * On PostgreSQL, the people new to the store in one batch from which the person store writes them through
     * {@code COPY} straight into its table, instead of one {@code INSERT ... ON CONFLICT} over arrays (100: an initial
     * sync's pages take it, an incremental batch rarely does); people it holds always take the array statement; 0 turns
     * {@code COPY} off. H2 ignores it.
     *
     * @param value the threshold in new people, 0 for never
     * @return this builder
     */
    public Builder copyThreshold(int value) {
      this.copyThreshold = value;
      return this;
    }

    /**
     * The settings.
     *
     * @throws ConfigurationException listing every problem (never the password)
     * @return the settings
     */
    public JdbcSettings build() {
      return new JdbcSettings(this);
    }
  }
}
