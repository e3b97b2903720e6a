package io.unisync.benchmarks;

import io.unisync.core.engine.ReconcileReport;
import io.unisync.core.engine.Reconciliation;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.engine.SyncReport;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoLimits;
import io.unisync.marketo.MarketoSettings;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.InMemoryWatermarkStore;
import io.unisync.testkit.SkippingClock;
import io.unisync.testkit.sim.ExportModel;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A reconciliation of N people (default 200,000) with 1% drift that Marketo's feeds never reported (deleted, renamed,
 * owners lost and gained), under the
 * time-true export model ({@link ExportModel#marketo()}) on a {@link SkippingClock}: what it costs
 * against the initial sync of the same instance, in export bytes, Marketo calls and time on Marketo's clock. Prints
 * figures and ratios; asserts only that the store ends equal to Marketo's eligible people.
 *
 * <pre>{@code java -cp <classpath> io.unisync.benchmarks.ReconcileBenchmark [people]}</pre>
 */
public final class ReconcileBenchmark {

  private ReconcileBenchmark() {}

  public static void main(String[] args) throws Exception {
    int people = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    PrintStream out = System.out;
    Instant now = Instant.parse("2026-11-30T12:00:00Z");
    Instant first = now.minus(Duration.ofDays(3_650));
    SyntheticPeople population = new SyntheticPeople(people, 29, first, Duration.ofMillis(Duration.ofDays(3_650).toMillis() / people));
    SkippingClock clock = new SkippingClock(now);
    try (MarketoSimulator sim = MarketoSimulator.start(population,
        MarketoSimulator.Options.unlimited().withExportModel(ExportModel.marketo()), clock)) {
      MarketoSettings settings = MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
          .withRateLimit(1_000_000, Duration.ofSeconds(1), 10, 1.0)
          .withBulk(true, first.minus(Duration.ofDays(1)), Duration.ofDays(31), Duration.ofSeconds(5))
          .withLimits(MarketoLimits.defaults().withMaxExportPolls(100_000));
      Marketo marketo = Marketo.connect(settings, clock, Marketo.localCallBudget(settings, clock), clock.sleeper());
      InMemoryPersonStore store = new InMemoryPersonStore();
      SyncEngine engine = SyncEngine.builder().personSource(marketo.personSource()).personStore(store)
          .watermarkStore(new InMemoryWatermarkStore()).clock(clock).options(SyncOptions.defaults().withSnapshotPageSize(1_000)).build();

      Instant start = clock.instant();
      long bytesBefore = sim.exportedBytes();
      long callsBefore = marketo.calls();
      SyncReport initial = engine.initialSync();
      double initialSeconds = Duration.between(start, clock.instant()).toMillis() / 1000.0;
      long initialBytes = sim.exportedBytes() - bytesBefore;
      long initialCalls = marketo.calls() - callsBefore;

      // 1% drift the feeds never report: a quarter each deleted, renamed, losing their owner, gaining one
      sim.withLossyFeeds(1.0, 1);
      long drifted = 0;
      for (long id = 1; id <= people && drifted < people / 100; id += 23) {
        int kind = (int) (drifted % 4);
        if (sim.lead(id).isEmpty() || population.hasOwner(id) == (kind == 2)) {
          continue; // the next id may suit this kind
        }
        switch (kind) {
          case 0 -> sim.deleteLead(id);
          case 1 -> sim.updateLead(id, "lastName", "Drifted " + id);
          case 2 -> sim.updateLead(id, "sfdcLeadOwnerId", "005000000000099DRF");
          default -> sim.updateLead(id, "sfdcLeadOwnerId", null);
        }
        drifted++;
      }
      sim.withLossyFeeds(0, 1);
      clock.sleeper().sleep(Duration.ofMinutes(1)); // a minute on the clock, skipped

      start = clock.instant();
      bytesBefore = sim.exportedBytes();
      callsBefore = marketo.calls();
      long realStart = System.nanoTime();
      engine.reconciliation().start("benchmark", true);
      long repaired = 0;
      long found = 0;
      ReconcileReport report;
      int passes = 0;
      do {
        report = engine.reconciliation().run(Reconciliation.Mode.REPAIR);
        repaired += report.repaired();
        found += report.drift();
        passes++;
      } while (!report.complete() && passes < 100_000);
      double seconds = Duration.between(start, clock.instant()).toMillis() / 1000.0;
      double real = (System.nanoTime() - realStart) / 1e9;
      long bytes = sim.exportedBytes() - bytesBefore;
      long calls = marketo.calls() - callsBefore;
      boolean equal = ExpectedPeople.storedIn(store).equals(ExpectedPeople.eligibleIn(sim, settings.fields()));

      double bytesPerRow = (double) bytes / Math.max(1, people - drifted / 4);
      ExportLowerBound bound = ExportLowerBound.of(population, first, start, Duration.ofDays(31), ExportModel.marketo(),
          bytesPerRow);
      out.printf(Locale.ROOT, "people %,d, stored %,d, drifted %,d (1%%, unreported by the feeds)%n", people, initial.upserted(), drifted);
      out.printf(Locale.ROOT, "initial sync:    %,.0f s on Marketo's clock, %,d export bytes, %,d calls%n", initialSeconds, initialBytes,
          initialCalls);
      out.printf(Locale.ROOT, "reconciliation:  %,.0f s on Marketo's clock (%.0f s real work), %,d export bytes, %,d calls, %,d passes%n",
          seconds, real, bytes, calls, passes);
      out.printf(Locale.ROOT, "census bytes / initial sync bytes: %.3f (target <= 0.25)%n", (double) bytes / Math.max(1, initialBytes));
      out.printf(Locale.ROOT, "calls / (stored people / 300): %.2f (the verify step reads 300 a call)%n",
          calls / Math.max(1.0, initial.upserted() / 300.0));
      out.printf(Locale.ROOT, "reconciliation time / initial sync time: %.2f%n", seconds / Math.max(1, initialSeconds));
      out.printf(Locale.ROOT, "census lower bound (its exports alone, %.1f bytes a row): %.0f s, %s; reconciliation / bound: %.2f%n",
          bytesPerRow, bound.seconds(), bound.explain(), seconds / Math.max(1, bound.seconds()));
      out.printf(Locale.ROOT, "not charged on this clock: %,d calls at Marketo's 100 calls/20 s take at least %.0f s%n", calls, calls / 5.0);
      out.printf(Locale.ROOT, "drift found %,d, repaired %,d; store equals Marketo's eligible people: %s%n", found, repaired,
          equal ? "yes" : "NO");
      if (!equal) {
        System.exit(1);
      }
    }
  }
}
