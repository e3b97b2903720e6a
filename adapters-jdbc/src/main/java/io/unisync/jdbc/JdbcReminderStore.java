package io.unisync.jdbc;

import io.unisync.core.domain.ReminderTask;
import io.unisync.core.port.Fence;
import io.unisync.core.port.ReminderStore;
import io.unisync.jdbc.internal.Dialect;
import io.unisync.jdbc.internal.ReminderTables;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** {@link ReminderStore} on PostgreSQL or H2, for one tenant. Thread-safe. */
public final class JdbcReminderStore implements ReminderStore {

  private final ReminderTables tables;
  private final @Nullable Fence fence;

  private JdbcReminderStore(ReminderTables tables, @Nullable Fence fence) {
    this.tables = tables;
    this.fence = fence;
  }

  /**
   * The reminders of one tenant over the host's data source (migrated).
   *
   * @param dataSource the host's data source
   * @param tenant whose reminders it holds
   * @return the store
   */
  public static JdbcReminderStore create(DataSource dataSource, Tenant tenant) {
    return create(dataSource, Dialect.of(dataSource), tenant);
  }

  /** With the dialect already known (no connection opened to find it out). */
  static JdbcReminderStore create(DataSource dataSource, Dialect dialect, Tenant tenant) {
    return new JdbcReminderStore(new ReminderTables(dataSource, dialect, tenant.id()), null);
  }

  @Override
  public Optional<ReminderTask> find(String id) {
    return tables.find(id);
  }

  @Override
  public Optional<ReminderTask> findByCrmId(String crmId) {
    return tables.findByCrmId(crmId);
  }

  @Override
  public void save(ReminderTask task, boolean fromCrm) {
    tables.save(task, fromCrm, fence);
  }

  @Override
  public boolean delete(String id) {
    return tables.delete(id, fence);
  }

  @Override
  public List<ReminderTask> unpushed(int max) {
    return tables.unpushed(max);
  }

  @Override
  public void markPushed(String id, @Nullable String crmId, Instant version) {
    tables.markPushed(id, crmId, version, fence);
  }

  @Override
  public JdbcReminderStore fencedBy(Fence fence) {
    return new JdbcReminderStore(tables, io.unisync.jdbc.internal.Fences.forTenant(fence, tables.tenant()));
  }
}
