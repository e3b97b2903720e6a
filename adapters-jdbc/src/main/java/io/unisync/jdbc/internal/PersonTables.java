package io.unisync.jdbc.internal;

import io.unisync.core.domain.Fingerprint;
import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonId;
import io.unisync.core.store.ApplyPlan;
import io.unisync.core.port.ApplyResult;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.core.port.SourcePosition;
import io.unisync.core.port.StoreBatch;
import io.unisync.core.port.StoredPerson;
import io.unisync.core.store.StoredVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import io.unisync.core.port.Fence;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * The person, checkpoint and quarantine tables of one tenant. Every statement is scoped by tenant.
 * Thread-safe (each call borrows its own connection).
 */
public final class PersonTables {

  /** Quarantined text beyond this is cut (with a marker) so both databases accept it alike. */
  static final int MAX_QUARANTINE_TEXT = 65_536;

  private static final List<String> PERSON_COLUMNS = List.of(
      "tenant", "person_id", "first_name", "last_name", "sfdc_contact_id", "sfdc_lead_id", "company", "title",
      "email", "phone", "linkedin_url", "source", "fingerprint", "source_updated_at", "synced_at");
  private static final List<String> PERSON_KEY = List.of("tenant", "person_id");
  private static final String SELECT_PERSON = "SELECT person_id, first_name, last_name, sfdc_contact_id, sfdc_lead_id, company, "
      + "title, email, phone, linkedin_url, source, fingerprint, source_updated_at FROM unisync_person ";
  private static final List<String> CHECKPOINT_COLUMNS = List.of("tenant", "phase", "change_position", "snapshot_position", "updated_at");
  private static final List<String> QUARANTINE_COLUMNS = List.of("tenant", "source_id", "reason", "payload", "rejected_at");

  private static final String PG_UPSERT_FROM_ARRAYS = "INSERT INTO unisync_person (" + String.join(", ", PERSON_COLUMNS) + ") "
      + "SELECT :tenant, r.* , :now FROM unnest(:ids::bigint[], :c0::text[], :c1::text[], :c2::text[], :c3::text[], :c4::text[], "
      + ":c5::text[], :c6::text[], :c7::text[], :c8::text[], :c9::text[], :fingerprints::text[], :versions::timestamptz[]) AS r "
      + "ON CONFLICT (tenant, person_id) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, "
      + "sfdc_contact_id = EXCLUDED.sfdc_contact_id, sfdc_lead_id = EXCLUDED.sfdc_lead_id, company = EXCLUDED.company, "
      + "title = EXCLUDED.title, email = EXCLUDED.email, phone = EXCLUDED.phone, linkedin_url = EXCLUDED.linkedin_url, "
      + "source = EXCLUDED.source, fingerprint = EXCLUDED.fingerprint, source_updated_at = EXCLUDED.source_updated_at, "
      + "synced_at = EXCLUDED.synced_at WHERE unisync_person.source_updated_at <= EXCLUDED.source_updated_at";

  /**
   * The people of one batch new to the store from which PostgreSQL takes them through {@code COPY}: an initial sync's
   * pages (300 records, about 240 of them eligible); an incremental batch, whose few new people are those who gained
   * an owner, keeps the array statement.
   */
  public static final int DEFAULT_COPY_THRESHOLD = 100;

  /** The people of a batch the store lacks, straight into the table. */
  private static final String PG_COPY_PEOPLE = "COPY unisync_person (" + String.join(", ", PERSON_COLUMNS) + ") FROM STDIN";

  private final ReadCommitted transactions;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final String tenant;
  private final Clock clock;
  private final String checkpointUpsert;
  private final int copyThreshold;

  public PersonTables(DataSource dataSource, Dialect dialect, String tenant, Clock clock) {
    this(dataSource, dialect, tenant, clock, DEFAULT_COPY_THRESHOLD);
  }

  /** @param copyThreshold the new people of a batch from which PostgreSQL takes them through {@code COPY} (1: always, 0: never) */
  public PersonTables(DataSource dataSource, Dialect dialect, String tenant, Clock clock, int copyThreshold) {
    this.jdbi = Jdbi.create(dataSource);
    this.transactions = ReadCommitted.on(dataSource, jdbi);
    this.dialect = dialect;
    this.tenant = tenant;
    this.clock = clock;
    this.checkpointUpsert = dialect.upsert("unisync_checkpoint", CHECKPOINT_COLUMNS, List.of("tenant"), 1, null);
    this.copyThreshold = copyThreshold <= 0 ? Integer.MAX_VALUE : copyThreshold;
  }

