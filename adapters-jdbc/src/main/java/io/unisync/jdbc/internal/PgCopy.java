package io.unisync.jdbc.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} in text format through pgjdbc's {@code CopyManager}. Only this class names
 * the driver, so a host on H2 alone never loads it.
 */
final class PgCopy {

  private final StringBuilder rows = new StringBuilder(1 << 16);

  /** Whether {@code connection} is (or wraps) a pgjdbc connection, which {@code COPY} needs. */
  static boolean available(Connection connection) {
    try {
      return connection.isWrapperFor(PGConnection.class);
    } catch (SQLException | LinkageError e) {
      return false;
    }
  }

  /** Appends one field of the current row: text escaped as {@code COPY}'s text format wants it, {@code null} as {@code \N}. */
  PgCopy field(@Nullable String value) {
    if (rows.length() > 0 && rows.charAt(rows.length() - 1) != '\n') {
      rows.append('\t');
    }
    if (value == null) {
      rows.append("\\N");
      return this;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> rows.append("\\\\");
        case '\t' -> rows.append("\\t");
        case '\n' -> rows.append("\\n");
        case '\r' -> rows.append("\\r");
        default -> rows.append(c);
      }
    }
    return this;
  }

  /** Ends the current row. */
  PgCopy endRow() {
    rows.append('\n');
    return this;
  }

  /** Sends the rows with {@code copySql} ({@code COPY table (columns) FROM STDIN}); returns the rows copied. */
  long copyInto(Connection connection, String copySql) throws SQLException, IOException {
    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
    return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new ByteArrayInputStream(bytes));
  }
}
