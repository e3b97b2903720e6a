package io.unisync.examples;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.ReminderTask;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.engine.DeliveryReport;
import io.unisync.core.engine.GateDecision;
import io.unisync.core.engine.ReconcileReport;
import io.unisync.core.engine.Reconciliation;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.engine.SyncProgress;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.port.Destination;
import io.unisync.core.port.MarketingActivity;
import io.unisync.core.port.OutboxState;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.port.StoredPerson;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcPersonStore;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoSettings;
import io.unisync.salesforce.Salesforce;
import io.unisync.salesforce.SalesforceAuth;
import io.unisync.salesforce.SalesforceSettings;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.SampleActivities;
import io.unisync.testkit.sim.ExportModel;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SalesforceSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import io.unisync.testkit.SkippingClock;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The demo's building blocks: a Marketo simulator with synthetic people, a database (H2 file by default),
 * the engine, and the mission run visibly: initial sync, changes, activities, send gate, Smart Grid.
 */
public final class Demo {

  /** Marketo's export overheads in the demo: each job's queue wait and start-up drawn from Marketo's published examples. */
  static final ExportModel DEMO_EXPORTS = ExportModel.documentedExamples();

  /**
   * @param people synthetic people in the simulator
   * @param jdbcUrl a database to use instead of a fresh embedded H2 file
   * @param activities sales activities to record and deliver
   * @param out where progress goes (null: silent)
   */
  public record Options(int people, @Nullable String jdbcUrl, int activities, @Nullable PrintStream out) {}

  /** What the demo did, for the summary table and for tests. */
  public record Result(
      long eligibleInSource,
      long peopleInStore,
      boolean storeMatchesSource,
      SyncReport initial,
      SyncReport changes,
      List<QuarantinedRecord> quarantined,
      long delivered,
      long deliveredSalesforce,
      long deadLetters,
      long marketoCalls,
      long salesforceCalls,
      GateDecision gateForUnsubscribed,
      GateDecision gateForSubscribed,
      GateDecision gateForCrmOptOut,
      boolean reminderCompletedInSalesforceCameBack,
      List<MarketingActivity> smartGrid,
      long driftFound,
      long driftRepaired) {}

  private Demo() {}

