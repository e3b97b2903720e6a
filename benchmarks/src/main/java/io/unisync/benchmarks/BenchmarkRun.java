package io.unisync.benchmarks;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.engine.DeliveryReport;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.SourcePosition;
import io.unisync.core.port.StoreBatch;
import io.unisync.jdbc.JdbcActivityOutbox;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcPersonStore;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoPersonSource;
import io.unisync.marketo.MarketoSettings;
import io.unisync.salesforce.Salesforce;
import io.unisync.salesforce.SalesforceAuth;
import io.unisync.salesforce.SalesforceSettings;
import io.unisync.testkit.InMemoryCrmLinkStore;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.SampleActivities;
import io.unisync.testkit.SamplePeople;
import io.unisync.testkit.sim.ExportModel;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SalesforceSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import io.unisync.testkit.SkippingClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every benchmark of the benchmarks issue in one run, printed as one table: end-to-end initial sync
 * (simulator bulk export → engine → PostgreSQL) with peak heap, the store's commit unit and COPY as
 * baselines, incremental latency, activity delivery to both simulators, and the share of Marketo's real
 * rate limit used. Run with {@code scripts/bench.sh}.
 */
public final class BenchmarkRun {

  private static final Clock CLOCK = Clock.systemUTC();
  private static final double OLD_PRODUCT_PEOPLE_PER_SECOND = 1_000 / 90.0; // ~1,000 people every 1-2 minutes

  private final JdbcDatabase db;
  private final List<String[]> rows = new ArrayList<>();

  private BenchmarkRun(JdbcDatabase db) {
    this.db = db;
  }

