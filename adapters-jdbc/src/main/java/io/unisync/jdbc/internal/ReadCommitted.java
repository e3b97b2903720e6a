package io.unisync.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Transactions at READ COMMITTED, which every locking statement here is written for. Asking Jdbi for the level on each
 * transaction costs a round trip (pgjdbc asks the server, {@code SHOW TRANSACTION ISOLATION LEVEL}), as many as the
 * work itself for a lease renewal or a call-budget decision; a pool that hands out every connection at READ COMMITTED
 * (the one {@code JdbcDatabase.pooled} makes) needs no such question. A host's own data source is asked, as before.
 */
public final class ReadCommitted {

  private final Jdbi jdbi;
  private final boolean byPool;

  private ReadCommitted(Jdbi jdbi, boolean byPool) {
    this.jdbi = jdbi;
    this.byPool = byPool;
  }

  /** Transactions on {@code dataSource}: at the pool's level when it is configured to READ COMMITTED, else set each time. */
  public static ReadCommitted on(DataSource dataSource, Jdbi jdbi) {
    return new ReadCommitted(jdbi, dataSource instanceof HikariDataSource pool
        && "TRANSACTION_READ_COMMITTED".equals(pool.getTransactionIsolation()));
  }

  /** Transactions on {@code jdbi}, the level set each time (a host's connection). */
  public static ReadCommitted asked(Jdbi jdbi) {
    return new ReadCommitted(jdbi, false);
  }

  /** Runs {@code work} in one transaction at READ COMMITTED. */
  public <T, X extends Exception> T inTransaction(HandleCallback<T, X> work) throws X {
    return byPool ? jdbi.inTransaction(work) : jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work);
  }
}
