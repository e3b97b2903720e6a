package io.unisync.jdbc.internal;

import org.jdbi.v3.core.statement.SqlStatement;
import io.unisync.core.error.AdapterException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** The SQL that differs between the supported databases. */
public enum Dialect {
  POSTGRESQL("postgresql"),
  H2("h2");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** Which database a data source talks to, from the driver's metadata. */
  public static Dialect of(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("postgres")) {
        return POSTGRESQL;
      }
      if (product.equals("h2")) {
        return H2;
      }
      throw new AdapterException("unsupported database '" + product + "': Unisync supports PostgreSQL and H2");
    } catch (SQLException e) {
      throw SqlFailures.translate("detecting the database", e);
    }
  }

  /** Where this database's Flyway migrations live on the class path. */
  public String migrationLocation() {
    return "classpath:io/unisync/jdbc/migration/" + folder;
  }

  /**
   * A statement inserting {@code rows} rows of {@code columns} into {@code table}, or updating the row with
   * the same key; on PostgreSQL the update happens only when {@code guard} (an SQL condition over the
   * table and {@code EXCLUDED}) holds, or always when it is null.
   */
  String upsert(String table, List<String> columns, List<String> key, int rows, @org.jspecify.annotations.Nullable String guard) {
    StringBuilder sql = new StringBuilder(64 + rows * columns.size() * 2);
    String columnList = String.join(", ", columns);
    if (this == POSTGRESQL) {
      sql.append("INSERT INTO ").append(table).append(" (").append(columnList).append(") VALUES ");
      appendValues(sql, columns.size(), rows);
      sql.append(" ON CONFLICT (").append(String.join(", ", key)).append(") DO UPDATE SET ");
      boolean first = true;
      for (String column : columns) {
        if (key.contains(column)) {
          continue;
        }
        if (!first) {
          sql.append(", ");
        }
        first = false;
        sql.append(column).append(" = EXCLUDED.").append(column);
      }
      if (guard != null) {
        sql.append(" WHERE ").append(guard);
      }
    } else {
      sql.append("MERGE INTO ").append(table).append(" (").append(columnList).append(") KEY (")
          .append(String.join(", ", key)).append(") VALUES ");
      appendValues(sql, columns.size(), rows);
    }
    return sql.toString();
  }

  /**
   * A condition selecting {@code n} rows by key within the tenant: {@code tenant = :tenant AND column IN (<keys>)} on
   * PostgreSQL, {@code (tenant, column) IN ((:tenant, :key0), ...)} on H2, whose planner uses only the tenant part
   * of a {@code (tenant, key)} index for the first form, scanning the whole tenant (a page of 300 took 38 ms at 100,000
   * rows and grew with the table); the row form looks each key up. Bind the keys with {@link #bindKeys}.
   */
  String tenantKeyIn(String alias, String column, int n) {
    String prefix = alias.isEmpty() ? "" : alias + ".";
    if (this == POSTGRESQL) {
      return prefix + "tenant = :tenant AND " + prefix + column + " IN (<keys>)";
    }
    StringBuilder sql = new StringBuilder(32 + n * 20).append('(').append(prefix).append("tenant, ").append(prefix).append(column)
        .append(") IN (");
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "" : ", ").append("(:tenant, :key").append(i).append(')');
    }
    return sql.append(')').toString();
  }

  /** Binds the keys of {@link #tenantKeyIn} (the tenant is bound by the caller as {@code :tenant}). */
  <S extends SqlStatement<S>> S bindKeys(S statement, List<?> keys) {
    if (this == POSTGRESQL) {
      return statement.bindList("keys", keys);
    }
    for (int i = 0; i < keys.size(); i++) {
      statement.bind("key" + i, keys.get(i));
    }
    return statement;
  }

  /** A multi-row insert. */
  static String insert(String table, List<String> columns, int rows) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(String.join(", ", columns)).append(") VALUES ");
    appendValues(sql, columns.size(), rows);
    return sql.toString();
  }

  private static void appendValues(StringBuilder sql, int columns, int rows) {
    for (int r = 0; r < rows; r++) {
      if (r > 0) {
        sql.append(", ");
      }
      sql.append('(');
      for (int c = 0; c < columns; c++) {
        sql.append(c == 0 ? "?" : ", ?");
      }
      sql.append(')');
    }
  }
}
