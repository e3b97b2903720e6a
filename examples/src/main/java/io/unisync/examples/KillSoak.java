package io.unisync.examples;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityKind;
import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.engine.Reconciliation;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.OutboxState;
import io.unisync.jdbc.JdbcActivityOutbox;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcPersonStore;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.JdbcWatermarkStore;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.MarketoActivitySink;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.SampleActivities;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SalesforceSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The kill -9 soak: {@code unisync run} as a separate JVM against PostgreSQL (or H2) and the bundled
 * simulators, killed with SIGKILL at random moments, again and again, while Marketo changes (edits, owner
 * lost and gained, deletes, merges) and the host records activities. With a lossy feed, Marketo's change
 * feed drops a share of its change and delete entries (drift only a reconciliation finds), and every second
 * run starts with a reconciliation started on demand ({@code unisync reconcile}), so kills land inside
 * reconciliations too. Then one last run is left to finish, and an oracle compares:
 *
 * <ul>
 *   <li>the store with Marketo's eligible people (none missing, none extra, none different);
 *   <li>every recorded activity with what Marketo and Salesforce received (each exactly once where it is due,
 *       none dead-lettered, none left pending).
 * </ul>
 * {@code scripts/soak.sh N} runs it with N kills and prints the summary table; {@code KillSoakTest} runs a
 * short one in the test suite. Seeded: the same seed kills at the same offsets.
 */
public final class KillSoak {

  /**
   * @param kills how many times the process is killed
   * @param people the size of Marketo's synthetic population
   * @param activitiesPerRun activities the host records while each process runs
   * @param jdbcUrl the database (PostgreSQL for the real thing)
   * @param seed for the kill offsets and the changes
   * @param workDir where the configuration and the process logs go
   * @param minRun the shortest a process lives before its kill
   * @param maxRun the longest
   * @param lossyFeed the share of change and delete entries Marketo's feed drops while the processes are killed
   *     (0: none); above 0, every second run starts with an on-demand reconciliation, and a last one repairs the rest
   * @param out where progress goes (null: nowhere)
   * @param mixedSnapshot whether the initial sync is the mixed snapshot (exports and an id scan at once)
   */
  public record Options(int kills, int people, int activitiesPerRun, String jdbcUrl, long seed, Path workDir,
      Duration minRun, Duration maxRun, double lossyFeed, @org.jspecify.annotations.Nullable PrintStream out, boolean mixedSnapshot) {}

