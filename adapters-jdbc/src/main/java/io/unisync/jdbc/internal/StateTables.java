package io.unisync.jdbc.internal;

import io.unisync.core.domain.PersonId;
import io.unisync.core.port.Suppression;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.HandleCallback;
import io.unisync.core.port.Fence;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/** The suppression list and the two-way syncs' watermarks of one tenant. Thread-safe. */
public final class StateTables {

  private static final List<String> SUPPRESSION_COLUMNS = List.of("tenant", "person_id", "origin", "reason", "since_at", "pushed");
  private static final List<String> STATE_COLUMNS = List.of("tenant", "stream", "watermark");

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final String tenant;
  private final String suppressionUpsert;
  private final String stateUpsert;

  public StateTables(DataSource dataSource, Dialect dialect, String tenant) {
    this.jdbi = Jdbi.create(dataSource);
    this.dialect = dialect;
    this.tenant = tenant;
    this.suppressionUpsert = dialect.upsert("unisync_suppression", SUPPRESSION_COLUMNS, List.of("tenant", "person_id"), 1, null);
    this.stateUpsert = dialect.upsert("unisync_sync_state", STATE_COLUMNS, List.of("tenant", "stream"), 1, null);
  }

  public Optional<Suppression> find(PersonId person) {
    return run("reading a suppression", h -> h
        .createQuery("SELECT person_id, origin, reason, since_at FROM unisync_suppression WHERE tenant = :tenant AND person_id = :person")
        .bind("tenant", tenant).bind("person", person.value())
        .map((rs, ctx) -> new Suppression(PersonId.of(rs.getLong(1)), Suppression.Origin.valueOf(rs.getString(2)), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class).toInstant()))
        .findOne());
  }

  public void suppress(Suppression s, @Nullable Fence fence) {
    write("storing a suppression", fence, h -> h.createUpdate(suppressionUpsert)
        .bind(0, tenant).bind(1, s.person().value()).bind(2, s.origin().name())
        .bind(3, StorableText.of(s.reason(), 1_000)).bind(4, s.since().atOffset(ZoneOffset.UTC))
        .bind(5, s.origin() == Suppression.Origin.CRM)
        .execute());
  }

  public boolean lift(PersonId person, @Nullable Fence fence) {
    return write("lifting a suppression", fence, h -> h
        .createUpdate("DELETE FROM unisync_suppression WHERE tenant = :tenant AND person_id = :person")
        .bind("tenant", tenant).bind("person", person.value()).execute()) > 0;
  }

  public List<Suppression> unpushed(int max) {
    return run("reading unpushed suppressions", h -> h
        .createQuery("SELECT person_id, origin, reason, since_at FROM unisync_suppression WHERE tenant = :tenant AND pushed = FALSE "
            + "ORDER BY since_at, person_id LIMIT :max")
        .bind("tenant", tenant).bind("max", max)
        .map((rs, ctx) -> new Suppression(PersonId.of(rs.getLong(1)), Suppression.Origin.valueOf(rs.getString(2)), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class).toInstant()))
        .list());
  }

  public void markPushed(Collection<PersonId> people, @Nullable Fence fence) {
    if (people.isEmpty()) {
      return;
    }
    List<Long> ids = people.stream().map(PersonId::value).toList();
    write("marking suppressions pushed", fence, h -> dialect.bindKeys(h
        .createUpdate("UPDATE unisync_suppression SET pushed = TRUE WHERE " + dialect.tenantKeyIn("", "person_id", ids.size())), ids)
        .bind("tenant", tenant).execute());
  }

  public Optional<String> watermark(String stream) {
    return run("reading a watermark", h -> h
        .createQuery("SELECT watermark FROM unisync_sync_state WHERE tenant = :tenant AND stream = :stream")
        .bind("tenant", tenant).bind("stream", stream).mapTo(String.class).findOne());
  }

  public void saveWatermark(String stream, String value, @Nullable Fence fence) {
    if (value.isBlank() || value.length() > 4000) {
      throw new IllegalArgumentException("a watermark must be 1 to 4000 characters");
    }
    write("storing a watermark", fence, h -> h.createUpdate(stateUpsert).bind(0, tenant).bind(1, stream).bind(2, value).execute());
  }

  private <T> T write(String operation, @Nullable Fence fence, HandleCallback<T, RuntimeException> callback) {
    try {
      return Fences.write(jdbi, dialect, fence, callback);
    } catch (RuntimeException e) {
      throw SqlFailures.translate("JDBC state tables (tenant " + tenant + "): " + operation, e);
    }
  }

  private <T> T run(String operation, HandleCallback<T, RuntimeException> callback) {
    try {
      return jdbi.withHandle(callback);
    } catch (RuntimeException e) {
      throw SqlFailures.translate("JDBC state tables (tenant " + tenant + "): " + operation, e);
    }
  }

  /** The tenant whose rows these are. */
  public String tenant() {
    return tenant;
  }
}
