package io.unisync.jdbc;

import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.PersonId;
import io.unisync.core.port.Fence;
import io.unisync.core.port.CrmLinkStore;
import io.unisync.jdbc.internal.CrmLinkTables;
import io.unisync.jdbc.internal.Dialect;
import java.util.Collection;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** {@link CrmLinkStore} on PostgreSQL or H2, for one tenant. Thread-safe. */
public final class JdbcCrmLinkStore implements CrmLinkStore {

  private final CrmLinkTables tables;
  private final @Nullable Fence fence;

  private JdbcCrmLinkStore(CrmLinkTables tables, @Nullable Fence fence) {
    this.tables = tables;
    this.fence = fence;
  }

  /**
   * The CRM links of one tenant over the host's data source (migrated).
   *
   * @param dataSource the host's data source
   * @param tenant whose links it holds
   * @return the store
   */
  public static JdbcCrmLinkStore create(DataSource dataSource, Tenant tenant) {
    return create(dataSource, Dialect.of(dataSource), tenant);
  }

  /** With the dialect already known (no connection opened to find it out). */
  static JdbcCrmLinkStore create(DataSource dataSource, Dialect dialect, Tenant tenant) {
    return new JdbcCrmLinkStore(new CrmLinkTables(dataSource, dialect, tenant.id()), null);
  }

  @Override
  public Map<PersonId, CrmLinks> find(Collection<PersonId> people) {
    return tables.find(people);
  }

  @Override
  public void save(Collection<CrmLinks> links) {
    tables.save(links, fence);
  }

  @Override
  public JdbcCrmLinkStore fencedBy(Fence fence) {
    return new JdbcCrmLinkStore(tables, io.unisync.jdbc.internal.Fences.forTenant(fence, tables.tenant()));
  }
}
