package io.unisync.jdbc.internal;

import io.unisync.core.error.AdapterException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.error.SyncException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.jdbi.v3.core.JdbiException;

/**
 * Turns driver and Jdbi failures into Unisync exceptions at the adapter boundary. Messages carry the
 * operation, the SQLState and the vendor code, never the driver's message (it can quote row values); the
 * driver exception stays attached as the cause.
 */
public final class SqlFailures {

  private SqlFailures() {}

  /** Translates any failure of a JDBC operation. */
  public static SyncException translate(String operation, Throwable failure) {
    if (failure instanceof SyncException sync) {
      return sync;
    }
    SQLException sql = findSqlException(failure);
    if (sql == null) {
      return new AdapterException(operation + " failed (" + failure.getClass().getSimpleName() + ")", failure);
    }
    String state = sql.getSQLState() == null ? "" : sql.getSQLState();
    String message = operation + " failed: SQLState " + (state.isEmpty() ? "unknown" : state) + ", vendor code " + sql.getErrorCode()
        + " (" + sql.getClass().getSimpleName() + ")";
    if (isTransient(sql, state)) {
      return new RetryableAdapterException(message + "; the database may recover, retry later", failure);
    }
    return new AdapterException(message, failure);
  }

  /** Whether {@code failure} is a unique-key violation (SQLState 23505 on PostgreSQL and H2). */
  static boolean isUniqueViolation(Throwable failure) {
    SQLException sql = findSqlException(failure);
    return sql != null && "23505".equals(sql.getSQLState());
  }

  static boolean isTransient(SQLException sql, String state) {
    return sql instanceof SQLTransientException
        || sql instanceof SQLRecoverableException
        || state.startsWith("08") // connection exception
        || state.startsWith("40") // transaction rollback: serialization failure, deadlock
        || state.startsWith("53") // insufficient resources
        || state.startsWith("57P") // operator intervention: admin shutdown, crash shutdown, cannot connect now
        || state.equals("55P03") // lock not available
        || state.equals("HYT00"); // timeout (H2)
  }

  private static @org.jspecify.annotations.Nullable SQLException findSqlException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
      if (!(t instanceof JdbiException) && t.getCause() == null) {
        break;
      }
    }
    return null;
  }
}
