package io.unisync.jdbc;

import io.unisync.core.domain.PersonId;
import io.unisync.core.port.Suppression;
import io.unisync.core.port.Fence;
import io.unisync.core.port.SuppressionStore;
import org.jspecify.annotations.Nullable;
import io.unisync.jdbc.internal.Dialect;
import io.unisync.jdbc.internal.StateTables;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link SuppressionStore} on PostgreSQL or H2, for one tenant. Thread-safe. */
public final class JdbcSuppressionStore implements SuppressionStore {

  private final StateTables tables;
  private final @Nullable Fence fence;

  private JdbcSuppressionStore(StateTables tables, @Nullable Fence fence) {
    this.tables = tables;
    this.fence = fence;
  }

  /**
   * The suppression list of one tenant over the host's data source (migrated).
   *
   * @param dataSource the host's data source
   * @param tenant whose suppressions it holds
   * @return the store
   */
  public static JdbcSuppressionStore create(DataSource dataSource, Tenant tenant) {
    return create(dataSource, Dialect.of(dataSource), tenant);
  }

  /** With the dialect already known (no connection opened to find it out). */
  static JdbcSuppressionStore create(DataSource dataSource, Dialect dialect, Tenant tenant) {
    return new JdbcSuppressionStore(new StateTables(dataSource, dialect, tenant.id()), null);
  }

  @Override
  public Optional<Suppression> find(PersonId person) {
    return tables.find(person);
  }

  @Override
  public void suppress(Suppression suppression) {
    tables.suppress(suppression, fence);
  }

  @Override
  public boolean lift(PersonId person) {
    return tables.lift(person, fence);
  }

  @Override
  public List<Suppression> unpushed(int max) {
    return tables.unpushed(max);
  }

  @Override
  public void markPushed(Collection<PersonId> people) {
    tables.markPushed(people, fence);
  }

  @Override
  public JdbcSuppressionStore fencedBy(Fence fence) {
    return new JdbcSuppressionStore(tables, io.unisync.jdbc.internal.Fences.forTenant(fence, tables.tenant()));
  }
}
