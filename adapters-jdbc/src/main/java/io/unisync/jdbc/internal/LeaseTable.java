package io.unisync.jdbc.internal;

import io.unisync.core.port.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The lease table: one row per name, locked ({@code FOR UPDATE}) by every acquisition, renewal and release, and
 * read-locked by every fenced write ({@link Fences}). A released lease keeps its row and epoch (holder blank),
 * so epochs only grow. Two processes that both find no row race on the primary key: one insert wins, the other
 * reads the winner's row and answers accordingly. Thread-safe.
 */
public final class LeaseTable {

  private static final String NOBODY = "";
  /** How many names one statement of {@link #renewAll} or {@link #currentAll} carries. */
  private static final int CHUNK = 500;

  private final Jdbi jdbi;
  private final ReadCommitted transactions;
  private final Clock clock;

  public LeaseTable(DataSource dataSource, Clock clock) {
    this.jdbi = Jdbi.create(dataSource);
    this.transactions = ReadCommitted.on(dataSource, jdbi);
    this.clock = clock;
  }

  public Optional<Lease> acquire(String name, String holder, Duration ttl) {
    try {
      return transaction("acquiring lease " + name, h -> acquireIn(h, name, holder, ttl));
    } catch (RuntimeException first) {
      if (!SqlFailures.isUniqueViolation(first)) {
        throw first;
      }
      // Another process inserted the first row at the same moment: decide again against its row.
      return transaction("acquiring lease " + name, h -> acquireIn(h, name, holder, ttl));
    }
  }

  private Optional<Lease> acquireIn(Handle h, String name, String holder, Duration ttl) {
    Optional<Lease> current = lock(h, name);
    Instant now = clock.instant(); // after the lock: a decision on time read before waiting for it could be stale
    if (current.isEmpty()) {
      Lease lease = new Lease(name, holder, 1, now.plus(ttl));
      h.createUpdate("INSERT INTO unisync_lease (name, holder, epoch, expires_at) VALUES (:name, :holder, :epoch, :expires)")
          .bind("name", name).bind("holder", holder).bind("epoch", lease.epoch()).bind("expires", utc(lease.expiresAt())).execute();
      return Optional.of(lease);
    }
    Lease stored = current.get();
    if (stored.isValidAt(now) && !stored.holder().equals(holder)) {
      return Optional.empty();
    }
    long epoch = stored.isValidAt(now) ? stored.epoch() : stored.epoch() + 1; // a holder's valid lease is renewed, not re-issued
    return Optional.of(store(h, new Lease(name, holder, epoch, now.plus(ttl))));
  }

  public Optional<Lease> renew(Lease lease, Duration ttl) {
    return transaction("renewing lease " + lease.name(), h -> {
      Optional<Lease> current = lock(h, lease.name());
      if (current.isEmpty() || current.get().epoch() != lease.epoch() || !current.get().holder().equals(lease.holder())) {
        return Optional.empty();
      }
      return Optional.of(store(h, new Lease(lease.name(), lease.holder(), lease.epoch(), clock.instant().plus(ttl))));
    });
  }

  /**
   * Renews many leases in one transaction: their rows locked in name order (two replicas never wait on each other in a
   * cycle), the ones still held at their epoch extended by one batched update.
   */
  public Map<String, Lease> renewAll(Collection<Lease> held, Duration ttl) {
    if (held.isEmpty()) {
      return Map.of();
    }
    Map<String, Lease> byName = new LinkedHashMap<>();
    held.forEach(l -> byName.put(l.name(), l));
    return transaction("renewing " + held.size() + " leases", h -> {
      Map<String, Lease> stored = new LinkedHashMap<>();
      for (List<String> chunk : chunks(List.copyOf(byName.keySet()))) {
        stored.putAll(readAll(h, chunk, " ORDER BY name FOR UPDATE"));
      }
      Instant expires = clock.instant().plus(ttl); // after the locks, as for one lease
      Map<String, Lease> renewed = new LinkedHashMap<>();
      PreparedBatch update = h.prepareBatch("UPDATE unisync_lease SET expires_at = :expires WHERE name = :name");
      for (Lease mine : byName.values()) {
        Lease now = stored.get(mine.name());
        if (now != null && now.epoch() == mine.epoch() && now.holder().equals(mine.holder())) {
          renewed.put(mine.name(), new Lease(mine.name(), mine.holder(), mine.epoch(), expires));
          update.bind("expires", utc(expires)).bind("name", mine.name()).add();
        }
      }
      if (update.size() > 0) {
        update.execute();
      }
      return renewed;
    });
  }

  /** The stored leases among {@code names}, read in chunks of a few hundred names. */
  public Map<String, Lease> currentAll(Collection<String> names) {
    try {
      return jdbi.withHandle(h -> {
        Map<String, Lease> found = new LinkedHashMap<>();
        for (List<String> chunk : chunks(List.copyOf(names))) {
          found.putAll(readAll(h, chunk, ""));
        }
        return found;
      });
    } catch (RuntimeException e) {
      throw SqlFailures.translate("reading " + names.size() + " leases", e);
    }
  }

  private static List<List<String>> chunks(List<String> names) {
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < names.size(); i += CHUNK) {
      chunks.add(names.subList(i, Math.min(names.size(), i + CHUNK)));
    }
    return chunks;
  }

  private static Map<String, Lease> readAll(Handle h, List<String> names, String tail) {
    Map<String, Lease> found = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return found;
    }
    h.createQuery("SELECT name, holder, epoch, expires_at FROM unisync_lease WHERE name IN (<names>)" + tail)
        .bindList("names", names)
        .map((rs, ctx) -> new Lease(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4, OffsetDateTime.class).toInstant()))
        .forEach(l -> found.put(l.name(), l));
    return found;
  }

  public void release(Lease lease) {
    transaction("releasing lease " + lease.name(), h -> h
        .createUpdate("UPDATE unisync_lease SET holder = :nobody, expires_at = :epoch0 WHERE name = :name AND holder = :holder AND epoch = :epoch")
        .bind("nobody", NOBODY).bind("epoch0", utc(Instant.EPOCH)).bind("name", lease.name()).bind("holder", lease.holder())
        .bind("epoch", lease.epoch()).execute());
  }

  public Optional<Lease> current(String name) {
    try {
      return jdbi.withHandle(h -> read(h, name, ""));
    } catch (RuntimeException e) {
      throw SqlFailures.translate("reading lease " + name, e);
    }
  }

  private static Optional<Lease> lock(Handle h, String name) {
    return read(h, name, " FOR UPDATE");
  }

  private static Optional<Lease> read(Handle h, String name, String lock) {
    return h.createQuery("SELECT holder, epoch, expires_at FROM unisync_lease WHERE name = :name" + lock)
        .bind("name", name)
        .map((rs, ctx) -> new Lease(name, rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant()))
        .findOne();
  }

  private static Lease store(Handle h, Lease lease) {
    h.createUpdate("UPDATE unisync_lease SET holder = :holder, epoch = :epoch, expires_at = :expires WHERE name = :name")
        .bind("holder", lease.holder()).bind("epoch", lease.epoch()).bind("expires", utc(lease.expiresAt())).bind("name", lease.name())
        .execute();
    return lease;
  }

  private <T> T transaction(String operation, HandleCallback<T, RuntimeException> work) {
    try {
      return transactions.inTransaction(work);
    } catch (RuntimeException e) {
      if (SqlFailures.isUniqueViolation(e)) {
        throw e; // acquire decides again
      }
      throw SqlFailures.translate(operation, e);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
