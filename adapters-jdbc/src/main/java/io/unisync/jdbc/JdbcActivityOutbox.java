package io.unisync.jdbc;

import io.unisync.core.domain.ActivityId;
import io.unisync.core.port.ActivityOutbox;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import io.unisync.jdbc.internal.Dialect;
import io.unisync.jdbc.internal.OutboxTables;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@link ActivityOutbox} on PostgreSQL or H2, for one tenant (the schema comes from
 * {@link JdbcDatabase#migrate()}).
 *
 * <p>Each call runs in its own transaction. {@link #joining(Connection)} gives a view that runs on the
 * host's connection inside the host's open transaction instead, so an activity is recorded if and only if
 * the host's own change commits. On PostgreSQL, claims use {@code FOR UPDATE SKIP LOCKED}: any number of
 * dispatchers, in any number of processes, share the queue and never claim one entry twice. Thread-safe.
 */
public final class JdbcActivityOutbox implements ActivityOutbox {

  private final OutboxTables tables;
  private final Dialect dialect;
  private final Tenant tenant;

  private JdbcActivityOutbox(OutboxTables tables, Dialect dialect, Tenant tenant) {
    this.tables = tables;
    this.dialect = dialect;
    this.tenant = tenant;
  }

  /**
   * The outbox of one tenant over a data source.
   *
   * @param dataSource the host's data source, migrated ({@link JdbcDatabase#migrate()})
   * @param tenant whose activities it holds
   * @return the outbox
   */
  public static JdbcActivityOutbox create(DataSource dataSource, Tenant tenant) {
    return create(dataSource, Dialect.of(dataSource), tenant);
  }

  /** With the dialect already known (no connection opened to find it out). */
  static JdbcActivityOutbox create(DataSource dataSource, Dialect dialect, Tenant tenant) {
    return new JdbcActivityOutbox(OutboxTables.pooled(dataSource, dialect, tenant.id()), dialect, tenant);
  }

  /**
   * A view of this outbox that works on the host's connection and joins its open transaction: nothing is
   * committed or rolled back here, and the connection is not closed. Use it for the duration of that
   * transaction only.
   *
   * @param hostConnection the host's connection, inside the transaction the activities join
   * @return a view that lives as long as that transaction
   */
  public ActivityOutbox joining(Connection hostConnection) {
    return new JdbcActivityOutbox(OutboxTables.joined(hostConnection, dialect, tenant.id()), dialect, tenant);
  }

  @Override
  public int enqueue(List<OutboxDraft> drafts) {
    return tables.enqueue(drafts);
  }

  @Override
  public List<OutboxEntry> claim(Destination destination, int max, Instant now, Duration lease) {
    return tables.claim(destination, max, now, lease);
  }

  @Override
  public int complete(List<OutboxEntry> claimed, Instant now) {
    return tables.complete(claimed, now);
  }

  @Override
  public boolean retryLater(OutboxEntry claimed, String reason, Instant dueAt, Instant now) {
    return tables.retryLater(claimed, reason, dueAt, now);
  }

  @Override
  public boolean deadLetter(OutboxEntry claimed, String reason, Instant now) {
    return tables.deadLetter(claimed, reason, now);
  }

  @Override
  public List<OutboxEntry> deadLetters(Destination destination, int offset, int limit) {
    return tables.deadLetters(destination, offset, limit);
  }

  @Override
  public int replay(Destination destination, List<ActivityId> ids, Instant now) {
    return tables.replay(destination, ids, now);
  }

  @Override
  public Map<OutboxState, Long> counts(Destination destination) {
    return tables.counts(destination);
  }

  @Override
  public String toString() {
    return "JdbcActivityOutbox[tenant=" + tenant + "]";
  }
}