  public static void main(String[] args) throws Exception {
    String url = io.unisync.testkit.TestPostgres.url(); // UNISYNC_TEST_POSTGRES_URL, or a throwaway embedded server
    boolean quick = args.length > 0 && args[0].equals("--quick");
    long started = System.nanoTime();
    try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(url, "", "").withMaxPoolSize(6), CLOCK)) {
      db.migrate();
      new BenchmarkRun(db).run(quick, started);
    }
  }

  private void run(boolean quick, long started) throws Exception {
    String only = System.getProperty("unisync.bench.only", ""); // scripts/bench.sh with BENCH_JAVA_OPTS=-Dunisync.bench.only=N
    if (only.equals("7")) {
      replicas(quick);
      print(started);
      return;
    }
    if (only.equals("3")) {
      incrementalLatency(quick ? 10 : 30);
      print(started);
      return;
    }
    if (only.equals("9")) {
      timeTrue(quick);
      print(started);
      return;
    }
    if (only.equals("9p")) {
      presets();
      print(started);
      return;
    }
    if (only.equals("9m")) {
      Instant now = Instant.parse("2026-11-30T12:00:00Z");
      mixed(1_000_000, 0.3, now, now.minus(Duration.ofDays(3_650)), presetModels());
      print(started);
      return;
    }
    if (only.equals("11")) {
      outboxAlone(quick);
      print(started);
      return;
    }
    if (only.equals("8")) {
      embeddedH2(quick);
      print(started);
      return;
    }
    double small = initialSync(quick ? 20_000 : 100_000);
    double large = initialSync(quick ? 100_000 : 1_000_000);
    ApplyBenchmark.Figures base = ApplyBenchmark.measure(db, 300_000, "bench-base-" + CLOCK.millis());
    add("2", "commit unit alone: 300 upserts + checkpoint per transaction", rate(base.apply()), "rows/s", "");
    add("2", "PostgreSQL COPY of the same rows (10,000 per transaction)", rate(base.copy()), "rows/s", "");
    add("2", "commit unit of the initial sync: 1,000 upserts + checkpoint, COPY path", rate(base.pageCopy()), "rows/s", "");
    add("2", "the same with COPY off (one statement over arrays)", rate(base.pageArrays()), "rows/s", "");
    add("2", "initial sync's commit unit (COPY path) / COPY", String.format(Locale.ROOT, "%.2f", base.pageCopy() / base.copy()), "ratio",
        "target >= 0.8 end to end");
    add("2", "initial sync (largest run) / commit unit", String.format(Locale.ROOT, "%.2f", large / base.apply()), "ratio", "");
    add("2", "initial sync (largest run) / COPY", String.format(Locale.ROOT, "%.2f", large / base.copy()), "ratio", "");
    incrementalLatency(quick ? 10 : 30);
    delivery(quick ? 5_000 : 20_000);
    outboxAlone(quick);
    rateLimit(quick ? 40 : 70);
    replicas(quick);
    embeddedH2(quick);
    timeTrue(quick);
    add("6", "initial sync rate / the replaced product's (~1,000 people per 90 s)",
        String.format(Locale.ROOT, "%,.0f x", Math.max(small, large) / OLD_PRODUCT_PEOPLE_PER_SECOND), "multiple", "");
    print(started);
  }

  // ---- 1. initial sync end to end --------------------------------------------------------------------

  private double initialSync(int people) {
    return initialSync(db, "initial sync end to end", people, "bench-e2e-" + people + "-" + CLOCK.millis());
  }

  // ---- 9. the initial sync under Marketo's export limits, time-true -------------------------------------------

  /**
   * 1,000,000 people created over ten years, exported under {@link ExportModel#marketo()} (a queue wait,
   * processing by rows, 2 at once, 10 queued, 500 MB a day) on a {@link SkippingClock}: the client's waits cost no real
   * time, its work takes its real time, so the clock's elapsed time is what a customer would wait. Compared with the
   * lower bound of any client under the same model ({@link ExportLowerBound}).
   */
  private void timeTrue(boolean quick) {
    int people = quick ? 200_000 : 1_000_000;
    Instant now = Instant.parse("2026-11-30T12:00:00Z");
    Instant first = now.minus(Duration.ofDays(3_650));
    SyntheticPeople population = new SyntheticPeople(people, 29, first, Duration.ofMillis(Duration.ofDays(3_650).toMillis() / people));
    ExportModel model = ExportModel.marketo();
    Duration poll = Duration.ofSeconds(5);
    ExportLowerBound bound = null;
    for (int places : new int[] {io.unisync.marketo.MarketoLimits.defaults().bulkQueuePlaces(), 10, 1}) {
      SkippingClock clock = new SkippingClock(now);
      try (MarketoSimulator sim = MarketoSimulator.start(population, MarketoSimulator.Options.unlimited().withExportModel(model), clock)) {
        MarketoSettings settings = MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
            .withRateLimit(1_000_000, Duration.ofSeconds(1), 10, 1.0)
            .withBulk(true, first.minus(Duration.ofDays(1)), Duration.ofDays(31), poll)
            .withLimits(io.unisync.marketo.MarketoLimits.defaults().withBulkQueuePlaces(places).withMaxExportPolls(100_000));
        Marketo marketo = Marketo.connect(settings, clock, Marketo.localCallBudget(settings, clock), clock.sleeper());
        JdbcPersonStore store = db.personStore(Tenant.of("bench-timetrue-" + places + "-" + CLOCK.millis()));
        TimedSync run = timedSync(marketo, store, clock, 1_000);
        SyncReport report = run.report();
        double simulated = run.simulatedSeconds();
        double real = run.realSeconds();
        List<MarketoSimulator.ExportJob> jobs = sim.exportJobs();
        long bytes = sim.exportedBytesToday();
        if (bound == null) {
          bound = ExportLowerBound.of(population, first, now, Duration.ofDays(31), model, (double) bytes / Math.max(1, report.read()));
          add("9", String.format(Locale.ROOT, "lower bound for any client: %,d people over 10 years, %d windows, model: queue wait %d s, "
                  + "%,.0f rows/s, %d processing, %d queued, %d MB a day", people, bound.windows(), model.queueWait().toSeconds(),
                  model.rowsPerSecond(), model.maxProcessing(), model.maxQueued(), model.dailyBytes() >> 20),
              String.format(Locale.ROOT, "%.0f s", bound.seconds()), "time", bound.explain());
          long csvOnly = csvBytesOfNeededFields(population, people);
          add("9", "export bytes per person / CSV of the needed fields alone", String.format(Locale.ROOT, "%.3f", (double) bytes / csvOnly),
              "ratio", String.format(Locale.ROOT, "%,d bytes exported for %,d people; target ≤ 1.05", bytes, report.read()));
        }
        add("9", String.format(Locale.ROOT, "time-true initial sync, %s: %,d exports, poll every %d s",
                places == 1 ? "1 queue place (about one window at a time)" : places + " queue places" + (places == io.unisync.marketo.MarketoLimits.defaults().bulkQueuePlaces() ? " (the default)" : ""), jobs.size(), poll.toSeconds()),
            String.format(Locale.ROOT, "%.0f s", simulated), "time",
            String.format(Locale.ROOT, "%.2f x the lower bound; %.0f s of it real work (read, map, apply); %,d stored; %.1f Marketo calls"
                + " per 1,000 people", simulated / bound.seconds(), real, store.count(), marketo.calls() * 1000.0 / people));
        if (places == 1) {
          allowance(population, first, now, (double) bytes / Math.max(1, report.read()));
        }
      }
    }
  }

  /** One initial sync on a skipping clock: its report, the time a customer would wait, and the real time it took. */
  private record TimedSync(SyncReport report, double simulatedSeconds, double realSeconds) {}

  private static TimedSync timedSync(Marketo marketo, JdbcPersonStore store, SkippingClock clock, int pageSize) {
    return timedSync(marketo.personSource(), store, clock, pageSize);
  }

  private static TimedSync timedSync(io.unisync.core.port.PersonSource source, JdbcPersonStore store, SkippingClock clock, int pageSize) {
    SyncEngine engine = SyncEngine.builder().personSource(source).personStore(store).clock(clock)
        .options(SyncOptions.defaults().withSnapshotPageSize(pageSize)).build();
    Instant start = clock.instant();
    long realStart = System.nanoTime();
    SyncReport report = engine.initialSync();
    return new TimedSync(report, Duration.between(start, clock.instant()).toMillis() / 1000.0, (System.nanoTime() - realStart) / 1e9);
  }

  /**
   * Issue 29's baseline: the same 1,000,000 people under each preset of {@link ExportModel} (a fixed overhead per job:
   * queue wait and start-up drawn between the preset's bounds), exports only, default queue places, on a skipping
   * clock; against the exports-only lower bound of the same preset.
   */
  private void presets() {
    int people = 1_000_000;
    Instant now = Instant.parse("2026-11-30T12:00:00Z");
    Instant first = now.minus(Duration.ofDays(3_650));
    SyntheticPeople population = new SyntheticPeople(people, 29, first, Duration.ofMillis(Duration.ofDays(3_650).toMillis() / people));
    java.util.Map<String, ExportModel> presets = presetModels();
    for (java.util.Map.Entry<String, ExportModel> preset : presets.entrySet()) {
      ExportModel model = preset.getValue();
      SkippingClock clock = new SkippingClock(now);
      try (MarketoSimulator sim = MarketoSimulator.start(population, MarketoSimulator.Options.unlimited().withExportModel(model), clock)) {
        MarketoSettings settings = MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
            .withRateLimit(1_000_000, Duration.ofSeconds(1), 10, 1.0)
            .withBulk(true, first.minus(Duration.ofDays(1)), Duration.ofDays(31), Duration.ofSeconds(60))
            .withLimits(io.unisync.marketo.MarketoLimits.defaults().withMaxExportPolls(100_000));
        Marketo marketo = Marketo.connect(settings, clock, Marketo.localCallBudget(settings, clock), clock.sleeper());
        JdbcPersonStore store = db.personStore(Tenant.of("bench-preset-" + preset.getKey().replace(' ', '-') + "-" + CLOCK.millis()));
        TimedSync run = timedSync(marketo, store, clock, 1_000);
        SyncReport report = run.report();
        double simulated = run.simulatedSeconds();
        long bytes = sim.exportedBytesToday();
        ExportLowerBound bound = ExportLowerBound.of(population, first, now, Duration.ofDays(31), model,
            (double) bytes / Math.max(1, report.read()));
        add("9p", String.format(Locale.ROOT, "%s: queue %d-%d s, start-up %d-%d s, %,.0f rows/s; %,d people, %d windows, exports only, poll"
                + " every 60 s", preset.getKey(), model.queueWait().toSeconds(), model.queueWaitMax().toSeconds(), model.startup().toSeconds(),
                model.startupMax().toSeconds(), model.rowsPerSecond(), people, bound.windows()),
            String.format(Locale.ROOT, "%.1f min", simulated / 60), "time", String.format(Locale.ROOT,
                "%.2f x the exports-only bound of %.1f min (%s); %,d stored; %d Marketo calls", simulated / bound.seconds(),
                bound.seconds() / 60, bound.explain(), store.count(), marketo.calls()));
      }
    }
    idScan(people, 0.3, now, first);
    mixed(people, 0.3, now, first, presets);
  }

  private static Duration mean(Duration a, Duration b) {
    return a.plus(b).dividedBy(2);
  }

  /** {@return ExportModel's three presets by name} */
  private static java.util.Map<String, ExportModel> presetModels() {
    java.util.Map<String, ExportModel> presets = new java.util.LinkedHashMap<>();
    presets.put("optimistic", ExportModel.optimistic());
    presets.put("documented examples", ExportModel.documentedExamples());
    presets.put("pessimistic", ExportModel.pessimistic());
    return presets;
  }

  /**
   * Issue 29's planner: the same instance with {@code deletedShare} of its ids gone, read by the mixed snapshot (exports
   * from the oldest window up, an id scan from the newest lead down) under each preset, the scan at Marketo's real rate
   * limit kept by a call budget on the skipping clock; against the mixed lower bound of the same preset; and 10,000,000
   * people on paper at the rates measured here.
   */
  private void mixed(int people, double deletedShare, Instant now, Instant first, java.util.Map<String, ExportModel> presets) {
    SyntheticPeople population = new SyntheticPeople(people, 29, first, Duration.ofMillis(Duration.ofDays(3_650).toMillis() / people))
        .withDeletedShare(deletedShare);
    double bytesPerRow = csvBytesOfNeededFields(population, people) / (double) people; // an export's bytes per row: 1.0x of these
    for (java.util.Map.Entry<String, ExportModel> preset : presets.entrySet()) {
      ExportModel model = preset.getValue();
      SkippingClock clock = new SkippingClock(now);
      try (MarketoSimulator sim = MarketoSimulator.start(population, MarketoSimulator.Options.unlimited().withExportModel(model), clock)) {
        MarketoSettings base = MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
            .withBulk(true, first.minus(Duration.ofDays(1)), Duration.ofDays(31), Duration.ofSeconds(60))
            .withLimits(io.unisync.marketo.MarketoLimits.defaults().withMaxExportPolls(100_000));
        MarketoSettings settings = base.toBuilder().snapshot(base.snapshot().toBuilder().mixed(true).build()).build();
        String name = "bench-mixed-" + preset.getKey().replace(' ', '-') + "-" + CLOCK.millis();
        io.unisync.core.port.CallBudget budget = io.unisync.jdbc.JdbcCallBudget.create(db.dataSource(), "marketo:" + name,
            settings.callLimits(), clock, clock.sleeper());
        Marketo marketo = Marketo.connect(settings, clock, budget, clock.sleeper());
        JdbcPersonStore store = db.personStore(Tenant.of(name));
        io.unisync.marketo.MarketoPersonSource source = marketo.personSource();
        TimedSync run = timedSync(source, store, clock, 1_000);
        SyncReport report = run.report();
        double simulated = run.simulatedSeconds();
        long bytes = sim.exportedBytesToday();
        long callsPerDay = (long) Math.floor(settings.rateLimit().dailyQuota() * settings.snapshot().scanQuotaShare());
        double callsPerSecond = settings.callLimits().backgroundCalls() / (double) settings.callLimits().window().toSeconds();
        MixedLowerBound bound = MixedLowerBound.of(population, first, now, Duration.ofDays(31), model,
            bytesPerRow, callsPerSecond, callsPerDay);
        ExportModel atMeans = model.withWaits(mean(model.queueWait(), model.queueWaitMax()), mean(model.queueWait(), model.queueWaitMax()),
            mean(model.startup(), model.startupMax()), mean(model.startup(), model.startupMax()));
        MixedLowerBound meanBound = MixedLowerBound.of(population, first, now, Duration.ofDays(31), atMeans, bytesPerRow, callsPerSecond, callsPerDay);
        String plan = source.snapshotPlan().map(p -> p.summary()).orElse("(no plan)");
        long quota = settings.rateLimit().dailyQuota();
        add("9m", String.format(Locale.ROOT, "mixed, %s: %,d ids over 10 years, %.0f%% deleted, exports + id scan at 95 calls / 20 s",
                preset.getKey(), people, deletedShare * 100), String.format(Locale.ROOT, "%.1f min", simulated / 60), "time",
            String.format(Locale.ROOT, "%.2f x the mixed bound of %.1f min (%s); %.2f x the bound at the preset's mean waits (%.1f min); %,d calls (%.1f%% of the daily quota); %,d export jobs,"
                + " %,d MB exported; %,d read, %,d stored; %.0f s real; %s", simulated / bound.seconds(), bound.seconds() / 60,
                bound.explain(), simulated / meanBound.seconds(), meanBound.seconds() / 60, marketo.calls(), marketo.calls() * 100.0 / quota, sim.exportJobsCreated(), bytes >> 20, report.read(),
                store.count(), run.realSeconds(), plan));
        // 10,000,000 on paper: the same shape ten times denser, the bound's sides at this run's rates
        SyntheticPeople tenMillion = new SyntheticPeople(10L * people, 29, first, Duration.ofMillis(Duration.ofDays(3_650).toMillis() / (10L * people)));
        MixedLowerBound paper = MixedLowerBound.of(tenMillion, first, now, Duration.ofDays(31), model, bytesPerRow, callsPerSecond,
            callsPerDay);
        add("9m", String.format(Locale.ROOT, "mixed, %s, on paper: 10,000,000 ids over 10 years", preset.getKey()),
            String.format(Locale.ROOT, "%.0f min", paper.seconds() * (simulated / bound.seconds()) / 60), "time",
            String.format(Locale.ROOT, "the bound %.1f min (%s) times this run's ratio %.2f; the scan's %,d calls within its %,d a day (%.0f%%"
                + " of the quota)", paper.seconds() / 60, paper.explain(), simulated / bound.seconds(), paper.scanCalls(), callsPerDay,
                settings.snapshot().scanQuotaShare() * 100));
      }
    }
  }

  /**
   * The other side of issue 29's planner: the same instance read by id alone ({@code leads.json}, 300 consecutive ids a
   * call, fields limited to the mapping's) with {@code deletedShare} of the ids gone, at Marketo's real rate limit (100
   * calls / 20 s, 10 at once, 50,000 a day) kept by a call budget on the skipping clock: no export, so no per-job
   * overhead; calls in proportion to the id range.
   */
  private void idScan(int people, double deletedShare, Instant now, Instant first) {
    SyntheticPeople population = new SyntheticPeople(people, 29, first, Duration.ofMillis(Duration.ofDays(3_650).toMillis() / people))
        .withDeletedShare(deletedShare);
    SkippingClock clock = new SkippingClock(now);
    try (MarketoSimulator sim = MarketoSimulator.start(population, MarketoSimulator.Options.unlimited(), clock)) {
      MarketoSettings base = MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET);
      MarketoSettings settings = base.toBuilder().snapshot(base.snapshot().toBuilder().bulk(false).restPagingMaxId(people).build()).build();
      io.unisync.core.port.CallBudget budget = io.unisync.jdbc.JdbcCallBudget.create(db.dataSource(), "marketo:bench-idscan-" + CLOCK.millis(),
          settings.callLimits(), clock, clock.sleeper());
      Marketo marketo = Marketo.connect(settings, clock, budget, clock.sleeper());
      JdbcPersonStore store = db.personStore(Tenant.of("bench-idscan-" + CLOCK.millis()));
      TimedSync run = timedSync(marketo, store, clock, 300);
      SyncReport report = run.report();
      double simulated = run.simulatedSeconds();
      double byRate = marketo.calls() / (settings.callLimits().calls() / (double) settings.callLimits().window().toSeconds());
      add("9p", String.format(Locale.ROOT, "id scan alone: ids 1..%,d with %.0f%% deleted, 300 ids a call, Marketo's real rate limit on the"
              + " skipping clock", people, deletedShare * 100), String.format(Locale.ROOT, "%.1f min", simulated / 60), "time",
          String.format(Locale.ROOT, "%,d read, %,d stored; %,d calls (%.1f%% of the 50,000 daily quota), whose rate alone needs %.1f min"
              + " (%.2f x); %.0f s of it real work", report.read(), store.count(), marketo.calls(), marketo.calls() / 500.0, byRate / 60,
              simulated / byRate, run.realSeconds()));
    }
  }

  /**
   * The allowance smaller than the instance: the same people with a daily allowance of a third of their export, so the
   * snapshot pauses at each spent allowance until midnight in Chicago (the runner waits out the hint; here the clock
   * skips it) and resumes where it stopped. Also the lower bound's days for larger instances at the real 500 MB.
   */
  private void allowance(SyntheticPeople population, Instant first, Instant now, double bytesPerRow) {
    for (boolean fallback : new boolean[] {false, true}) {
      allowance(population, first, now, bytesPerRow, fallback);
    }
    for (long people : new long[] {3_000_000, 10_000_000}) {
      SyntheticPeople larger = new SyntheticPeople(people, 29, first, Duration.ofMillis(Duration.ofDays(3_650).toMillis() / people));
      ExportLowerBound bound = ExportLowerBound.of(larger, first, now, Duration.ofDays(31), ExportModel.marketo(), bytesPerRow);
      add("9", String.format(Locale.ROOT, "lower bound, %,d people over 10 years at 500 MB a day (%,d MB to export)", people, bound.bytes() >> 20),
          bound.seconds() >= 86_400 ? String.format(Locale.ROOT, "%.2f days", bound.seconds() / 86_400)
              : String.format(Locale.ROOT, "%.0f s", bound.seconds()), "time", bound.explain());
    }
  }

  private void allowance(SyntheticPeople population, Instant first, Instant now, double bytesPerRow, boolean fallback) {
    long exportBytes = Math.round(population.count() * bytesPerRow);
    ExportModel model = ExportModel.marketo().withDailyBytes(exportBytes / 3 + 1);
    SkippingClock clock = new SkippingClock(now);
    try (MarketoSimulator sim = MarketoSimulator.start(population, MarketoSimulator.Options.unlimited().withExportModel(model), clock)) {
      // Marketo's real limits (100 calls / 20 s, 10 at once, 50,000 a day), kept by the client's call budget on the
      // skipping clock: its waits for room cost no real time but move the clock, as a customer would wait. The
      // simulator itself runs without limits (its limiter counts real time).
      MarketoSettings settings = MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
          .withBulk(true, first.minus(Duration.ofDays(1)), Duration.ofDays(31), Duration.ofSeconds(5))
          .withLimits(io.unisync.marketo.MarketoLimits.defaults().withMaxExportPolls(100_000).withExportAllowanceBytes(model.dailyBytes())
              .withRestFallbackCallsPerDay(fallback ? io.unisync.marketo.MarketoLimits.defaults().restFallbackCallsPerDay() : 0));
      io.unisync.core.port.CallBudget budget = io.unisync.jdbc.JdbcCallBudget.create(db.dataSource(),
          "marketo:bench-allowance-" + fallback + "-" + CLOCK.millis(), settings.callLimits(), clock, clock.sleeper());
      Marketo marketo = Marketo.connect(settings, clock, budget, clock.sleeper());
      JdbcPersonStore store = db.personStore(Tenant.of("bench-allowance-" + fallback + "-" + CLOCK.millis()));
      SyncEngine engine = SyncEngine.builder().personSource(marketo.personSource()).personStore(store).clock(clock)
          .options(SyncOptions.defaults().withSnapshotPageSize(1_000)).build();
      Instant start = clock.instant();
      int pauses = 0;
      while (true) {
        try {
          engine.initialSync();
          break;
        } catch (io.unisync.core.error.RetryableAdapterException e) {
          Duration hint = e.retryAfter().orElseThrow(() -> e);
          if (++pauses > 10) {
            throw e;
          }
          try {
            clock.sleeper().sleep(hint); // what SyncRunner does with the hint
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
      double seconds = Duration.between(start, clock.instant()).toMillis() / 1000.0;
      ExportLowerBound bound = ExportLowerBound.of(population, first, now, Duration.ofDays(31), model, bytesPerRow);
      List<MarketoSimulator.ExportJob> jobs = sim.exportJobs();
      long byRest = jobs.stream().filter(j -> j.fields().equals(List.of("id"))).mapToLong(MarketoSimulator.ExportJob::numberOfRecords).sum();
      long restCalls = (byRest + 899) / 900 * 3; // pages of 900 ids (the page size of 1,000 in whole calls of 300)
      add("9", String.format(Locale.ROOT, "allowance a third of the export (%,d MB a day for %,d MB): time-true initial sync, %s",
              model.dailyBytes() >> 20, exportBytes >> 20, fallback ? "REST fallback on (the default)" : "REST fallback off: pause until the reset"),
          seconds >= 86_400 ? String.format(Locale.ROOT, "%.2f days", seconds / 86_400) : String.format(Locale.ROOT, "%.0f s", seconds), "time",
          String.format(Locale.ROOT, "%d pauses until midnight in Chicago; lower bound of the exports alone %.2f days; %,d stored; people read through"
              + " REST: %,d of %,d (%.0f%%) in about %,d leads.json calls, which at Marketo's 100 calls/20 s take at least %,d s; this run"
              + " kept that limit on its clock: %,d calls to the simulator, at least %,d s at 5 a second", pauses, bound.seconds() / 86_400,
              store.count(), byRest, population.count(), 100.0 * byRest / population.count(), restCalls, restCalls / 5, sim.calls(),
              sim.calls() / 5));
    }
  }

  /** The size of a CSV holding exactly the fields the mapping needs for every person (the export's ideal size). */
  private static long csvBytesOfNeededFields(SyntheticPeople population, int people) {
    // the id, the 11 mapped fields, the owner, and updatedAt (the version): what the export asks for, and no more
    java.util.Set<String> needed = new java.util.LinkedHashSet<>();
    needed.add("id");
    needed.addAll(io.unisync.core.domain.SourceFields.standard().allSourceNames());
    needed.add("updatedAt");
    long bytes = String.join(",", needed).length() + 1;
    for (long id = 1; id <= people; id++) {
      Map<String, String> lead = population.lead(id);
      StringBuilder row = new StringBuilder();
      for (String field : needed) {
        String value = lead.get(field);
        if (row.length() > 0) {
          row.append(',');
        }
        if (value != null) {
          row.append(value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
        }
      }
      bytes += row.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    }
    return bytes;
  }

  // ---- 8. the embedded default: H2 ----------------------------------------------------------------------

  /** The demo's database (an H2 file) beside PostgreSQL: the same initial sync, its rate by half to show any fall with size. */
  private void embeddedH2(boolean quick) throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("unisync-bench-h2");
    try (JdbcDatabase h2 = JdbcDatabase.pooled(io.unisync.jdbc.JdbcSettings.h2File(dir.resolve("unisync")), CLOCK)) {
      h2.migrate();
      for (int people : quick ? new int[] {100_000} : new int[] {100_000, 1_000_000}) {
        double h2Rate = initialSync(h2, "embedded default: initial sync into an H2 file", people, "bench-h2-" + people);
        double pgRate = initialSync(db, "the same into PostgreSQL", people, "bench-h2-pg-" + people + "-" + CLOCK.millis());
        add("8", String.format(Locale.ROOT, "PostgreSQL / H2, %,d people", people), String.format(Locale.ROOT, "%.2f", pgRate / h2Rate),
            "ratio", "target: ≤ 3");
      }
    } finally {
      try (var files = java.nio.file.Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private double initialSync(JdbcDatabase db, String what, int people, String tenant) {
    SyntheticPeople population = new SyntheticPeople(people, 17, Instant.parse("2025-01-01T00:00:00Z"),
        Duration.ofMillis(Math.max(1, 300L * 86_400_000 / people)));
    try (MarketoSimulator sim = MarketoSimulator.start(population, MarketoSimulator.Options.unlimited(), CLOCK)) {
      Marketo marketo = Marketo.connect(MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
          .withRateLimit(1_000_000, Duration.ofSeconds(1), 10, 1.0) // the simulator runs without limits here
          .withBulk(true, Instant.parse("2024-12-31T00:00:00Z"), Duration.ofDays(31), Duration.ZERO), CLOCK);
      JdbcPersonStore store = db.personStore(Tenant.of(tenant));
      long[] half = {0, 0, 0}; // nanos and records read when half the people had been read; the start
      SyncEngine engine = SyncEngine.builder().personSource(marketo.personSource()).personStore(store).clock(CLOCK)
          .options(SyncOptions.defaults().withSnapshotPageSize(1_000))
          .listener(new io.unisync.core.engine.SyncListener() {
            @Override
            public void onProgress(io.unisync.core.engine.SyncProgress progress) {
              if (half[1] == 0 && progress.read() >= people / 2) {
                half[0] = System.nanoTime() - half[2];
                half[1] = progress.read();
              }
            }
          })
          .build();
      System.gc();
      resetPeaks();
      long start = System.nanoTime();
      half[2] = start;
      SyncReport report = engine.initialSync();
      double seconds = (System.nanoTime() - start) / 1e9;
      long peakMb = peakHeapBytes() / (1024 * 1024);
      double rate = report.read() / seconds;
      double firstHalf = half[1] / (half[0] / 1e9);
      double secondHalf = (report.read() - half[1]) / (seconds - half[0] / 1e9);
      add(what.startsWith("initial sync end") ? "1" : "8",
          String.format(Locale.ROOT, "%s, %,d people (%,d stored) in %.1f s", what, people, store.count(), seconds),
          rate(rate), "people/s", String.format(Locale.ROOT, "peak heap %d MB of %d MB max; first half %s/s, second half %s/s", peakMb,
              Runtime.getRuntime().maxMemory() / (1024 * 1024), rate(firstHalf), rate(secondHalf)));
      return rate;
    }
  }

  // ---- 3. incremental latency ------------------------------------------------------------------------

  private void incrementalLatency(int seconds) throws Exception {
    SyntheticPeople population = SyntheticPeople.of(20_000, 23);
    try (MarketoSimulator sim = MarketoSimulator.start(population, MarketoSimulator.Options.unlimited(), CLOCK)) {
      Marketo marketo = Marketo.connect(MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
          .withRateLimit(1_000_000, Duration.ofSeconds(1), 10, 1.0)
          .withBulk(true, Instant.parse("2023-12-31T00:00:00Z"), Duration.ofDays(31), Duration.ZERO), CLOCK);
      JdbcPersonStore store = db.personStore(Tenant.of("bench-latency-" + CLOCK.millis()));
      SyncEngine engine = SyncEngine.builder().personSource(marketo.personSource()).personStore(store).clock(CLOCK).build();
      long initialCalls = marketo.calls();
      engine.initialSync();
      initialCalls = marketo.calls() - initialCalls;
      Duration poll = Duration.ofSeconds(1);
      long callsBeforeChanges = marketo.calls();
      Map<Long, long[]> pending = new ConcurrentHashMap<>(); // id -> {changed at nanos, sequence}
      ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread poller = new Thread(() -> {
        while (running.get() || !pending.isEmpty()) {
          try {
            engine.syncChanges();
            long now = System.nanoTime();
            for (Map.Entry<Long, long[]> e : pending.entrySet()) {
              String expected = "Latency " + e.getValue()[1];
              if (store.findById(PersonId.of(e.getKey())).map(p -> expected.equals(p.person().title())).orElse(false)) {
                latencies.add(now - e.getValue()[0]);
                pending.remove(e.getKey());
              }
            }
            Thread.sleep(poll.toMillis());
          } catch (InterruptedException ie) {
            return;
          } catch (RuntimeException re) {
            // a failed pass is retried on the next poll, as a runner would
          }
        }
      }, "bench-poller");
      poller.start();
      List<Long> owned = new ArrayList<>();
      for (long id = 1; owned.size() < 5_000; id++) {
        if (population.hasOwner(id)) {
          owned.add(id);
        }
      }
      Random random = new Random(5);
      long sequence = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        long id = owned.get(random.nextInt(owned.size()));
        if (!pending.containsKey(id)) {
          sequence++;
          sim.updateLead(id, "title", "Latency " + sequence);
          pending.put(id, new long[] {System.nanoTime(), sequence});
        }
        Thread.sleep(50); // 20 changes per second
      }
      running.set(false);
      poller.join(TimeUnit.SECONDS.toMillis(60));
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      long changeCalls = marketo.calls() - callsBeforeChanges;
      // idle: passes with nothing changed, as a quiet night brings them (quietFeedRotation reads one feed a pass)
      for (int pass = 0; pass < 3; pass++) {
        engine.syncChanges(); // settle: the rotation starts once the feeds were found quiet
      }
      long idleBefore = marketo.calls();
      int idlePasses = 30;
      for (int pass = 0; pass < idlePasses; pass++) {
        engine.syncChanges();
      }
      double callsPerIdlePass = (double) (marketo.calls() - idleBefore) / idlePasses;
      add("3", "Marketo calls per 1,000 people, initial sync (bulk exports, 20,000 people)",
          String.format(Locale.ROOT, "%.1f", initialCalls * 1000.0 / population.count()), "calls", "");
      add("3", String.format(Locale.ROOT, "Marketo calls per 1,000 changed people, incremental (%d changes while polling every %d s)",
              sorted.size(), poll.toSeconds()), String.format(Locale.ROOT, "%.0f", changeCalls * 1000.0 / Math.max(1, sorted.size())), "calls",
          "polling passes included: at 20 changes/s most passes carry a few changes");
      add("3", "Marketo calls per idle hour at a 60 s schedule", String.format(Locale.ROOT, "%.0f", callsPerIdlePass * 60), "calls",
          String.format(Locale.ROOT, "%.2f calls per idle pass (quietFeedRotation): %,.0f a day of the 50,000 quota", callsPerIdlePass,
              callsPerIdlePass * 1440));
      add("3", String.format(Locale.ROOT, "incremental: change in Marketo → visible in the store (%d changes, 20/s, poll %d s)",
          sorted.size(), poll.toSeconds()), String.format(Locale.ROOT, "p50 %.2f s, p99 %.2f s", percentile(sorted, 0.5), percentile(sorted, 0.99)),
          "latency", String.format(Locale.ROOT, "target: p99 ≤ %.0f s", poll.toSeconds() + 1.0));
    }
  }

  // ---- 4. activity delivery ----------------------------------------------------------------------------

  // ---- 11. the outbox alone, one tenant and 100 sharing the table ------------------------------------------

  private void outboxAlone(boolean quick) {
    int activities = quick ? 10_000 : 50_000;
    try {
      OutboxBenchmark.measure(db, 5_000, "bench-outbox-warmup-" + CLOCK.millis());
      OutboxBenchmark.Figures f = OutboxBenchmark.measure(db, activities, "bench-outbox-" + CLOCK.millis());
      add("11", "outbox alone, 1 tenant, fresh table without statistics (" + String.format(Locale.ROOT, "%,d", activities) + ")",
          rate(f.outboxOneCold()), "activities/s", "before autovacuum's first ANALYZE the person-order check scans the pending rows");
      add("11", "outbox alone, 1 tenant: enqueue + claim + complete (" + String.format(Locale.ROOT, "%,d", activities) + ")",
          rate(f.outboxOne()), "activities/s", "target >= 10,000");
      add("11", "the same as plain set-based SQL, 1 tenant", rate(f.plainOne()), "activities/s", "");
      add("11", "plain SQL / outbox, 1 tenant", String.format(Locale.ROOT, "%.2f", f.plainOne() / f.outboxOne()), "ratio", "target <= 2");
      add("11", "outbox alone, 100 tenants sharing the table", rate(f.outboxMany()), "activities/s", "target >= 10,000");
      add("11", "the same as plain set-based SQL, 100 tenants", rate(f.plainMany()), "activities/s", "");
      add("11", "plain SQL / outbox, 100 tenants", String.format(Locale.ROOT, "%.2f", f.plainMany() / f.outboxMany()), "ratio", "target <= 2");
    } catch (Exception e) {
      throw new IllegalStateException("the outbox benchmark failed", e);
    }
  }

  private void delivery(int activities) {
    int people = 2_000;
    try (MarketoSimulator marketoSim = MarketoSimulator.start(SyntheticPeople.of(people, 3), MarketoSimulator.Options.unlimited(), CLOCK);
        SalesforceSimulator sfSim = SalesforceSimulator.start(CLOCK, null, 100_000_000, Duration.ofHours(2))) {
      InMemoryPersonStore persons = new InMemoryPersonStore();
      List<PersonUpsert> upserts = new ArrayList<>();
      for (long n = 1; n <= people; n++) {
        String contact = sfSim.insert("Contact", Map.of("LastName", "P" + n), "005000000000077SAL");
        upserts.add(PersonUpsert.of(SamplePeople.person(n).with(PersonField.SALESFORCE_CONTACT_ID, contact), Instant.parse("2026-01-01T00:00:00Z")));
      }
      persons.apply(new StoreBatch(upserts, List.of(), List.of(), Checkpoint.incremental(new SourcePosition("p"))));
      Marketo marketo = Marketo.connect(MarketoSettings.of(marketoSim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
          .withRateLimit(1_000_000, Duration.ofSeconds(1), 10, 1.0).withCreateActivityTypes(true), CLOCK);
      Salesforce salesforce = Salesforce.connect(SalesforceSettings.of(sfSim.baseUrl(),
          new SalesforceAuth.ClientCredentials(SalesforceSimulator.CLIENT_ID, SalesforceSimulator.CLIENT_SECRET)), CLOCK);
      Tenant tenant = Tenant.of("bench-delivery-" + CLOCK.millis());
      JdbcActivityOutbox outbox = db.activityOutbox(tenant);
      SyncEngine recorder = SyncEngine.builder().personSource(new io.unisync.testkit.InMemoryPersonSource(CLOCK)).personStore(persons)
          .activityOutbox(outbox).recordFor(Destination.MARKETO).recordFor(Destination.SALESFORCE).build();
      List<OutboxDraft> drafts = new ArrayList<>();
      for (int n = 0; n < activities; n++) {
        Activity a = SampleActivities.activity(n, 1 + n % people, CLOCK.instant());
        recorder.activities().orElseThrow().destinationsFor(a).forEach(d -> drafts.add(new OutboxDraft(d, a, CLOCK.instant())));
        if (drafts.size() >= 1_000 || n == activities - 1) {
          outbox.enqueue(drafts);
          drafts.clear();
        }
      }
      for (Destination destination : Destination.values()) {
        SyncEngine.Builder builder = SyncEngine.builder().personSource(new io.unisync.testkit.InMemoryPersonSource(CLOCK)).personStore(persons)
            .clock(CLOCK).activityOutbox(outbox)
            .activityOptions(io.unisync.core.engine.ActivityOptions.defaults().withMaxBatchesPerPass(10_000));
        if (destination == Destination.MARKETO) {
          builder.activitySink(marketo.activitySink());
        } else {
          builder.crmActivitySink(salesforce.activitySink("bench"), new InMemoryCrmLinkStore(), salesforce.crmDirectory());
        }
        SyncEngine engine = builder.build();
        long start = System.nanoTime();
        long delivered = 0;
        DeliveryReport report;
        do {
          report = engine.activities().orElseThrow().deliver();
          delivered += report.delivered(destination);
        } while (report.delivered(destination) > 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        add("4", String.format(Locale.ROOT, "activity delivery via the PostgreSQL outbox → %s simulator (%,d delivered)",
            destination == Destination.MARKETO ? "Marketo" : "Salesforce", delivered), rate(delivered / seconds), "activities/s",
            destination == Destination.MARKETO ? "300 per call, custom activities" : "200 per call, Tasks");
      }
    }
  }

  // ---- 5. rate limit -----------------------------------------------------------------------------------

  private void rateLimit(int seconds) throws Exception {
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(10_000, 4), MarketoSimulator.Options.defaults(), CLOCK)) {
      // Background reads: an interactive call gives up after 1.5 s when the window is full (the send gate must
      // answer in time), so saturating the window is background sync's job.
      MarketoPersonSource source = Marketo.connect(MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID,
          MarketoSimulator.CLIENT_SECRET), CLOCK).personSource();
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      ConcurrentLinkedQueue<Long> done = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(12);
      for (int t = 0; t < 12; t++) {
        int thread = t;
        pool.submit(() -> {
          long id = 1 + thread;
          while (System.nanoTime() < end) {
            source.readCurrent(List.of(PersonId.of(id)));
            done.add(System.nanoTime());
            id = 1 + (id + 12) % 10_000;
          }
          return null;
        });
      }
      pool.shutdown();
      pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
      int windows = seconds / 20; // whole windows only: the limiter lets 100 calls go at each window's start
      long windowsEnd = start + TimeUnit.SECONDS.toNanos(20L * windows);
      long counted = done.stream().filter(t -> t < windowsEnd).count();
      double allowed = 100.0 * windows;
      add("5", String.format(Locale.ROOT, "Marketo real limits (100 calls / 20 s, 10 concurrent), %d full windows", windows),
          String.format(Locale.ROOT, "%.1f%% of allowed", 100 * counted / allowed), "rate used",
          String.format(Locale.ROOT, "606: %d, 615: %d, peak concurrency %d", sim.rateLimitErrors(), sim.concurrencyErrors(), sim.peakConcurrency()));
    }
  }

  // ---- 7. replicas -------------------------------------------------------------------------------------

  private void replicas(boolean quick) throws Exception {
    int people = quick ? 50_000 : 200_000;
    ReplicaBenchmark.Sync[] overhead = ReplicaBenchmark.fencingOverhead(db, people);
    add("7", String.format(Locale.ROOT, "initial sync, %,d people, plain store (best of 3, alternating with the next row)", people),
        rate(overhead[0].peoplePerSecond()), "people/s", "");
    add("7", String.format(Locale.ROOT, "the same into a store fenced by a tenant lease (every commit checks the epoch)"),
        rate(overhead[1].peoplePerSecond()), "people/s", String.format(Locale.ROOT, "fenced / plain %.2f",
            overhead[1].peoplePerSecond() / overhead[0].peoplePerSecond()));
    int tenants = 12;
    int perTenant = quick ? 2_000 : 10_000;
    for (int replicas : new int[] {1, 3}) {
      double seconds = ReplicaBenchmark.tenantsInitialSync(db, replicas, tenants, perTenant);
      add("7", String.format(Locale.ROOT, "%d tenants × %,d people, initial syncs by %d in-process replica(s) under leases: all done in %.1f s",
          tenants, perTenant, replicas, seconds), String.format(Locale.ROOT, "%.1f", tenants / (double) replicas / (seconds / 60)),
          "tenants/replica/min", "one JVM, 2 cores shared by every replica and the 12 simulators");
    }
    io.unisync.examples.ReplicaSoak.Result soak = ReplicaBenchmark.failover(io.unisync.testkit.TestPostgres.url(), quick ? 3 : 12);
    add("7", String.format(Locale.ROOT, "kill -9 of a replica (3 JVMs, 6 tenants, lease 3 s): %d kills, %d tenants taken over",
        soak.kills(), soak.takeOvers().size()), percentiles(soak.firstCommits()), "kill → first commit by the new holder",
        "take-over (new epoch): " + percentiles(soak.takeOvers()) + "; verdict: " + (soak.clean() ? "clean" : "FAILED"));
  }

  private static String percentiles(List<Duration> values) {
    if (values.isEmpty()) {
      return "none measured";
    }
    List<Long> ms = values.stream().map(Duration::toMillis).sorted().toList();
    return String.format(Locale.ROOT, "p50 %.1f s, p99 %.1f s", ms.get((int) Math.ceil(0.5 * ms.size()) - 1) / 1000.0,
        ms.get((int) Math.ceil(0.99 * ms.size()) - 1) / 1000.0);
  }

  // ---- plumbing ----------------------------------------------------------------------------------------

  private void add(String item, String what, String value, String unit, String note) {
    rows.add(new String[] {item, what, value, unit, note});
    System.out.printf(Locale.ROOT, "[%s] %s: %s %s %s%n", item, what, value, unit, note);
  }

  private void print(long started) {
    System.out.println();
    System.out.printf(Locale.ROOT, "Unisync benchmarks, %s, %d cores, %s %s, max heap %d MB, PostgreSQL on loopback; whole run %.1f min%n",
        System.getProperty("os.name") + " " + System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024),
        (System.nanoTime() - started) / 60e9);
    System.out.println();
    System.out.println("| # | measurement | result | unit | notes |");
    System.out.println("|---|---|---|---|---|");
    for (String[] row : rows) {
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", (Object[]) row);
    }
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  private static double percentile(List<Long> sortedNanos, double p) {
    if (sortedNanos.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.min(sortedNanos.size() - 1, Math.ceil(p * sortedNanos.size()) - 1);
    return sortedNanos.get(Math.max(0, index)) / 1e9;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
