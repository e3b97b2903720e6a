package io.unisync.jdbc.internal;

import io.unisync.core.domain.ActivityId;
import io.unisync.core.store.ActivityCodec;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.sql.Connection;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox table of one tenant. On PostgreSQL claims lock with {@code FOR UPDATE SKIP LOCKED}, so several
 * dispatchers share the work without waiting for each other; on H2 (one process) they lock and wait.
 */
public final class OutboxTables {

  private static final String COLUMNS = "seq, destination, activity, state, attempts, due_at, last_error, lease_owner";
  private static final int MAX_ERROR = 4_000;

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final String tenant;
  private final boolean joined;

  private final ReadCommitted transactions;

  private OutboxTables(Jdbi jdbi, ReadCommitted transactions, Dialect dialect, String tenant, boolean joined) {
    this.jdbi = jdbi;
    this.transactions = transactions;
    this.dialect = dialect;
    this.tenant = tenant;
    this.joined = joined;
  }

  /** Tables reached through a pool; every call is its own transaction. */
  public static OutboxTables pooled(DataSource dataSource, Dialect dialect, String tenant) {
    Jdbi jdbi = Jdbi.create(dataSource);
    return new OutboxTables(jdbi, ReadCommitted.on(dataSource, jdbi), dialect, tenant, false);
  }

  /**
   * Tables reached through the host's connection: statements join the host's open transaction, and
   * nothing here commits, rolls back or closes the connection.
   */
  public static OutboxTables joined(Connection hostConnection, Dialect dialect, String tenant) {
    Jdbi onHostConnection = Jdbi.create(new ConnectionFactory() {
      @Override
      public Connection openConnection() {
        return hostConnection;
      }

      @Override
      public void closeConnection(Connection connection) {
        // the host owns the connection and its transaction
      }
    });
    onHostConnection.getConfig(Handles.class).setForceEndTransactions(false);
    return new OutboxTables(onHostConnection, ReadCommitted.asked(onHostConnection), dialect, tenant, true);
  }

  public int enqueue(List<OutboxDraft> drafts) {
    if (drafts.isEmpty()) {
      return 0;
    }
    if (dialect == Dialect.POSTGRESQL) {
      return write("recording " + drafts.size() + " activities", handle -> enqueueFromArrays(handle, drafts));
    }
    return write("recording " + drafts.size() + " activities", handle -> {
      int added = 0;
      for (OutboxDraft draft : drafts) {
        OffsetDateTime due = utc(draft.dueAt());
        String sql = dialect == Dialect.POSTGRESQL
            ? "INSERT INTO unisync_outbox (tenant, destination, activity_id, person_id, activity, state, attempts, due_at, "
                + "created_at, updated_at) VALUES (:tenant, :destination, :activityId, :person, :activity, 'PENDING', 0, :due, :due, :due) "
                + "ON CONFLICT (tenant, destination, activity_id) DO NOTHING"
            : "MERGE INTO unisync_outbox o USING (VALUES (:tenant, :destination, :activityId)) AS s(tenant, destination, activity_id) "
                + "ON o.tenant = s.tenant AND o.destination = s.destination AND o.activity_id = s.activity_id "
                + "WHEN NOT MATCHED THEN INSERT (tenant, destination, activity_id, person_id, activity, state, attempts, due_at, "
                + "created_at, updated_at) VALUES (:tenant, :destination, :activityId, :person, :activity, 'PENDING', 0, :due, :due, :due)";
        added += handle.createUpdate(sql)
            .bind("tenant", tenant)
            .bind("destination", draft.destination().name())
            .bind("activityId", draft.activity().id().value())
            .bind("person", draft.activity().person().value())
            .bind("activity", ActivityCodec.encode(draft.activity()))
            .bind("due", due)
            .execute();
      }
      return added;
    });
  }

