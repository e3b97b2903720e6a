package io.unisync.jdbc.internal;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.ReminderTask;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.HandleCallback;
import io.unisync.core.port.Fence;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/** The reminder table of one tenant. Thread-safe. */
public final class ReminderTables {

  private static final String COLUMNS = "id, person_id, subject, due_date, completed, modified_at, crm_id";

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final String tenant;
  private final String upsert;

  public ReminderTables(DataSource dataSource, Dialect dialect, String tenant) {
    this.jdbi = Jdbi.create(dataSource);
    this.dialect = dialect;
    this.tenant = tenant;
    this.upsert = dialect.upsert("unisync_reminder",
        List.of("tenant", "id", "person_id", "subject", "due_date", "completed", "modified_at", "crm_id", "pending"),
        List.of("tenant", "id"), 1, null);
  }

  public Optional<ReminderTask> find(String id) {
    return run("reading a reminder", h -> h.createQuery("SELECT " + COLUMNS + " FROM unisync_reminder WHERE tenant = :tenant AND id = :id")
        .bind("tenant", tenant).bind("id", id).map((rs, ctx) -> reminder(rs)).findOne());
  }

  public Optional<ReminderTask> findByCrmId(String crmId) {
    return run("reading a reminder by CRM id", h -> h
        .createQuery("SELECT " + COLUMNS + " FROM unisync_reminder WHERE tenant = :tenant AND crm_id = :crm ORDER BY id")
        .bind("tenant", tenant).bind("crm", crmId).map((rs, ctx) -> reminder(rs)).findFirst());
  }

  public void save(ReminderTask task, boolean fromCrm, @Nullable Fence fence) {
    write("saving a reminder", fence, h -> h.inTransaction(tx -> {
      String crmId = task.crmId() != null ? task.crmId() : tx
          .createQuery("SELECT crm_id FROM unisync_reminder WHERE tenant = :tenant AND id = :id")
          .bind("tenant", tenant).bind("id", task.id()).mapTo(String.class).findOne().orElse(null);
      var update = tx.createUpdate(upsert).bind(0, tenant).bind(1, task.id()).bind(2, task.person().value())
          .bind(3, task.subject()).bind(4, task.dueDate()).bind(5, task.completed())
          .bind(6, task.modifiedAt().atOffset(ZoneOffset.UTC));
      if (crmId == null) {
        update.bindNull(7, Types.VARCHAR);
      } else {
        update.bind(7, crmId);
      }
      return update.bind(8, !fromCrm).execute();
    }));
  }

  public boolean delete(String id, @Nullable Fence fence) {
    return write("deleting a reminder", fence, h -> h.createUpdate("DELETE FROM unisync_reminder WHERE tenant = :tenant AND id = :id")
        .bind("tenant", tenant).bind("id", id).execute()) > 0;
  }

  public List<ReminderTask> unpushed(int max) {
    return run("reading unpushed reminders", h -> h
        .createQuery("SELECT " + COLUMNS + " FROM unisync_reminder WHERE tenant = :tenant AND pending = TRUE ORDER BY modified_at, id LIMIT :max")
        .bind("tenant", tenant).bind("max", max).map((rs, ctx) -> reminder(rs)).list());
  }

  public void markPushed(String id, @Nullable String crmId, Instant version, @Nullable Fence fence) {
    write("marking a reminder pushed", fence, h -> h.inTransaction(tx -> {
      tx.createUpdate("UPDATE unisync_reminder SET crm_id = :crm WHERE tenant = :tenant AND id = :id")
          .bind("crm", crmId).bind("tenant", tenant).bind("id", id).execute();
      // a reminder changed since the pushed version stays queued
      return tx.createUpdate("UPDATE unisync_reminder SET pending = FALSE WHERE tenant = :tenant AND id = :id AND modified_at = :version")
          .bind("tenant", tenant).bind("id", id).bind("version", version.atOffset(ZoneOffset.UTC)).execute();
    }));
  }

  private static ReminderTask reminder(ResultSet rs) throws SQLException {
    return new ReminderTask(rs.getString(1), PersonId.of(rs.getLong(2)), rs.getString(3), rs.getObject(4, LocalDate.class),
        rs.getBoolean(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7));
  }

  private <T> T write(String operation, @Nullable Fence fence, HandleCallback<T, RuntimeException> callback) {
    try {
      return Fences.write(jdbi, dialect, fence, callback);
    } catch (RuntimeException e) {
      throw SqlFailures.translate("JDBC reminder store (tenant " + tenant + "): " + operation, e);
    }
  }

  private <T> T run(String operation, HandleCallback<T, RuntimeException> callback) {
    try {
      return jdbi.withHandle(callback);
    } catch (RuntimeException e) {
      throw SqlFailures.translate("JDBC reminder store (tenant " + tenant + "): " + operation, e);
    }
  }

  /** The tenant whose rows these are. */
  public String tenant() {
    return tenant;
  }
}
