package io.unisync.jdbc;

import io.unisync.core.domain.PersonId;
import io.unisync.core.port.ApplyResult;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.Fence;
import io.unisync.core.port.PersonStore;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.port.StoreBatch;
import io.unisync.core.port.StoredPerson;
import io.unisync.jdbc.internal.Dialect;
import io.unisync.jdbc.internal.PersonTables;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link PersonStore} on PostgreSQL or H2, for one tenant. The schema must exist:
 * call {@link JdbcDatabase#migrate()} first (construction never migrates).
 *
 * <p>{@link #apply} is one transaction on one connection: it locks the batch's rows, decides with
 * {@link io.unisync.core.store.ApplyPlan}, writes all upserts in one multi-row statement, deletes in one
 * statement, quarantines in one statement and upserts the checkpoint. Thread-safe; failures are
 * {@link io.unisync.core.error.AdapterException}s, retryable for connection loss, deadlocks, serialization
 * failures and timeouts.
 */
public final class JdbcPersonStore implements PersonStore {

  private final PersonTables tables;
  private final Tenant tenant;
  private final @Nullable Fence fence;

  private JdbcPersonStore(PersonTables tables, Tenant tenant, @Nullable Fence fence) {
    this.tables = tables;
    this.tenant = tenant;
    this.fence = fence;
  }

  /**
   * A store for one tenant over the host's data source, with the UTC system clock for write times.
   *
   * @param dataSource the host's data source (migrated)
   * @param tenant whose people it holds
   * @return the store
   */
  public static JdbcPersonStore create(DataSource dataSource, Tenant tenant) {
    return create(dataSource, tenant, Clock.systemUTC());
  }

  /**
   * A store for one tenant; {@code clock} stamps write times.
   *
   * @param dataSource the host's data source (migrated)
   * @param tenant whose people it holds
   * @param clock stamps write times
   * @return the store
   */
  public static JdbcPersonStore create(DataSource dataSource, Tenant tenant, Clock clock) {
    return create(dataSource, Dialect.of(dataSource), tenant, clock, JdbcSettings.DEFAULT_COPY_THRESHOLD);
  }

  /** With the dialect already known (no connection opened to find it out). */
  static JdbcPersonStore create(DataSource dataSource, Dialect dialect, Tenant tenant, Clock clock, int copyThreshold) {
    return new JdbcPersonStore(new PersonTables(dataSource, dialect, tenant.id(), clock, copyThreshold), tenant, null);
  }

  /** With the batch size from which PostgreSQL applies upserts through {@code COPY} (1: every batch; 0: never), for tests. */
  static JdbcPersonStore create(DataSource dataSource, Tenant tenant, Clock clock, int copyThreshold) {
    return create(dataSource, Dialect.of(dataSource), tenant, clock, copyThreshold);
  }

  /** {@return the tenant this store reads and writes} */
  public Tenant tenant() {
    return tenant;
  }

  @Override
  public ApplyResult apply(StoreBatch batch) {
    return tables.apply(batch, fence);
  }

  @Override
  public void quarantine(List<QuarantinedRecord> records) {
    tables.quarantine(records, fence);
  }

  @Override
  public Optional<Checkpoint> checkpoint() {
    return tables.checkpoint();
  }

  @Override
  public Optional<StoredPerson> findById(PersonId id) {
    return tables.findById(id);
  }

  @Override
  public List<StoredPerson> findByEmail(String email) {
    return tables.findByEmail(email);
  }

  @Override
  public List<StoredPerson> findBySalesforceId(String salesforceId) {
    return tables.findBySalesforceId(salesforceId);
  }

  @Override
  public List<StoredPerson> page(@Nullable PersonId after, int limit) {
    return tables.page(after, limit);
  }

  @Override
  public long count() {
    return tables.count();
  }

  @Override
  public List<QuarantinedRecord> quarantined(int offset, int limit) {
    return tables.quarantined(offset, limit);
  }

  @Override
  public long quarantineCount() {
    return tables.quarantineCount();
  }

  @Override
  public JdbcPersonStore fencedBy(Fence fence) {
    return new JdbcPersonStore(tables, tenant, io.unisync.jdbc.internal.Fences.forTenant(fence, tables.tenant()));
  }

  @Override
  public String toString() {
    return "JdbcPersonStore[tenant=" + tenant + (fence == null ? "" : ", " + fence) + "]";
  }
}