  /** PostgreSQL: every draft in one statement of seven array parameters. */
  private int enqueueFromArrays(Handle handle, List<OutboxDraft> drafts) {
    int n = drafts.size();
    String[] destinations = new String[n];
    String[] ids = new String[n];
    Long[] people = new Long[n];
    String[] activities = new String[n];
    String[] due = new String[n];
    for (int i = 0; i < n; i++) {
      OutboxDraft draft = drafts.get(i);
      destinations[i] = draft.destination().name();
      ids[i] = draft.activity().id().value();
      people[i] = draft.activity().person().value();
      activities[i] = ActivityCodec.encode(draft.activity());
      due[i] = draft.dueAt().toString();
    }
    return handle.createUpdate("INSERT INTO unisync_outbox (tenant, destination, activity_id, person_id, activity, state, attempts, "
            + "due_at, created_at, updated_at) SELECT :tenant, d.destination, d.activity_id, d.person_id, d.activity, 'PENDING', 0, "
            + "d.due_at, d.due_at, d.due_at FROM unnest(:destinations::text[], :ids::text[], :people::bigint[], :activities::text[], "
            + ":due::timestamptz[]) WITH ORDINALITY AS d(destination, activity_id, person_id, activity, due_at, ord) "
            // identities follow the drafts' order, which per-person delivery order relies on
            + "ORDER BY d.ord ON CONFLICT (tenant, destination, activity_id) DO NOTHING")
        .bind("tenant", tenant)
        .bindArray("destinations", String.class, (Object[]) destinations)
        .bindArray("ids", String.class, (Object[]) ids)
        .bindArray("people", Long.class, (Object[]) people)
        .bindArray("activities", String.class, (Object[]) activities)
        .bindArray("due", String.class, (Object[]) due)
        .execute();
  }

  public List<OutboxEntry> claim(Destination destination, int max, Instant now, Duration lease) {
    String token = UUID.randomUUID().toString();
    OffsetDateTime at = utc(now);
    OffsetDateTime until = utc(now.plus(lease));
    String claimable = "o.tenant = :tenant AND o.destination = :destination AND o.state = 'PENDING' AND o.due_at <= :now "
        + "AND (o.lease_until IS NULL OR o.lease_until <= :now) "
        // only a person's earliest pending entry: per-person order. A correlated scalar subquery runs per
        // candidate with the person as a parameter; as NOT EXISTS it was planned as an anti join that
        // scanned every pending row of the tenant for each candidate while statistics were still empty.
        + "AND o.seq = (SELECT MIN(e.seq) FROM unisync_outbox e WHERE e.tenant = :tenant AND e.destination = :destination "
        + "AND e.person_id = o.person_id AND e.state = 'PENDING')";
    List<OutboxEntry> claimed = write("claiming activities for " + destination, handle -> {
      if (dialect == Dialect.POSTGRESQL) {
        return handle.createQuery("WITH c AS (SELECT o.seq FROM unisync_outbox o WHERE " + claimable
                + " ORDER BY o.seq LIMIT :max FOR UPDATE SKIP LOCKED) "
                + "UPDATE unisync_outbox u SET lease_owner = :token, lease_until = :until, attempts = u.attempts + 1, updated_at = :now "
                + "FROM c WHERE u.tenant = :tenant AND u.seq = c.seq RETURNING " + prefixed("u"))
            .bind("tenant", tenant).bind("destination", destination.name()).bind("now", at).bind("until", until)
            .bind("token", token).bind("max", max)
            .map((rs, ctx) -> entry(rs))
            .list();
      }
      List<Long> seqs = handle.createQuery("SELECT o.seq FROM unisync_outbox o WHERE " + claimable + " ORDER BY o.seq LIMIT :max FOR UPDATE")
          .bind("tenant", tenant).bind("destination", destination.name()).bind("now", at).bind("max", max)
          .mapTo(Long.class).list();
      if (seqs.isEmpty()) {
        return List.<OutboxEntry>of();
      }
      dialect.bindKeys(handle.createUpdate("UPDATE unisync_outbox o SET lease_owner = :token, lease_until = :until, attempts = attempts + 1, "
              + "updated_at = :now WHERE " + dialect.tenantKeyIn("o", "seq", seqs.size()) + " AND o.state = 'PENDING' "
              + "AND (o.lease_until IS NULL OR o.lease_until <= :now)"), seqs)
          .bind("tenant", tenant).bind("token", token).bind("until", until).bind("now", at)
          .execute();
      return handle.createQuery("SELECT " + COLUMNS + " FROM unisync_outbox WHERE tenant = :tenant AND lease_owner = :token")
          .bind("tenant", tenant).bind("token", token)
          .map((rs, ctx) -> entry(rs))
          .list();
    });
    List<OutboxEntry> sorted = new ArrayList<>(claimed);
    sorted.sort(Comparator.comparingLong(OutboxEntry::sequence));
    return sorted;
  }

