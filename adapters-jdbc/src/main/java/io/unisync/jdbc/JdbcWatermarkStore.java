package io.unisync.jdbc;

import io.unisync.core.port.Fence;
import io.unisync.core.port.WatermarkStore;
import org.jspecify.annotations.Nullable;
import io.unisync.jdbc.internal.Dialect;
import io.unisync.jdbc.internal.StateTables;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link WatermarkStore} on PostgreSQL or H2, for one tenant. Thread-safe. */
public final class JdbcWatermarkStore implements WatermarkStore {

  private final StateTables tables;
  private final @Nullable Fence fence;

  private JdbcWatermarkStore(StateTables tables, @Nullable Fence fence) {
    this.tables = tables;
    this.fence = fence;
  }

  /**
   * The two-way syncs' watermarks of one tenant over the host's data source (migrated).
   *
   * @param dataSource the host's data source
   * @param tenant whose watermarks it holds
   * @return the store
   */
  public static JdbcWatermarkStore create(DataSource dataSource, Tenant tenant) {
    return create(dataSource, Dialect.of(dataSource), tenant);
  }

  /** With the dialect already known (no connection opened to find it out). */
  static JdbcWatermarkStore create(DataSource dataSource, Dialect dialect, Tenant tenant) {
    return new JdbcWatermarkStore(new StateTables(dataSource, dialect, tenant.id()), null);
  }

  @Override
  public Optional<String> get(String stream) {
    return tables.watermark(stream);
  }

  @Override
  public void put(String stream, String value) {
    tables.saveWatermark(stream, value, fence);
  }

  @Override
  public JdbcWatermarkStore fencedBy(Fence fence) {
    return new JdbcWatermarkStore(tables, io.unisync.jdbc.internal.Fences.forTenant(fence, tables.tenant()));
  }
}
