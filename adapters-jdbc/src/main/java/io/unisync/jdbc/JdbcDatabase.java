package io.unisync.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.unisync.jdbc.internal.Dialect;
import io.unisync.jdbc.internal.Migrations;
import io.unisync.jdbc.internal.SqlFailures;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of the JDBC adapters: one database (PostgreSQL or H2), its schema and the stores on it.
 *
 * <pre>{@code
 * try (JdbcDatabase db = JdbcDatabase.create(hostDataSource)) {   // or pooled(JdbcSettings...)
 *   db.migrate();                                                 // explicit, idempotent
 *   PersonStore store = db.personStore(Tenant.of("284-RPR-133"));
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} closes the pool only when this object created it.
 */
public final class JdbcDatabase implements AutoCloseable {

  private final DataSource dataSource;
  private final Dialect dialect;
  private final @Nullable HikariDataSource ownPool;
  private final Clock clock;
  private final int copyThreshold;

  private JdbcDatabase(DataSource dataSource, @Nullable HikariDataSource ownPool, Clock clock, int copyThreshold) {
    this.dataSource = dataSource;
    this.ownPool = ownPool;
    this.clock = clock;
    this.dialect = Dialect.of(dataSource);
    this.copyThreshold = copyThreshold;
  }

  /**
   * Uses the host's data source (its pool, its credentials). {@link #close()} leaves it open.
   *
   * @param dataSource the host's data source
   * @return the database
   */
  public static JdbcDatabase create(DataSource dataSource) {
    return create(dataSource, Clock.systemUTC());
  }

  /**
   * As {@link #create(DataSource)}, with a clock for write times.
   *
   * @param dataSource the host's data source
   * @param clock stamps write times
   * @return the database
   */
  public static JdbcDatabase create(DataSource dataSource, Clock clock) {
    return new JdbcDatabase(Objects.requireNonNull(dataSource, "dataSource"), null, clock, JdbcSettings.DEFAULT_COPY_THRESHOLD);
  }

  /**
   * Builds a HikariCP pool from the settings. On PostgreSQL, batched inserts are rewritten into multi-row
   * statements ({@code reWriteBatchedInserts}). {@link #close()} closes the pool.
   *
   * @param settings where, who, and the pool's size and timeout
   * @return the database, owning its pool
   */
  public static JdbcDatabase pooled(JdbcSettings settings) {
    return pooled(settings, Clock.systemUTC());
  }

  /**
   * The URL of a database this pool owns, so that its shutdown order is ours: an H2 database (other than one in memory)
   * is closed by H2's own hook when the JVM exits, in parallel with the host's, so a SIGTERM found it closed before the
   * runner had given its leases back, and the next start waited the leases out. {@code DB_CLOSE_ON_EXIT=FALSE} is added
   * unless the URL sets it; the database then closes with the pool's last connection ({@link #close()}).
   */
  static String closedByUs(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:h2:mem:") || lower.contains(";db_close_on_exit=")
        || lower.contains(";auto_server=true")) { // H2 refuses the two together; a shared server outlives this JVM anyway
      return url;
    }
    return url + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  /**
   * The drivers are the host's dependencies: a URL for PostgreSQL or H2 without its driver on the class path fails here,
   * naming the artifact to add, instead of as "no suitable driver" from the pool.
   */
  static void requireDriver(String jdbcUrl) {
    requireDriver(jdbcUrl, JdbcDatabase.class.getClassLoader());
  }

  static void requireDriver(String jdbcUrl, @Nullable ClassLoader loader) {
    String lower = jdbcUrl.toLowerCase(Locale.ROOT);
    String[][] drivers = {{"jdbc:postgresql:", "org.postgresql.Driver", "org.postgresql:postgresql"},
        {"jdbc:h2:", "org.h2.Driver", "com.h2database:h2"}};
    for (String[] driver : drivers) {
      if (lower.startsWith(driver[0])) {
        try {
          Class.forName(driver[1], false, loader);
        } catch (ClassNotFoundException e) {
          throw new io.unisync.core.error.ConfigurationException("the database URL", List.of("a " + driver[0] + " URL needs the JDBC"
              + " driver " + driver[1] + ": add the dependency " + driver[2] + " (Unisync leaves the driver and its version to you)"));
        }
      }
    }
  }

  /**
   * As {@link #pooled(JdbcSettings)}, with a clock for write times.
   *
   * @param settings where, who, and the pool's size and timeout
   * @param clock stamps write times
   * @return the database, owning its pool
   */
  public static JdbcDatabase pooled(JdbcSettings settings, Clock clock) {
    requireDriver(settings.jdbcUrl());
    HikariConfig config = new HikariConfig();
    config.setPoolName("unisync");
    config.setJdbcUrl(closedByUs(settings.jdbcUrl()));
    config.setUsername(settings.username());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.maxPoolSize());
    // every connection at READ COMMITTED (the level every locking statement is written for), so no transaction has to
    // ask for it again (a round trip each: ReadCommitted)
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    if (settings.jdbcUrl().toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw SqlFailures.translate("opening a connection pool to " + settings, e);
    }
    try {
      return new JdbcDatabase(pool, pool, clock, settings.copyThreshold());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Creates or upgrades Unisync's tables (prefixed {@code unisync_}, history in
   * {@code unisync_schema_history}). Idempotent; safe to run from several nodes at once.
   *
   * @return how many migrations ran
   */
  public int migrate() {
    return Migrations.migrate(dataSource, dialect);
  }

  /**
   * How many migrations this database still lacks (0 when the schema is current). Only reads: for tools such as
   * a status command that must not change the database they look at.
   *
   * @return the number of migrations not yet applied
   */
  public int pendingMigrations() {
    return Migrations.pending(dataSource, dialect);
  }

  /** {@return the leases every replica sharing this database sees, on this database's clock} */
  public JdbcLeases leases() {
    return JdbcLeases.create(dataSource, clock);
  }

  /**
   * The call budget of one remote instance, shared with every process that uses this database
   * ({@code Marketo.connect(settings, clock, db.callBudget(settings.callBudgetName(), settings.callLimits()))}).
   *
   * @param instance the remote instance's name, the same in every process (for example {@code marketo:284-RPR-133})
   * @param limits the instance's limits as this library may use them
   * @return the shared budget
   */
  public JdbcCallBudget callBudget(String instance, io.unisync.core.port.CallLimits limits) {
    return JdbcCallBudget.create(dataSource, instance, limits, clock);
  }

  /**
   * The person store of one tenant.
   *
   * @param tenant whose people it holds
   * @return the store
   */
  public JdbcPersonStore personStore(Tenant tenant) {
    return JdbcPersonStore.create(dataSource, dialect, tenant, clock, copyThreshold);
  }

  /**
   * The activity outbox of one tenant.
   *
   * @param tenant whose activities it holds
   * @return the outbox
   */
  public JdbcActivityOutbox activityOutbox(Tenant tenant) {
    return JdbcActivityOutbox.create(dataSource, dialect, tenant);
  }

  /**
   * The suppression list of one tenant.
   *
   * @param tenant whose suppressions it holds
   * @return the store
   */
  public JdbcSuppressionStore suppressionStore(Tenant tenant) {
    return JdbcSuppressionStore.create(dataSource, dialect, tenant);
  }

  /**
   * The CRM links of one tenant's people.
   *
   * @param tenant whose links it holds
   * @return the store
   */
  public JdbcCrmLinkStore crmLinkStore(Tenant tenant) {
    return JdbcCrmLinkStore.create(dataSource, dialect, tenant);
  }

  /**
   * The reminders of one tenant.
   *
   * @param tenant whose reminders it holds
   * @return the store
   */
  public JdbcReminderStore reminderStore(Tenant tenant) {
    return JdbcReminderStore.create(dataSource, dialect, tenant);
  }

  /**
   * The two-way syncs' watermarks of one tenant.
   *
   * @param tenant whose watermarks it holds
   * @return the store
   */
  public JdbcWatermarkStore watermarkStore(Tenant tenant) {
    return JdbcWatermarkStore.create(dataSource, dialect, tenant);
  }

  /**
   * Every store of one tenant, for {@code SyncEngine.builder().wiredTo(..)}.
   *
   * @param tenant whose stores they are
   * @return the stores
   */
  public JdbcTenantStores stores(Tenant tenant) {
    return new JdbcTenantStores(personStore(tenant), activityOutbox(tenant), suppressionStore(tenant), watermarkStore(tenant),
        reminderStore(tenant), crmLinkStore(tenant));
  }

  /** {@return the data source in use (the host's, or the pool built from settings)} */
  public DataSource dataSource() {
    return dataSource;
  }

  /** {@return whether this is PostgreSQL (otherwise H2)} */
  public boolean isPostgreSql() {
    return dialect == Dialect.POSTGRESQL;
  }

  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.close();
    }
  }

  @Override
  public String toString() {
    return "JdbcDatabase[" + dialect + (ownPool != null ? ", own pool" : ", host pool") + "]";
  }
}