  public ApplyResult apply(StoreBatch batch, @Nullable Fence fence) {
    try {
      return transactions.inTransaction(handle -> {
        if (fence != null) {
          Fences.check(handle, dialect, fence);
        }
        return applyIn(handle, batch);
      });
    } catch (RuntimeException e) {
      throw SqlFailures.translate("JDBC person store (tenant " + tenant + "): applying a batch of "
          + batch.upserts().size() + " upserts and " + batch.removals().size() + " removals", e);
    }
  }

  /** Quarantines records outside a person batch, in one transaction, fenced like {@link #apply}. */
  public void quarantine(List<QuarantinedRecord> records, @Nullable Fence fence) {
    if (records.isEmpty()) {
      return;
    }
    try {
      transactions.inTransaction(handle -> {
        if (fence != null) {
          Fences.check(handle, dialect, fence);
        }
        quarantine(handle, records);
        return null;
      });
    } catch (RuntimeException e) {
      throw SqlFailures.translate("JDBC person store (tenant " + tenant + "): quarantining " + records.size() + " records", e);
    }
  }

  private ApplyResult applyIn(Handle handle, StoreBatch batch) {
    Set<PersonId> ids = ApplyPlan.idsOf(batch);
    Map<PersonId, StoredVersion> versions = ids.isEmpty() ? Map.of() : lockVersions(handle, ids);
    ApplyPlan plan = ApplyPlan.of(batch, versions);
    OffsetDateTime now = utc(clock.instant());
    if (!plan.writes().isEmpty()) {
      List<PersonUpsert> fresh = new java.util.ArrayList<>();
      List<PersonUpsert> changed = new java.util.ArrayList<>();
      plan.writes().forEach(w -> (versions.containsKey(w.person().id()) ? changed : fresh).add(w));
      if (dialect == Dialect.POSTGRESQL && fresh.size() >= copyThreshold && PgCopy.available(handle.getConnection())) {
        copyPeople(handle, fresh, now);
        if (!changed.isEmpty()) {
          writePeopleFromArrays(handle, changed, now);
        }
      } else {
        writePeople(handle, plan.writes(), now);
      }
    }
    if (!plan.deletes().isEmpty()) {
      List<Long> deletes = plan.deletes().stream().map(PersonId::value).toList();
      var delete = dialect == Dialect.POSTGRESQL
          ? handle.createUpdate("DELETE FROM unisync_person p USING unnest(:ids::bigint[]) AS k(id) "
              + "WHERE p.tenant = :tenant AND p.person_id = k.id").bindArray("ids", Long.class, deletes)
          : dialect.bindKeys(handle.createUpdate("DELETE FROM unisync_person WHERE " + dialect.tenantKeyIn("", "person_id", deletes.size())),
              deletes);
      delete.bind("tenant", tenant).execute();
    }
    if (!batch.rejections().isEmpty()) {
      quarantine(handle, batch.rejections());
    }
    writeCheckpoint(handle, batch.checkpoint(), now);
    return plan.result();
  }