  /** What the oracle found. */
  public record Result(int kills, Map<String, Integer> killsByPhase, int reconciliations, int expectedPeople, int storedPeople, int missing, int extra,
      int different, int marketoChanges, int activitiesRecorded, int marketoExpected, int marketoMissing, int marketoDuplicates,
      int salesforceExpected, int salesforceMissing, int salesforceDuplicates, long deadLetters, long pending, Duration elapsed) {

    /** Nothing lost, nothing duplicated, nothing stuck. */
    public boolean clean() {
      return missing == 0 && extra == 0 && different == 0 && marketoMissing == 0 && marketoDuplicates == 0 && salesforceMissing == 0
          && salesforceDuplicates == 0 && deadLetters == 0 && pending == 0;
    }

    /** The summary table (Markdown). */
    public String table() {
      StringBuilder t = new StringBuilder();
      t.append("| measure | value |\n|---|---|\n");
      row(t, "kill -9 restarts", kills);
      killsByPhase.forEach((phase, n) -> row(t, "  killed during " + phase, n));
      row(t, "reconciliations started on demand", reconciliations);
      row(t, "changes made in Marketo during the soak", marketoChanges);
      row(t, "people eligible in Marketo at the end", expectedPeople);
      row(t, "people in the store", storedPeople);
      row(t, "people missing / extra / different", missing + " / " + extra + " / " + different);
      row(t, "activities recorded", activitiesRecorded);
      row(t, "Marketo: due / missing / duplicated", marketoExpected + " / " + marketoMissing + " / " + marketoDuplicates);
      row(t, "Salesforce Tasks: due / missing / duplicated", salesforceExpected + " / " + salesforceMissing + " / " + salesforceDuplicates);
      row(t, "dead letters / still pending", deadLetters + " / " + pending);
      row(t, "wall time", String.format(Locale.ROOT, "%.0f s", elapsed.toMillis() / 1000.0));
      row(t, "verdict", clean() ? "nothing lost, nothing duplicated" : "FAILED");
      return t.toString();
    }

    private static void row(StringBuilder t, String name, Object value) {
      t.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
  }

  private KillSoak() {}

  public static void main(String[] args) throws Exception {
    Map<String, Long> a = arguments(args, new java.util.TreeMap<>(Map.of("kills", 200L, "people", 20_000L, "seed", 11L, "mixed", 0L)));
    String jdbcUrl = postgresUrl();
    Result result = run(new Options(a.get("kills").intValue(), a.get("people").intValue(), 40, jdbcUrl, a.get("seed"),
        Files.createTempDirectory("unisync-soak"), Duration.ofMillis(3_000), Duration.ofMillis(8_000), 0.1, System.out,
        a.get("mixed") != 0));
    System.out.println();
    System.out.print(result.table());
    System.exit(result.clean() ? 0 : 1);
  }

  /** {@code --name N} pairs over {@code defaults} (which name every option there is); anything else is refused. */
  static Map<String, Long> arguments(String[] args, Map<String, Long> defaults) {
    Map<String, Long> values = new java.util.TreeMap<>(defaults);
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!values.containsKey(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown or incomplete option " + args[i] + " (use " + String.join(" ",
            values.keySet().stream().map(k -> "--" + k + " N").toList()) + ")");
      }
      values.put(name, Long.parseLong(args[++i]));
    }
    return values;
  }

  /**
   * The PostgreSQL the soak runs on: {@code UNISYNC_TEST_POSTGRES_URL} when set, else a throwaway server from Maven's
   * embedded binaries on 127.0.0.1 (no install, no root), removed when the JVM exits.
   */
  static String postgresUrl() {
    return io.unisync.testkit.TestPostgres.url();
  }

  public static Result run(Options o) throws Exception {
    long started = System.nanoTime();
    SplittableRandom random = new SplittableRandom(o.seed());
    Clock clock = Clock.systemUTC();
    Tenant tenant = Tenant.of("soak-" + o.seed() + "-" + Long.toHexString(System.nanoTime() & 0xffffff));
    try (MarketoSimulator marketo = MarketoSimulator.start(SyntheticPeople.of(o.people(), o.seed()), MarketoSimulator.Options.unlimited(), clock);
        SalesforceSimulator salesforce = SalesforceSimulator.start(clock, null, 100_000_000, Duration.ofHours(2));
        JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(o.jdbcUrl(), "", "").withMaxPoolSize(2))) {
      db.migrate();
      Path config = o.workDir().resolve("unisync.yaml");
      Files.writeString(config, String.join("\n",
          "tenant: " + tenant.id(),
          "database:",
          "  url: \"" + o.jdbcUrl() + "\"",
          "marketo:",
          "  baseUrl: " + marketo.baseUrl(),
          "  clientId: " + MarketoSimulator.CLIENT_ID,
          "  snapshotStart: 2023-12-01T00:00:00Z",
          "  bulkPollSeconds: 0",
          "  mixedSnapshot: " + o.mixedSnapshot(),
          "  callsPerWindow: 100000", // the simulator does not enforce Marketo's limit; waiting out its window is not what this is about
          "  createActivityTypes: true",
          "salesforce:",
          "  tokenUrl: " + salesforce.baseUrl(),
          "  clientId: " + SalesforceSimulator.CLIENT_ID,
          "schedule: { personSyncSeconds: 1, deliverySeconds: 1, twoWaySeconds: 30 }",
          "delivery: { leaseSeconds: 5 }",
          "replica: { leaseSeconds: 3 }", // a killed process's tenant is taken over 3 s after its last renewal
          ""));
      JdbcPersonStore store = db.personStore(tenant);
      JdbcActivityOutbox outbox = db.activityOutbox(tenant);
      Map<String, Integer> phases = new TreeMap<>();
      List<Activity> recorded = new ArrayList<>();
      // People with activities are never deleted, merged away or stripped of their owner, and people so
      // disturbed get no activities: every recorded activity is then due at each of its destinations.
      java.util.Set<Long> withActivities = new java.util.HashSet<>();
      java.util.Set<Long> disturbed = new java.util.HashSet<>();
      int changes = 0;
      long nextActivity = 0;
      JdbcWatermarkStore marks = db.watermarkStore(tenant);
      if (o.lossyFeed() > 0) {
        marketo.withLossyFeeds(o.lossyFeed(), o.seed());
      }
      int reconciliations = 0;
      for (int kill = 1; kill <= o.kills(); kill++) {
        if (o.lossyFeed() > 0 && kill % 2 == 0 && store.checkpoint().isPresent()) {
          reconciliations += reconcile(config, tenant);
        }
        Process process = start(config, o.workDir().resolve("run-" + kill + ".log"));
        long runMillis = o.minRun().toMillis() + random.nextLong(Math.max(1, o.maxRun().toMillis() - o.minRun().toMillis()));
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMillis);
        changes += change(marketo, random, withActivities, disturbed);
        nextActivity = record(store, outbox, salesforce, recorded, nextActivity, o.activitiesPerRun(), random, o.people(), clock,
            withActivities, disturbed);
        long left = until - System.nanoTime();
        if (left > 0) {
          Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
        }
        process.destroyForcibly(); // SIGKILL
        process.waitFor(30, TimeUnit.SECONDS);
        String phase = phase(store, outbox, marks);
        phases.merge(phase, 1, Integer::sum);
        if (o.out() != null && (kill % 10 == 0 || kill == o.kills())) {
          o.out().printf(Locale.ROOT, "kill %d/%d (during %s): %,d people stored, %,d activities recorded%n", kill, o.kills(), phase,
              store.count(), recorded.size());
        }
      }
      // One last change set, then a process that is left to finish (after a last reconciliation, when the feed lost entries).
      changes += change(marketo, random, withActivities, disturbed);
      if (o.lossyFeed() > 0) {
        reconciliations += reconcile(config, tenant); // the feed stays lossy: only this reconciliation's reads find the rest
      }
      Process last = start(config, o.workDir().resolve("final.log"));
      try {
        Map<PersonId, Person> expected = Map.of();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
          if (recorded.isEmpty() && store.count() > 0) {
            // every run was killed before it stored anyone (a loaded machine, short runs): record while this one runs,
            // so the oracle always has activities to find once, whatever the machine's speed
            nextActivity = record(store, outbox, salesforce, recorded, nextActivity, o.activitiesPerRun(), random, o.people(), clock,
                withActivities, disturbed);
          }
          expected = ExpectedPeople.eligibleIn(marketo, SourceFields.standard());
          if (converged(store, outbox, expected)) {
            break;
          }
          if (!last.isAlive()) {
            throw new IllegalStateException("the final unisync run exited with " + last.exitValue() + "; see " + o.workDir().resolve("final.log"));
          }
          Thread.sleep(500);
        }
        return oracle(o, phases, changes, reconciliations, tenant, store, outbox, marketo, salesforce, recorded, expected, started);
      } finally {
        last.destroy(); // SIGTERM: the last one stops gracefully
        if (!last.waitFor(60, TimeUnit.SECONDS)) {
          last.destroyForcibly();
        }
      }
    }
  }

  static boolean converged(JdbcPersonStore store, JdbcActivityOutbox outbox, Map<PersonId, Person> expected) {
    boolean incremental = store.checkpoint().map(c -> c.phase() == Checkpoint.Phase.INCREMENTAL).orElse(false);
    return incremental && pending(outbox) == 0 && ExpectedPeople.storedIn(store).equals(expected);
  }

  static long pending(JdbcActivityOutbox outbox) {
    long pending = 0;
    for (Destination destination : Destination.values()) {
      pending += outbox.counts(destination).getOrDefault(OutboxState.PENDING, 0L);
    }
    return pending;
  }

  private static String phase(JdbcPersonStore store, JdbcActivityOutbox outbox, JdbcWatermarkStore marks) {
    Optional<Checkpoint> checkpoint = store.checkpoint();
    if (checkpoint.isEmpty()) {
      return "start-up";
    }
    if (checkpoint.get().phase() != Checkpoint.Phase.INCREMENTAL) {
      return "the initial sync";
    }
    if (marks.get(Reconciliation.WATERMARK).flatMap(Reconciliation::reasonIn).isPresent()) {
      return "a reconciliation";
    }
    return pending(outbox) > 0 ? "incremental sync and delivery" : "incremental sync";
  }

  /** Starts a reconciliation as {@code unisync reconcile --config config} does; returns 1 when it started. */
  private static int reconcile(Path config, Tenant tenant) {
    RunConfig settings = RunConfig.load(config, Map.of("UNISYNC_MARKETO_CLIENT_SECRET", MarketoSimulator.CLIENT_SECRET,
        "UNISYNC_SALESFORCE_CLIENT_SECRET", SalesforceSimulator.CLIENT_SECRET));
    return Reconcile.run(settings, tenant.id(), false, new PrintStream(java.io.OutputStream.nullOutputStream())) == 0 ? 1 : 0;
  }

  /** Edits, owner changes, deletes and a merge in Marketo; returns how many changes were made. */
  static int change(MarketoSimulator marketo, SplittableRandom random, java.util.Set<Long> withActivities, java.util.Set<Long> disturbed) {
    List<Long> ids = marketo.existingIds();
    List<Long> free = ids.stream().filter(id -> !withActivities.contains(id)).toList();
    if (free.size() < 10) {
      return 0;
    }
    int made = 0;
    for (int i = 0; i < 5; i++) {
      marketo.updateLead(ids.get(random.nextInt(ids.size())), "title", "Title " + random.nextInt(1_000_000));
      made++;
    }
    long ownerLost = free.get(random.nextInt(free.size()));
    long deleted = free.get(random.nextInt(free.size()));
    long winner = free.get(random.nextInt(free.size()));
    long loser = free.get(random.nextInt(free.size()));
    marketo.updateLead(ownerLost, "sfdcLeadOwnerId", null);
    marketo.updateLead(free.get(random.nextInt(free.size())), "sfdcLeadOwnerId", "005000000000042OWN"); // gains one
    made += 2;
    disturbed.add(ownerLost);
    if (deleted != ownerLost) {
      marketo.deleteLead(deleted);
      disturbed.add(deleted);
      made++;
    }
    if (winner != loser && winner != deleted && loser != deleted) {
      marketo.mergeLeads(winner, loser);
      disturbed.add(winner);
      disturbed.add(loser);
      made++;
    }
    return made;
  }

  /** Records activities about stored people, as a host would while serving sellers. */
  static long record(JdbcPersonStore store, JdbcActivityOutbox outbox, SalesforceSimulator salesforce, List<Activity> recorded,
      long next, int count, SplittableRandom random, int people, Clock clock, java.util.Set<Long> withActivities,
      java.util.Set<Long> disturbed) {
    if (store.count() == 0) {
      return next;
    }
    long n = next;
    for (int made = 0, tries = 0; made < count && tries < count * 20; tries++) {
      long person = 1 + random.nextInt(people);
      if (disturbed.contains(person)) {
        continue;
      }
      Optional<Person> stored = store.findById(PersonId.of(person)).map(p -> p.person());
      if (stored.isEmpty()) {
        continue;
      }
      ensureInSalesforce(salesforce, stored.get());
      Activity activity = SampleActivities.activity(n++, person, Instant.now(clock));
      List<OutboxDraft> drafts = new ArrayList<>();
      drafts.add(new OutboxDraft(Destination.MARKETO, activity, Instant.now(clock)));
      if (salesforceDue(activity)) {
        drafts.add(new OutboxDraft(Destination.SALESFORCE, activity, Instant.now(clock)));
      }
      outbox.enqueue(drafts);
      recorded.add(activity);
      withActivities.add(person);
      made++;
    }
    return n;
  }

  /** The run's settings log e-mails and calls to Salesforce; campaign membership goes to Marketo only. */
  static boolean salesforceDue(Activity activity) {
    return activity.kind().group() != ActivityKind.Group.CAMPAIGN;
  }

  static void ensureInSalesforce(SalesforceSimulator salesforce, Person p) {
    if (p.salesforceContactId() != null && salesforce.find("Contact", p.salesforceContactId()).isEmpty()) {
      salesforce.insert("Contact", p.salesforceContactId(), Map.of("LastName", "Person " + p.id()), "005000000000077SAL");
    } else if (p.salesforceContactId() == null && p.salesforceLeadId() != null && salesforce.find("Lead", p.salesforceLeadId()).isEmpty()) {
      salesforce.insert("Lead", p.salesforceLeadId(), Map.of("LastName", "Person " + p.id(), "IsConverted", false), "005000000000077SAL");
    }
  }

  private static Result oracle(Options o, Map<String, Integer> phases, int changes, int reconciliations, Tenant tenant, JdbcPersonStore store,
      JdbcActivityOutbox outbox, MarketoSimulator marketo, SalesforceSimulator salesforce, List<Activity> recorded,
      Map<PersonId, Person> expected, long started) {
    Outcome c = Outcome.of(tenant, store, outbox, marketo, salesforce, recorded, expected);
    return new Result(o.kills(), new LinkedHashMap<>(phases), reconciliations, c.expected(), c.stored(), c.missing(), c.extra(), c.different(), changes,
        c.activities(), c.activities(), c.marketoMissing(), c.marketoDuplicates(), c.salesforceExpected(), c.salesforceMissing(),
        c.salesforceDuplicates(), c.deadLetters(), c.pending(), Duration.ofNanos(System.nanoTime() - started));
  }

  /** What one tenant ended with: its store against Marketo's eligible people, its activities against what arrived. */
  record Outcome(int expected, int stored, int missing, int extra, int different, int activities, int marketoMissing,
      int marketoDuplicates, int salesforceExpected, int salesforceMissing, int salesforceDuplicates, long deadLetters, long pending) {

    /** Nothing lost, nothing duplicated at Salesforce, nothing stuck (Marketo duplicates are reported, not judged here). */
    boolean clean() {
      return missing == 0 && extra == 0 && different == 0 && marketoMissing == 0 && salesforceMissing == 0 && salesforceDuplicates == 0
          && deadLetters == 0 && pending == 0;
    }

    static Outcome of(Tenant tenant, JdbcPersonStore store, JdbcActivityOutbox outbox, MarketoSimulator marketo,
        SalesforceSimulator salesforce, List<Activity> recorded, Map<PersonId, Person> expected) {
      Map<PersonId, Person> stored = ExpectedPeople.storedIn(store);
      int missing = 0;
      int different = 0;
      for (Map.Entry<PersonId, Person> e : expected.entrySet()) {
        Person s = stored.get(e.getKey());
        if (s == null) {
          missing++;
        } else if (!s.equals(e.getValue())) {
          different++;
        }
      }
      int extra = (int) stored.keySet().stream().filter(id -> !expected.containsKey(id)).count();
      Map<String, Integer> inMarketo = new HashMap<>();
      for (Map<String, String> a : marketo.externalActivities()) {
        String id = a.get(MarketoActivitySink.ACTIVITY_ID_ATTRIBUTE);
        if (id != null) {
          inMarketo.merge(id, 1, Integer::sum);
        }
      }
      Map<String, Integer> inSalesforce = new HashMap<>();
      for (Map<String, Object> task : salesforce.records("Task")) {
        Object externalId = task.get(SalesforceSimulator.EXTERNAL_ID_FIELD);
        if (externalId != null) {
          inSalesforce.merge(externalId.toString(), 1, Integer::sum);
        }
      }
      int marketoMissing = 0;
      int marketoDuplicates = 0;
      int salesforceExpected = 0;
      int salesforceMissing = 0;
      int salesforceDuplicates = 0;
      for (Activity a : recorded) {
        int m = inMarketo.getOrDefault(a.id().value(), 0);
        marketoMissing += m == 0 ? 1 : 0;
        marketoDuplicates += Math.max(0, m - 1);
        if (salesforceDue(a)) {
          salesforceExpected++;
          int n = inSalesforce.getOrDefault(tenant.id() + ":" + a.id().value(), 0);
          salesforceMissing += n == 0 ? 1 : 0;
          salesforceDuplicates += Math.max(0, n - 1);
        }
      }
      long dead = 0;
      for (Destination destination : Destination.values()) {
        dead += outbox.counts(destination).getOrDefault(OutboxState.DEAD, 0L);
      }
      return new Outcome(expected.size(), stored.size(), missing, extra, different, recorded.size(), marketoMissing, marketoDuplicates,
          salesforceExpected, salesforceMissing, salesforceDuplicates, dead, KillSoak.pending(outbox));
    }
  }

  static Process start(Path config, Path log) throws IOException {
    return start(config, log, Map.of());
  }

  /** {@code unisync run --config config} in a new JVM, with {@code environment} added to the simulators' secrets. */
  static Process start(Path config, Path log, Map<String, String> environment) throws IOException {
    return start(config, log, environment, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
  }

  /** As above, the JVM started with {@code jvmOptions} (its heap, say). */
  static Process start(Path config, Path log, Map<String, String> environment, List<String> jvmOptions) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        "io.unisync.examples.UnisyncCli", "run", "--config", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("UNISYNC_MARKETO_CLIENT_SECRET", MarketoSimulator.CLIENT_SECRET);
    builder.environment().put("UNISYNC_SALESFORCE_CLIENT_SECRET", SalesforceSimulator.CLIENT_SECRET);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }
}
