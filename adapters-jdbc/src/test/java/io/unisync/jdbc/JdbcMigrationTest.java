package io.unisync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Migrations run only when asked, beside the host's own tables, with their own history table. */
class JdbcMigrationTest {

  @Test
  void h2SchemaIsCreatedBesideTheHostsTablesOnlyWhenAsked() throws Exception {
    try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.h2InMemory("migration-" + UUID.randomUUID()))) {
      checkMigration(db, "PUBLIC");
    }
  }

  @Test
  void postgresSchemaIsCreatedBesideTheHostsTablesOnlyWhenAsked() throws Exception {
    String schema = "host_" + UUID.randomUUID().toString().substring(0, 8);
    execute(TestDatabases.postgres().dataSource(), "CREATE SCHEMA " + schema);
    String url = io.unisync.testkit.TestPostgres.url();
    try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, "", ""))) {
      checkMigration(db, schema);
    }
  }

  private static void checkMigration(JdbcDatabase db, String schema) throws Exception {
    execute(db.dataSource(), "CREATE TABLE host_orders (id BIGINT PRIMARY KEY)");
    db.personStore(Tenant.of("before-migrate"));
    assertThat(tableExists(db.dataSource(), schema, "unisync_person")).as("creating a store does not migrate").isFalse();

    assertThat(db.migrate()).as("every migration runs on a fresh schema").isPositive();
    assertThat(tableExists(db.dataSource(), schema, "unisync_person")).isTrue();
    assertThat(tableExists(db.dataSource(), schema, "unisync_schema_history")).isTrue();
    assertThat(tableExists(db.dataSource(), schema, "flyway_schema_history")).as("the host's history name stays free").isFalse();
    assertThat(tableExists(db.dataSource(), schema, "host_orders")).isTrue();
    assertThat(db.migrate()).isZero();
  }

  private static void execute(DataSource dataSource, String sql) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static boolean tableExists(DataSource dataSource, String schema, String table) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
        for (String s : new String[] {schema, schema.toUpperCase(java.util.Locale.ROOT), schema.toLowerCase(java.util.Locale.ROOT)}) {
          try (ResultSet rs = c.getMetaData().getTables(null, s, name, null)) {
            if (rs.next()) {
              return true;
            }
          }
        }
      }
      return false;
    }
  }
}
