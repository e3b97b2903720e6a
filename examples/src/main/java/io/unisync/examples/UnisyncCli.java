package io.unisync.examples;

import io.unisync.core.engine.GateDecision;
import io.unisync.core.port.MarketingActivity;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code unisync} command line. */
@Command(name = "unisync", mixinStandardHelpOptions = true, version = "unisync 0.1.0-SNAPSHOT",
    description = "Unisync: Marketo people into the Actions store, sales activities back out.",
    subcommands = {UnisyncCli.DemoCommand.class, UnisyncCli.RunCommand.class, UnisyncCli.StatusCommand.class,
        UnisyncCli.ReconcileCommand.class, UnisyncCli.SimulateCommand.class})
public final class UnisyncCli implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new UnisyncCli()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** {@code unisync run}: real instances from a configuration file, until SIGINT or SIGTERM. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Runs the initial sync if needed, then the incremental sync, activity delivery and two-way syncs on schedules until interrupted.")
  static final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "the YAML configuration file")
    java.nio.file.Path config;

    @Override
    public Integer call() throws Exception {
      java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
      Runner runner;
      try {
        runner = Runner.start(config, System.getenv());
      } catch (io.unisync.core.error.ConfigurationException e) {
        System.err.println(e.getMessage());
        return 2;
      } catch (io.unisync.core.error.SyncException e) {
        System.err.println("unisync could not start: " + e.getMessage());
        return 1;
      }
      System.out.println("unisync running as replica " + runner.config().replicaId() + " for tenants " + runner.config().tenantIds()
          + " (shared with the other replicas); stop with Ctrl-C or SIGTERM");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        System.out.println("unisync stopping: finishing the runs in progress...");
        runner.close();
        stopped.countDown();
      }, "unisync-shutdown"));
      while (stopped.getCount() > 0) {
        java.util.Optional<Error> fatal = runner.awaitStop(java.time.Duration.ofSeconds(1));
        if (fatal.isPresent()) {
          // An Error (out of memory, ...) ended the schedules: exit loudly instead of looking alive.
          System.err.println("unisync stopped by " + fatal.get() + "; restart it once the cause is fixed (no progress is lost)");
          return 1;
        }
      }
      return 0;
    }
  }

  /** {@code unisync status}: checkpoint, backlog by state, last errors. */
  @Command(name = "status", mixinStandardHelpOptions = true, description = "Prints the checkpoint, the activity backlog by state and the last errors.")
  static final class StatusCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "the YAML configuration file")
    java.nio.file.Path config;

    @Override
    public Integer call() {
      RunConfig settings;
      try {
        settings = RunConfig.load(config, System.getenv(), java.time.Clock.systemUTC(), RunConfig.Secrets.NOT_NEEDED); // reads the database alone
      } catch (io.unisync.core.error.ConfigurationException e) {
        System.err.println(e.getMessage());
        return 2;
      }
      try {
        System.out.print(Status.describe(settings));
      } catch (RuntimeException e) {
        // one line, not a stack trace: most often an H2 file another process holds
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
        System.err.println("unisync status: cannot read the database: " + message);
        if (settings.jdbcUrl().toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:")) {
          System.err.println("An H2 file is open in one process at a time: while `unisync run` holds it, add ;AUTO_SERVER=TRUE to"
              + " database.url (for both), or use PostgreSQL.");
        }
        return 1;
      }
      return 0;
    }
  }

  /** {@code unisync reconcile}: start a reconciliation, or measure the drift with a dry run. */
  @Command(name = "reconcile", mixinStandardHelpOptions = true,
      description = "Starts a full reconciliation of a tenant (its replica carries it out), or with --dry-run prints the drift between the store and Marketo.")
  static final class ReconcileCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "the YAML configuration file")
    java.nio.file.Path config;

    @Option(names = "--tenant", description = "the tenant (default: the file's only one)")
    String tenant;

    @Option(names = "--dry-run", description = "only count the drift here; write nothing")
    boolean dryRun;

    @Override
    public Integer call() {
      RunConfig settings;
      try {
        settings = RunConfig.load(config, System.getenv());
        return Reconcile.run(settings, tenant != null ? tenant : settings.onlyTenant().id(), dryRun, System.out);
      } catch (io.unisync.core.error.ConfigurationException | IllegalArgumentException | IllegalStateException e) {
        System.err.println(e.getMessage());
        return 2;
      } catch (io.unisync.core.error.SyncException e) {
        System.err.println("unisync could not reconcile: " + e.getMessage());
        return 1;
      }
    }
  }

  /** {@code unisync demo}: the whole mission against the bundled simulators. */
  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Runs the sync against the bundled Marketo simulator and an embedded H2 database, and prints a summary.")
  static final class DemoCommand implements Callable<Integer> {

    @Option(names = "--people", defaultValue = "100000", description = "synthetic people in Marketo (default ${DEFAULT-VALUE})")
    int people;

    @Option(names = "--activities", defaultValue = "10000", description = "sales activities to record and deliver (default ${DEFAULT-VALUE})")
    int activities;

    @Option(names = "--jdbc-url", description = "a PostgreSQL or H2 JDBC URL instead of a fresh embedded H2 file")
    String jdbcUrl;

    @Override
    public Integer call() throws Exception {
      Demo.Result r = Demo.run(new Demo.Options(people, jdbcUrl, activities, System.out));
      System.out.println();
      System.out.println("Summary");
      row("people eligible in Marketo (have a sales owner)", String.format(Locale.ROOT, "%,d", r.eligibleInSource()));
      row("people in the store", String.format(Locale.ROOT, "%,d", r.peopleInStore()));
      row("drift the feeds never reported: found / repaired", r.driftFound() + " / " + r.driftRepaired());
      row("store equals Marketo's eligible people", r.storeMatchesSource() ? "yes" : "NO");
      row("initial sync, Marketo's export waits included", String.format(Locale.ROOT, "%,d read in %.1f s (%,.0f people/s)", r.initial().read(),
          r.initial().elapsed().toMillis() / 1000.0, r.initial().read() / Math.max(0.001, r.initial().elapsed().toMillis() / 1000.0)));
      row("incremental: written / removed", r.changes().upserted() + " / " + r.changes().removed());
      row("removed from the store (initial + incremental)", Long.toString(r.initial().removed() + r.changes().removed()));
      row("rejected records (quarantined)", Long.toString(r.quarantined().size()));
      for (Map.Entry<String, Long> reason : Demo.reasons(r.quarantined()).entrySet()) {
        row("  " + reason.getValue() + " x", reason.getKey());
      }
      row("activities delivered to Marketo", String.format(Locale.ROOT, "%,d", r.delivered()));
      row("activities delivered to Salesforce (as Tasks)", String.format(Locale.ROOT, "%,d", r.deliveredSalesforce()));
      row("dead letters", Long.toString(r.deadLetters()));
      row("Marketo API calls used", String.format(Locale.ROOT, "%,d", r.marketoCalls()));
      row("Salesforce API calls used", String.format(Locale.ROOT, "%,d", r.salesforceCalls()));
      row("reminder completed in Salesforce, in Actions", r.reminderCompletedInSalesforceCameBack() ? "completed" : "NOT completed");
      row("send gate, person opted out in Salesforce", describe(r.gateForCrmOptOut()));
      row("send gate, unsubscribed person", describe(r.gateForUnsubscribed()));
      row("send gate, subscribed person", describe(r.gateForSubscribed()));
      row("Smart Grid, one person", r.smartGrid().size() + " activities, newest: "
          + r.smartGrid().stream().findFirst().map(MarketingActivity::type).orElse("none"));
      return r.storeMatchesSource() ? 0 : 1;
    }

    private static String describe(GateDecision decision) {
      return decision instanceof GateDecision.Blocked b ? "Blocked: " + b.reason() : "Allowed";
    }

    private static void row(String name, String value) {
      System.out.printf(Locale.ROOT, "  %-48s %s%n", name, value);
    }
  }

  /** {@code unisync simulate}: the simulators on fixed ports, to try the library, the CLI or the starter against. */
  @Command(name = "simulate", mixinStandardHelpOptions = true,
      description = "Starts the bundled Marketo and Salesforce simulators on 127.0.0.1 with fast-time settings, prints how to point"
          + " the library, the CLI and Spring Boot at them, and runs until interrupted.")
  static final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--people", defaultValue = "3000", description = "synthetic people in Marketo (default ${DEFAULT-VALUE})")
    int people;

    @Option(names = "--marketo-port", defaultValue = "" + Simulate.MARKETO_PORT, description = "default ${DEFAULT-VALUE}")
    int marketoPort;

    @Option(names = "--salesforce-port", defaultValue = "" + Simulate.SALESFORCE_PORT, description = "default ${DEFAULT-VALUE}")
    int salesforcePort;

    @Override
    public Integer call() throws InterruptedException {
      io.unisync.testkit.sim.Simulators simulators;
      try {
        simulators = io.unisync.testkit.sim.Simulators.start(people, marketoPort, salesforcePort, java.time.Clock.systemUTC());
      } catch (java.io.UncheckedIOException e) {
        System.err.println(e.getMessage() + ": choose others with --marketo-port and --salesforce-port");
        return 1;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(simulators::close));
      Simulate.describe(simulators, people, System.out);
      Thread.currentThread().join(); // until SIGINT or SIGTERM
      return 0;
    }
  }
}