  /**
   * PostgreSQL, many people new to the store (an initial sync's page): they go in through {@code COPY}, straight into
   * the table (those it holds, locked above, take the array upsert). A concurrent writer that inserted one of them
   * meanwhile makes the {@code COPY} fail on the primary key, and the whole batch with it: nothing is half applied, and
   * the engine's retry finds the person stored.
   */
  private void copyPeople(Handle handle, List<PersonUpsert> fresh, OffsetDateTime now) {
    PgCopy copy = new PgCopy();
    String syncedAt = now.toString();
    for (PersonUpsert write : fresh) {
      Person person = write.person();
      copy.field(tenant).field(Long.toString(person.id().value())).field(person.firstName()).field(person.lastName())
          .field(person.salesforceContactId()).field(person.salesforceLeadId()).field(person.company()).field(person.title())
          .field(person.email()).field(person.phone()).field(person.linkedinUrl()).field(person.source())
          .field(write.fingerprint().value()).field(write.sourceUpdatedAt().toString()).field(syncedAt).endRow();
    }
    try {
      copy.copyInto(handle.getConnection(), PG_COPY_PEOPLE);
    } catch (SQLException e) {
      if (SqlFailures.isUniqueViolation(e)) {
        throw new io.unisync.core.error.RetryableAdapterException("JDBC person store (tenant " + tenant + "): another writer stored"
            + " one of the " + fresh.size() + " new people of this batch meanwhile; nothing was applied, apply the batch again", e);
      }
      throw new org.jdbi.v3.core.ConnectionException(e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("JDBC person store (tenant " + tenant + "): sending the COPY rows", e);
    }
  }

  private Map<PersonId, StoredVersion> lockVersions(Handle handle, Set<PersonId> ids) {
    Map<PersonId, StoredVersion> versions = new HashMap<>();
    List<Long> idValues = ids.stream().map(PersonId::value).toList();
    var query = dialect == Dialect.POSTGRESQL
        // One array parameter keeps the statement small. The lateral lookup by the full primary key keeps
        // the cached generic plan on that index even while a new tenant's statistics still say "empty"
        // (a join or "= ANY(..)" was planned as a scan of the whole tenant there).
        ? handle.createQuery("SELECT p.person_id, p.fingerprint, p.source_updated_at FROM unnest(:ids::bigint[]) AS k(id) "
            + "CROSS JOIN LATERAL (SELECT person_id, fingerprint, source_updated_at FROM unisync_person "
            + "WHERE tenant = :tenant AND person_id = k.id FOR UPDATE) AS p").bindArray("ids", Long.class, idValues)
        : dialect.bindKeys(handle.createQuery("SELECT person_id, fingerprint, source_updated_at FROM unisync_person "
            + "WHERE " + dialect.tenantKeyIn("", "person_id", idValues.size()) + " FOR UPDATE"), idValues);
    query
        .bind("tenant", tenant)
        .map((rs, ctx) -> {
          versions.put(PersonId.of(rs.getLong(1)),
              new StoredVersion(new Fingerprint(rs.getString(2)), rs.getObject(3, OffsetDateTime.class).toInstant()));
          return null;
        })
        .list();
    return versions;
  }

  private void writePeople(Handle handle, List<PersonUpsert> writes, OffsetDateTime now) {
    if (dialect == Dialect.POSTGRESQL) {
      writePeopleFromArrays(handle, writes, now);
    } else {
      writePeopleAsRows(handle, writes, now);
    }
  }

  /**
   * PostgreSQL: one {@code INSERT ... SELECT FROM unnest(arrays)} with 15 parameters whatever the page
   * size, so the server parses and plans it once and reuses the plan for every page.
   */
  private void writePeopleFromArrays(Handle handle, List<PersonUpsert> writes, OffsetDateTime now) {
    int n = writes.size();
    Long[] ids = new Long[n];
    String[][] text = new String[10][n];
    String[] fingerprints = new String[n];
    String[] versions = new String[n];
    for (int i = 0; i < n; i++) {
      PersonUpsert write = writes.get(i);
      Person person = write.person();
      ids[i] = person.id().value();
      text[0][i] = person.firstName();
      text[1][i] = person.lastName();
      text[2][i] = person.salesforceContactId();
      text[3][i] = person.salesforceLeadId();
      text[4][i] = person.company();
      text[5][i] = person.title();
      text[6][i] = person.email();
      text[7][i] = person.phone();
      text[8][i] = person.linkedinUrl();
      text[9][i] = person.source();
      fingerprints[i] = write.fingerprint().value();
      versions[i] = write.sourceUpdatedAt().toString();
    }
    var update = handle.createUpdate(PG_UPSERT_FROM_ARRAYS)
        .bind("tenant", tenant)
        .bind("now", now)
        .bindArray("ids", Long.class, (Object[]) ids)
        .bindArray("fingerprints", String.class, (Object[]) fingerprints)
        .bindArray("versions", String.class, (Object[]) versions);
    for (int c = 0; c < text.length; c++) {
      update.bindArray("c" + c, String.class, (Object[]) text[c]);
    }
    update.execute();
  }

  private void writePeopleAsRows(Handle handle, List<PersonUpsert> writes, OffsetDateTime now) {
    String sql = dialect.upsert("unisync_person", PERSON_COLUMNS, PERSON_KEY, writes.size(),
        "unisync_person.source_updated_at <= EXCLUDED.source_updated_at");
    var update = handle.createUpdate(sql);
    int p = 0;
    for (PersonUpsert write : writes) {
      Person person = write.person();
      update.bind(p++, tenant);
      update.bind(p++, person.id().value());
      p = bindText(update, p, person.firstName());
      p = bindText(update, p, person.lastName());
      p = bindText(update, p, person.salesforceContactId());
      p = bindText(update, p, person.salesforceLeadId());
      p = bindText(update, p, person.company());
      p = bindText(update, p, person.title());
      p = bindText(update, p, person.email());
      p = bindText(update, p, person.phone());
      p = bindText(update, p, person.linkedinUrl());
      p = bindText(update, p, person.source());
      update.bind(p++, write.fingerprint().value());
      update.bind(p++, utc(write.sourceUpdatedAt()));
      update.bind(p++, now);
    }
    update.execute();
  }

  private void quarantine(Handle handle, List<QuarantinedRecord> rejections) {
    var insert = handle.createUpdate(Dialect.insert("unisync_quarantine", QUARANTINE_COLUMNS, rejections.size()));
    int p = 0;
    for (QuarantinedRecord record : rejections) {
      insert.bind(p++, tenant);
      insert.bind(p++, StorableText.of(record.sourceId(), 1_000));
      insert.bind(p++, StorableText.of(record.reason(), MAX_QUARANTINE_TEXT));
      insert.bind(p++, StorableText.of(record.payload(), MAX_QUARANTINE_TEXT));
      insert.bind(p++, utc(record.rejectedAt()));
    }
    insert.execute();
  }

  private void writeCheckpoint(Handle handle, Checkpoint checkpoint, OffsetDateTime now) {
    var update = handle.createUpdate(checkpointUpsert)
        .bind(0, tenant)
        .bind(1, checkpoint.phase().name())
        .bind(2, checkpoint.changePosition().value());
    bindText(update, 3, checkpoint.snapshotPosition() == null ? null : checkpoint.snapshotPosition().value());
    update.bind(4, now).execute();
  }

  public Optional<Checkpoint> checkpoint() {
    return read("reading the checkpoint", handle -> handle
        .createQuery("SELECT phase, change_position, snapshot_position FROM unisync_checkpoint WHERE tenant = :tenant")
        .bind("tenant", tenant)
        .map((rs, ctx) -> {
          String snapshot = rs.getString(3);
          return new Checkpoint(Checkpoint.Phase.valueOf(rs.getString(1)), new SourcePosition(rs.getString(2)),
              snapshot == null ? null : new SnapshotPosition(snapshot));
        })
        .findOne());
  }

  public Optional<StoredPerson> findById(PersonId id) {
    return read("reading person " + id, handle -> handle
        .createQuery(SELECT_PERSON + "WHERE tenant = :tenant AND person_id = :id")
        .bind("tenant", tenant)
        .bind("id", id.value())
        .map((rs, ctx) -> person(rs))
        .findOne());
  }

  public List<StoredPerson> findByEmail(String email) {
    String normalised = email.strip().toLowerCase(Locale.ROOT);
    return read("reading people by e-mail", handle -> handle
        .createQuery(SELECT_PERSON + "WHERE tenant = :tenant AND email = :email ORDER BY person_id")
        .bind("tenant", tenant)
        .bind("email", normalised)
        .map((rs, ctx) -> person(rs))
        .list());
  }

  public List<StoredPerson> findBySalesforceId(String salesforceId) {
    return read("reading people by Salesforce id", handle -> handle
        .createQuery(SELECT_PERSON + "WHERE tenant = :tenant AND (sfdc_contact_id = :sf OR sfdc_lead_id = :sf) ORDER BY person_id")
        .bind("tenant", tenant)
        .bind("sf", salesforceId)
        .map((rs, ctx) -> person(rs))
        .list());
  }

  public List<StoredPerson> page(@Nullable PersonId after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return read("reading a page of people", handle -> handle
        .createQuery(SELECT_PERSON + "WHERE tenant = :tenant AND person_id > :after ORDER BY person_id LIMIT :limit")
        .bind("tenant", tenant)
        .bind("after", after == null ? 0L : after.value())
        .bind("limit", limit)
        .map((rs, ctx) -> person(rs))
        .list());
  }

  public long count() {
    return read("counting people", handle -> handle
        .createQuery("SELECT COUNT(*) FROM unisync_person WHERE tenant = :tenant")
        .bind("tenant", tenant)
        .mapTo(Long.class)
        .one());
  }

  public List<QuarantinedRecord> quarantined(int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
    }
    return read("reading the quarantine", handle -> handle
        .createQuery("SELECT source_id, reason, payload, rejected_at FROM unisync_quarantine WHERE tenant = :tenant "
            + "ORDER BY seq LIMIT :limit OFFSET :offset")
        .bind("tenant", tenant)
        .bind("limit", limit)
        .bind("offset", offset)
        .map((rs, ctx) -> new QuarantinedRecord(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class).toInstant()))
        .list());
  }

  public long quarantineCount() {
    return read("counting the quarantine", handle -> handle
        .createQuery("SELECT COUNT(*) FROM unisync_quarantine WHERE tenant = :tenant")
        .bind("tenant", tenant)
        .mapTo(Long.class)
        .one());
  }

  private <T> T read(String operation, org.jdbi.v3.core.HandleCallback<T, RuntimeException> callback) {
    try {
      return jdbi.withHandle(callback);
    } catch (RuntimeException e) {
      throw SqlFailures.translate("JDBC person store (tenant " + tenant + "): " + operation, e);
    }
  }

  private static StoredPerson person(ResultSet rs) throws SQLException {
    Person person = new Person(PersonId.of(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
    return new StoredPerson(person, new Fingerprint(rs.getString(12)), rs.getObject(13, OffsetDateTime.class).toInstant());
  }

  private static int bindText(SqlStatement<?> statement, int position, @Nullable String value) {
    if (value == null) {
      statement.bindNull(position, Types.VARCHAR);
    } else {
      statement.bind(position, value);
    }
    return position + 1;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** The tenant whose rows these are. */
  public String tenant() {
    return tenant;
  }
}