  public static Result run(Options options) throws Exception {
    // Time-true: Marketo's exports wait in a queue and take time to process (ExportModel.marketo(), with
    // its guessed queue wait and rate); the client's waits for them are skipped on this clock instead of slept, so the
    // demo runs in moments while the times it reports are what a customer would wait.
    SkippingClock clock = new SkippingClock(Instant.now(Clock.systemUTC()));
    SyntheticPeople population = new SyntheticPeople(options.people(), 42, Instant.parse("2025-01-01T00:00:00Z"),
        Duration.ofSeconds(Math.max(1, 300L * 86_400 / Math.max(1, options.people()))));
    Path dataDir = null;
    try (MarketoSimulator sim = MarketoSimulator.start(population,
            MarketoSimulator.Options.unlimited().withExportModel(DEMO_EXPORTS), clock);
        SalesforceSimulator crm = SalesforceSimulator.start(clock, null, 5_000_000, Duration.ofHours(2))) {
      // A few records no one should store: the engine quarantines them with the reason and goes on.
      sim.createLead(Map.of("firstName", "Broken", "email", "not-an-address", "sfdcLeadOwnerId", "005000000000001AAA"));
      sim.createLead(Map.of("firstName", "Nul\u0000Byte", "email", "nul@example.com", "sfdcLeadOwnerId", "005000000000001AAA"));

      JdbcSettings settings;
      if (options.jdbcUrl() == null) {
        dataDir = Files.createTempDirectory("unisync-demo");
        settings = JdbcSettings.h2File(dataDir.resolve("unisync"));
      } else {
        settings = JdbcSettings.of(options.jdbcUrl(), "", "");
      }
      try (JdbcDatabase db = JdbcDatabase.pooled(settings.withMaxPoolSize(4), clock)) {
        db.migrate();
        Tenant tenant = Tenant.of("demo-" + clock.millis());
        MarketoSettings bulk = MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
            .withBulk(true, Instant.parse("2024-12-01T00:00:00Z"), Duration.ofDays(31), Duration.ofSeconds(60))
            .withCreateActivityTypes(true);
        // the mixed snapshot: exports from the oldest window up and an id scan from the newest lead down, meeting where
        // their paces take them
        MarketoSettings marketoSettings = bulk.toBuilder().snapshot(bulk.snapshot().toBuilder().mixed(true).build()).build();
        // the call budget in the database, waiting on the skipping clock: Marketo's 100 calls / 20 s are kept in the time the
        // demo reports, without sleeping them
        Marketo marketo = Marketo.connect(marketoSettings, clock, io.unisync.jdbc.JdbcCallBudget.create(db.dataSource(),
            marketoSettings.callBudgetName(), marketoSettings.callLimits(), clock, clock.sleeper()), clock.sleeper());
        JdbcPersonStore store = db.personStore(tenant);
        Salesforce salesforce = Salesforce.connect(SalesforceSettings.of(crm.baseUrl(),
            new SalesforceAuth.ClientCredentials(SalesforceSimulator.CLIENT_ID, SalesforceSimulator.CLIENT_SECRET)), clock);
        Progress progress = new Progress(options.out(), options.people());
        io.unisync.marketo.MarketoPersonSource source = marketo.personSource();
        SyncEngine engine = SyncEngine.builder()
            .wiredTo(db.stores(tenant), marketo, salesforce, tenant.id())
            .personSource(source)
            .clock(clock)
            .options(SyncOptions.defaults().withSnapshotPageSize(1_000))
            .listener(progress)
            .build();

        say(options, "Initial sync of %,d people from the Marketo simulator into %s%n", options.people(),
            options.jdbcUrl() == null ? "an embedded H2 database" : "the given database");
        Duration skippedBefore = clock.skipped();
        SyncReport initial = engine.initialSync();
        progress.done();
        Duration waitedInMarketo = clock.skipped().minus(skippedBefore);
        say(options, "  The plan as it ended: %s%n", source.snapshotPlan().map(io.unisync.core.port.SnapshotPlan::summary).orElse("(none)"));
        say(options, "  %d bulk export(s) started under Marketo's limits (2 processing, 10 queued, 500 MB a day), each with a queue wait"
                + " of %d-%d s and a start-up of %d s-%d min drawn from Marketo's published examples (a setting of the simulator, not a"
                + " measurement); the id scan at Marketo's documented 100 calls / 20 s; %s of the %s were waits for Marketo, skipped"
                + " here%n", sim.exportJobs().size(), DEMO_EXPORTS.queueWait().toSeconds(), DEMO_EXPORTS.queueWaitMax().toSeconds(),
            DEMO_EXPORTS.startup().toSeconds(), DEMO_EXPORTS.startupMax().toMinutes(), human(waitedInMarketo), human(initial.elapsed()));

        say(options, "Changing people in Marketo: edits, owner removals, deletes, merges...%n");
        Thread.sleep(1_100); // Marketo's feed has second precision
        int changed = makeChanges(sim, population, Math.max(10, options.people() / 1_000));
        Thread.sleep(1_100);
        SyncReport changes = engine.syncChanges();
        while (!changes.complete()) {
          changes = engine.syncChanges();
        }
        say(options, "  %d changes made; the feed brought %d entries, %d ignored; %d written, %d removed%n",
            changed, changes.changesSeen(), changes.changesIgnored(), changes.upserted(), changes.removed());

        say(options, "Drift: changes Marketo's feeds never report (as after a pause longer than its 14-day retention)...%n");
        long[] drift = drift(engine, sim, store, options);

        say(options, "Recording %,d sales activities and delivering them to Marketo and Salesforce...%n", options.activities());
        List<Person> someone = store.page(null, Math.max(2, Math.min(500, options.activities()))).stream().map(StoredPerson::person).toList();
        List<PersonId> people = someone.stream().map(Person::id).toList();
        for (Person p : someone) { // Salesforce holds the leads and contacts Marketo points at
          if (p.salesforceContactId() != null) {
            crm.insert("Contact", p.salesforceContactId(), Map.of("LastName", "Person " + p.id()), "005000000000077SAL");
          } else if (p.salesforceLeadId() != null) {
            crm.insert("Lead", p.salesforceLeadId(), Map.of("LastName", "Person " + p.id(), "IsConverted", false), "005000000000077SAL");
          }
        }
        engine.optOuts().orElseThrow().sync();
        engine.reminders().orElseThrow().sync();
        for (int n = 0; n < options.activities() && !people.isEmpty(); n++) {
          engine.activities().orElseThrow().record(SampleActivities.activity(n, people.get(n % people.size()).value(), clock.instant()));
        }
        long delivered = 0;
        long deliveredSalesforce = 0;
        DeliveryReport report;
        do {
          report = engine.activities().orElseThrow().deliver();
          delivered += report.delivered(Destination.MARKETO);
          deliveredSalesforce += report.delivered(Destination.SALESFORCE);
        } while (report.delivered(Destination.MARKETO) + report.delivered(Destination.SALESFORCE) > 0);
        long dead = engine.activities().orElseThrow().backlog().get(Destination.MARKETO).get(OutboxState.DEAD)
            + engine.activities().orElseThrow().backlog().get(Destination.SALESFORCE).get(OutboxState.DEAD);

        say(options, "A reminder made in Actions, completed in Salesforce...%n");
        Person withReminder = someone.get(someone.size() - 1);
        engine.reminders().orElseThrow().save(new ReminderTask("demo-reminder-1", withReminder.id(), "Call back about pricing",
            LocalDate.now(clock).plusDays(2), false, clock.instant(), null));
        engine.reminders().orElseThrow().sync();
        crm.records("Task").stream().filter(t -> "demo-reminder-1".equals(t.get(SalesforceSimulator.REMINDER_ID_FIELD))).findFirst()
            .ifPresent(t -> {
              sleepQuietly(5);
              crm.update("Task", (String) t.get("Id"), Map.of("Status", "Completed"), "005000000000077SAL");
            });
        engine.reminders().orElseThrow().sync();
        ReminderTask reminder = db.reminderStore(tenant).find("demo-reminder-1").orElseThrow();

        say(options, "An opt-out ticked in Salesforce...%n");
        Person optingOut = someone.get(1);
        String crmId = optingOut.salesforceContactId() != null ? optingOut.salesforceContactId() : optingOut.salesforceLeadId();
        sleepQuietly(5);
        crm.update(crmId.startsWith("003") ? "Contact" : "Lead", crmId, Map.of("HasOptedOutOfEmail", true), "005000000000077SAL");
        engine.optOuts().orElseThrow().sync();
        GateDecision crmOptOut = engine.emailGate().orElseThrow().check(optingOut.id());

        PersonId unsubscribed = people.get(0);
        PersonId subscribed = people.get(people.size() - 1);
        sim.updateLead(unsubscribed.value(), "unsubscribed", "true");
        sim.updateLead(subscribed.value(), "unsubscribed", "false");
        GateDecision blocked = engine.emailGate().orElseThrow().check(unsubscribed);
        GateDecision allowed = engine.emailGate().orElseThrow().check(subscribed);

        sim.addActivity(subscribed.value(), 1, "/pricing", Map.of("Webpage URL", "/pricing"));
        sim.addActivity(subscribed.value(), 10, "Spring Newsletter", Map.of());
        List<MarketingActivity> grid = engine.smartGrid().orElseThrow().recent(subscribed, clock.instant().minus(Duration.ofDays(1)), 10);

        Map<PersonId, Person> expected = ExpectedPeople.eligibleIn(sim, SourceFields.standard());
        Map<PersonId, Person> stored = ExpectedPeople.storedIn(store);
        return new Result(expected.size(), stored.size(), expected.equals(stored), initial, changes,
            store.quarantined(0, 100), delivered, deliveredSalesforce, dead, marketo.calls(), salesforce.calls(), blocked, allowed,
            crmOptOut, reminder.completed(), grid, drift[0], drift[1]);
      }
    } finally {
      if (dataDir != null) {
        try (Stream<Path> files = Files.walk(dataDir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /**
   * Deletes and renames stored people while Marketo's feeds lose every such activity, shows that the incremental sync
   * cannot see it, measures the drift with a dry run and repairs it with a reconciliation; returns {found, repaired}.
   */
  private static long[] drift(SyncEngine engine, MarketoSimulator sim, JdbcPersonStore store, Options options) throws Exception {
    List<Person> victims = store.page(null, 30).stream().map(StoredPerson::person).toList();
    sim.withLossyFeeds(1.0, 1);
    for (int i = 0; i < victims.size(); i++) {
      long id = victims.get(i).id().value();
      if (i % 3 == 0) {
        sim.deleteLead(id);
      } else {
        sim.updateLead(id, "lastName", "Drifted " + i);
      }
    }
    Thread.sleep(1_100); // Marketo's feed has second precision
    SyncReport blind = engine.syncChanges();
    while (!blind.complete()) {
      blind = engine.syncChanges();
    }
    sim.withLossyFeeds(0, 1);
    long found = 0;
    ReconcileReport dry;
    do {
      dry = engine.reconciliation().run(Reconciliation.Mode.DRY_RUN);
      found += dry.drift();
    } while (!dry.complete());
    say(options, "  the incremental sync saw %d of %d changes; a dry run finds %d people drifted (nothing written)%n",
        blind.changesSeen(), victims.size(), found);
    engine.reconciliation().start("demo", false);
    long repaired = 0;
    ReconcileReport repair;
    do {
      repair = engine.reconciliation().run(Reconciliation.Mode.REPAIR);
      repaired += repair.repaired();
    } while (!repair.complete());
    say(options, "  the reconciliation read every stored person again and repaired %d%n", repaired);
    return new long[] {found, repaired};
  }

  /** Edits, owner removals and gains, an unsynced-field edit, deletes and merges; returns how many. */
  private static int makeChanges(MarketoSimulator sim, SyntheticPeople population, int each) {
    int made = 0;
    long id = 1;
    List<Long> owned = new ArrayList<>();
    List<Long> unowned = new ArrayList<>();
    while ((owned.size() < each * 6 || unowned.size() < each) && id <= population.count()) {
      (population.hasOwner(id) ? owned : unowned).add(id);
      id++;
    }
    for (int i = 0; i < each && i * 6 + 5 < owned.size(); i++) {
      sim.updateLead(owned.get(i * 6), "title", "Promoted " + i);
      sim.updateLead(owned.get(i * 6 + 1), "sfdcLeadOwnerId", null);
      sim.updateLead(owned.get(i * 6 + 2), "leadScore", "77");
      sim.deleteLead(owned.get(i * 6 + 3));
      sim.mergeLeads(owned.get(i * 6 + 4), owned.get(i * 6 + 5));
      made += 5;
    }
    for (int i = 0; i < each && i < unowned.size(); i++) {
      sim.updateLead(unowned.get(i), "sfdcLeadOwnerId", "005000000000042AAA");
      made++;
    }
    return made;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis); // Salesforce's modification stamps are in milliseconds
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Rejection reasons with their counts, for the summary. */
  public static Map<String, Long> reasons(List<QuarantinedRecord> quarantined) {
    Map<String, Long> reasons = new LinkedHashMap<>();
    for (QuarantinedRecord q : quarantined) {
      String reason = q.reason().replaceAll("record '[^']*'", "record");
      reasons.merge(reason, 1L, Long::sum);
    }
    return reasons;
  }

  private static void say(Options options, String format, Object... args) {
    if (options.out() != null) {
      options.out().printf(Locale.ROOT, format, args);
    }
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /**
   * The initial sync's progress. On a terminal a bar from {@code me.tongfei:progressbar}, redrawn in place at the
   * terminal's width (JLine asks the terminal): people read of the total, people per second, the time left from the
   * source's plan when it has one, windows left. Into a file or pipe one plain line per 10%.
   */
  static final class Progress implements SyncListener {
    /** Columns meaning "ask the terminal" (the bar) and "not a terminal" (a line per 10%). */
    static final int TERMINAL = -1;
    static final int NOT_A_TERMINAL = 0;

    private final @Nullable PrintStream out;
    private final long total;
    private final int columns;
    private volatile @Nullable Duration eta;
    private @Nullable ProgressBar bar;
    private long lastTenth = -1;

    Progress(@Nullable PrintStream out, long total) {
      this(out, total, System.console() != null ? TERMINAL : NOT_A_TERMINAL);
    }

    /** {@code columns}: {@link #TERMINAL}, {@link #NOT_A_TERMINAL}, or a fixed width for the bar. */
    Progress(@Nullable PrintStream out, long total, int columns) {
      this.out = out;
      this.total = Math.max(1, total);
      this.columns = columns;
    }

    @Override
    public void onProgress(SyncProgress progress) {
      if (out == null || progress.kind() != io.unisync.core.engine.SyncKind.INITIAL) {
        return;
      }
      long read = Math.min(progress.read(), total);
      int windowsLeft = progress.plan().map(io.unisync.core.port.SnapshotPlan::partsLeft).orElse(-1);
      eta = progress.eta().orElse(null);
      if (columns == NOT_A_TERMINAL) {
        long tenth = Math.min(10, 10 * read / total);
        if (tenth != lastTenth) {
          lastTenth = tenth;
          double rate = progress.read() / Math.max(0.001, progress.elapsed().toNanos() / 1e9);
          long left = progress.eta().map(Duration::toSeconds).orElse(rate > 0 ? (long) Math.max(0, (total - read) / rate) : 0);
          out.println(line(read, total, rate, left, windowsLeft));
        }
        return;
      }
      ProgressBar b = bar();
      b.setExtraMessage(windowsLeft < 0 ? "" : " " + windowsLeft + (windowsLeft == 1 ? " window left" : " windows left"));
      b.stepTo(read);
    }

    private ProgressBar bar() {
      if (bar == null) {
        bar = new ProgressBarBuilder()
            .setTaskName("People")
            .setInitialMax(total)
            .showSpeed(new java.text.DecimalFormat("#,##0"))
            .setEtaFunction(state -> Optional.ofNullable(eta))
            .setUpdateIntervalMillis(100)
            .setConsumer(new ConsoleProgressBarConsumer(out, columns))
            .build();
      }
      return bar;
    }

    /** One plain line for a log: people read of the total, people per second, time left, windows left. */
    static String line(long read, long total, double rate, long etaSeconds, int windowsLeft) {
      String eta = etaSeconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", etaSeconds / 60, etaSeconds % 60) : etaSeconds + "s";
      String windows = windowsLeft < 0 ? "" : String.format(Locale.ROOT, "  %d window%s left", windowsLeft, windowsLeft == 1 ? "" : "s");
      return String.format(Locale.ROOT, "  %3d%%  %,d/%,d people  %,.0f/s  ETA %s%s", 100 * read / Math.max(1, total), read, total, rate, eta,
          windows);
    }

    void done() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