  public int complete(List<OutboxEntry> claimed, Instant now) {
    if (claimed.isEmpty()) {
      return 0;
    }
    Map<String, List<Long>> byToken = new LinkedHashMap<>();
    for (OutboxEntry entry : claimed) {
      if (entry.leaseToken() != null) {
        byToken.computeIfAbsent(entry.leaseToken(), t -> new ArrayList<>()).add(entry.sequence());
      }
    }
    return write("completing " + claimed.size() + " activities", handle -> {
      int done = 0;
      for (Map.Entry<String, List<Long>> group : byToken.entrySet()) {
        var update = handle.createUpdate("UPDATE unisync_outbox SET state = 'DELIVERED', lease_owner = NULL, lease_until = NULL, "
            + "updated_at = :now WHERE lease_owner = :token AND state = 'PENDING' AND "
            + (dialect == Dialect.POSTGRESQL ? "tenant = :tenant AND seq = ANY(:seqs)" : dialect.tenantKeyIn("", "seq", group.getValue().size())));
        if (dialect == Dialect.POSTGRESQL) {
          update.bindArray("seqs", Long.class, group.getValue());
        } else {
          dialect.bindKeys(update, group.getValue());
        }
        done += update.bind("now", utc(now)).bind("tenant", tenant).bind("token", group.getKey()).execute();
      }
      return done;
    });
  }

  public boolean retryLater(OutboxEntry claimed, String reason, Instant dueAt, Instant now) {
    return finish(claimed, "PENDING", reason, dueAt, now);
  }

  public boolean deadLetter(OutboxEntry claimed, String reason, Instant now) {
    return finish(claimed, "DEAD", reason, claimed.dueAt(), now);
  }

  private boolean finish(OutboxEntry claimed, String state, String reason, Instant dueAt, Instant now) {
    if (claimed.leaseToken() == null) {
      return false;
    }
    return write("rescheduling activity " + claimed.activity().id(), handle -> handle
        .createUpdate("UPDATE unisync_outbox SET state = :state, due_at = :due, last_error = :reason, lease_owner = NULL, "
            + "lease_until = NULL, updated_at = :now WHERE tenant = :tenant AND seq = :seq AND lease_owner = :token AND state = 'PENDING'")
        .bind("state", state).bind("due", utc(dueAt)).bind("reason", StorableText.of(reason, MAX_ERROR)).bind("now", utc(now))
        .bind("tenant", tenant).bind("seq", claimed.sequence()).bind("token", claimed.leaseToken())
        .execute() == 1);
  }

  public List<OutboxEntry> deadLetters(Destination destination, int offset, int limit) {
    return write("reading dead letters", handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM unisync_outbox WHERE tenant = :tenant AND destination = :destination "
            + "AND state = 'DEAD' ORDER BY seq LIMIT :limit OFFSET :offset")
        .bind("tenant", tenant).bind("destination", destination.name()).bind("limit", limit).bind("offset", offset)
        .map((rs, ctx) -> entry(rs))
        .list());
  }

  public int replay(Destination destination, List<ActivityId> ids, Instant now) {
    if (ids.isEmpty()) {
      return 0;
    }
    return write("replaying dead letters", handle -> handle
        .createUpdate("UPDATE unisync_outbox SET state = 'PENDING', attempts = 0, due_at = :now, lease_owner = NULL, "
            + "lease_until = NULL, updated_at = :now WHERE tenant = :tenant AND destination = :destination AND state = 'DEAD' "
            + "AND activity_id IN (<ids>)")
        .bind("now", utc(now)).bind("tenant", tenant).bind("destination", destination.name())
        .bindList("ids", ids.stream().map(ActivityId::value).toList())
        .execute());
  }

  public Map<OutboxState, Long> counts(Destination destination) {
    Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
    for (OutboxState state : OutboxState.values()) {
      counts.put(state, 0L);
    }
    write("counting the outbox", handle -> handle
        .createQuery("SELECT state, COUNT(*) FROM unisync_outbox WHERE tenant = :tenant AND destination = :destination GROUP BY state")
        .bind("tenant", tenant).bind("destination", destination.name())
        .map((rs, ctx) -> counts.put(OutboxState.valueOf(rs.getString(1)), rs.getLong(2)))
        .list());
    return counts;
  }

  private <T> T write(String operation, HandleCallback<T, RuntimeException> callback) {
    try {
      if (joined) {
        return jdbi.withHandle(callback);
      }
      return transactions.inTransaction(callback);
    } catch (RuntimeException e) {
      throw SqlFailures.translate("JDBC activity outbox (tenant " + tenant + "): " + operation, e);
    }
  }

  private static String prefixed(String alias) {
    StringBuilder out = new StringBuilder();
    for (String column : COLUMNS.split(", ")) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(alias).append('.').append(column);
    }
    return out.toString();
  }

  private static OutboxEntry entry(ResultSet rs) throws SQLException {
    return new OutboxEntry(
        rs.getLong(1),
        Destination.valueOf(rs.getString(2)),
        ActivityCodec.decode(rs.getString(3)),
        OutboxState.valueOf(rs.getString(4)),
        rs.getInt(5),
        rs.getObject(6, OffsetDateTime.class).toInstant(),
        rs.getString(7),
        rs.getString(8));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
