package io.unisync.jdbc.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flyway, configured so Unisync's schema lives beside the host's without touching it. */
public final class Migrations {

  /** Unisync's own history table, so a host's Flyway history is never mixed with ours. */
  public static final String HISTORY_TABLE = "unisync_schema_history";

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** How many migrations this database still lacks; reads only (Flyway's info), never changes the schema. */
  public static int pending(DataSource dataSource, Dialect dialect) {
    try {
      return Flyway.configure()
          .dataSource(dataSource)
          .locations(dialect.migrationLocation())
          .table(HISTORY_TABLE)
          .load()
          .info()
          .pending()
          .length;
    } catch (RuntimeException e) {
      throw SqlFailures.translate("reading the Unisync schema history", e);
    }
  }

  /** Applies pending migrations; returns how many ran. Safe to call on every start and from several nodes. */
  public static int migrate(DataSource dataSource, Dialect dialect) {
    try {
      MigrateResult result = Flyway.configure()
          .dataSource(dataSource)
          .locations(dialect.migrationLocation())
          .table(HISTORY_TABLE)
          // The host's schema usually holds other tables already; start our history at version 0 there.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
      // Flyway names a target version only when it applied something; otherwise the schema stayed where it was
      String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
      LOG.info("Unisync schema on {}: {} migration(s) applied, at version {}", dialect, result.migrationsExecuted, version);
      return result.migrationsExecuted;
    } catch (RuntimeException e) {
      throw SqlFailures.translate("migrating the Unisync schema", e);
    }
  }
}
