package io.unisync.benchmarks;

import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.engine.SyncReport;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcPersonStore;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoSettings;
import io.unisync.testkit.TestPostgres;
import io.unisync.testkit.sim.MarketoSimulator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The memory row: one initial sync from a Marketo simulator running in another JVM ({@code unisync simulate}) into
 * PostgreSQL, in a JVM whose heap is what the row is about ({@code -Xmx64m}): the sync's own memory, without the
 * simulator's. Prints one Markdown row: people read and stored, time, rate, the peak heap in use (the sum of the heap
 * pools' peaks since the sync began: an upper bound) and the maximum heap. {@code scripts/bench-memory.sh} runs it for
 * 100,000 and 1,000,000 people.
 */
public final class MemoryBenchmark {

  private MemoryBenchmark() {}

  /**
   * Syncs once and prints the row.
   *
   * @param args the simulator's base URL and its people
   * @throws Exception when the sync fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: MemoryBenchmark <marketo simulator URL> <people it serves>");
    }
    URI marketoUrl = URI.create(args[0]);
    int people = Integer.parseInt(args[1]);
    Clock clock = Clock.systemUTC();
    try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(TestPostgres.url(), "", "").withMaxPoolSize(2), clock)) {
      db.migrate();
      // unisync simulate spreads its people over the year before it started
      Marketo marketo = Marketo.connect(MarketoSettings.of(marketoUrl, MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
          .withRateLimit(1_000_000, Duration.ofSeconds(1), 10, 1.0) // the simulator runs without limits
          .withBulk(true, clock.instant().minus(Duration.ofDays(367)), Duration.ofDays(31), Duration.ZERO), clock);
      JdbcPersonStore store = db.personStore(Tenant.of("memory-" + people + "-" + clock.millis()));
      SyncEngine engine = SyncEngine.builder().personSource(marketo.personSource()).personStore(store).clock(clock)
          .options(SyncOptions.defaults().withSnapshotPageSize(1_000)).build();
      System.gc();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          pool.resetPeakUsage();
        }
      }
      long start = System.nanoTime();
      SyncReport report = engine.initialSync();
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.printf(Locale.ROOT, "| %,d | %,d | %.1f s | %,.0f people/s | %.1f MB | %d MB |%n", report.read(), store.count(), seconds,
          report.read() / seconds, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
    }
  }
}
