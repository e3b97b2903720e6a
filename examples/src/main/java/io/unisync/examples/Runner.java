package io.unisync.examples;

import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.port.Fence;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoSettings;
import io.unisync.marketo.MarketoRateLimit;
import io.unisync.marketo.MarketoSnapshot;
import io.unisync.salesforce.Salesforce;
import io.unisync.salesforce.SalesforceAuth;
import io.unisync.salesforce.SalesforceSettings;
import java.time.Clock;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code unisync run}: wires every tenant of a {@link RunConfig} and runs them on schedules until stopped. The tenants
 * run under leases ({@link TenantRunner}), so several processes with one configuration (replicas) share them out
 * (about {@code tenants / replicas} each), never run one tenant twice at once, and take over the tenants of a
 * process that stops or dies. When started from a file, the file is read again every few seconds: tenants added,
 * removed or changed there are started, stopped or restarted without a restart of the process.
 */
public final class Runner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
  /** How often the configuration file is looked at for changes. */
  static final Duration RELOAD_EVERY = Duration.ofSeconds(5);

  private final JdbcDatabase db;
  private final Clock clock;
  /** Reads the configuration file again now and then; no run happens on it. */
  private final ScheduledExecutorService reloads;
  private volatile RunConfig config;
  /** Each tenant's clients, built with the configuration in the key; dropped when the tenant's configuration changes. */
  private final Map<String, Clients> clients = new ConcurrentHashMap<>();
  private final Map<String, SyncEngine> hostEngines = new ConcurrentHashMap<>();
  private @Nullable TenantRunner fleet;

  /** The clients of one tenant, and the configuration they were built from. */
  private record Clients(RunConfig.TenantConfig config, Marketo marketo, @Nullable Salesforce salesforce) {}

  private Runner(JdbcDatabase db, Clock clock, ScheduledExecutorService reloads, RunConfig config) {
    this.db = db;
    this.clock = clock;
    this.reloads = reloads;
    this.config = config;
  }

  /**
   * Where each schedule's state is kept for {@code unisync status} (another process): one entry per operation in the
   * tenant's watermark table, e.g. {@code run.person sync}.
   */
  static final String HEALTH_PREFIX = "run.";

  /** The operations whose state {@code unisync status} shows. */
  static final List<String> OPERATIONS = List.of("person sync", "activity delivery", "opt-out sync", "reminder sync");

  static String describe(SyncRunner.Health h) {
    String text = h.consecutiveFailures() == 0
        // written when the state changes, not on every run (a write per run of every operation of every tenant would be
        // the busiest table of all): the time is when the operation last turned ok, which is what an operator asks
        ? "ok since " + h.lastSuccess().map(Object::toString).orElse("?")
        : "FAILING since " + h.lastFailure().map(Object::toString).orElse("?") + " (" + h.consecutiveFailures() + " in a row"
            + h.notBefore().map(t -> ", next attempt after " + t).orElse("") + "): " + h.lastError().orElse("");
    return text.length() > 2_000 ? text.substring(0, 2_000) + "..." : text;
  }

  /** Connects, migrates, and starts the tenants of {@code config}, which stays as it is. */
  public static Runner start(RunConfig config) {
    return start(config, null, Map.of());
  }

  /**
   * Loads {@code file}, connects, migrates, and starts its tenants; then reads the file again every
   * {@link #RELOAD_EVERY} and follows changes to its tenants. A changed file with problems is reported in the log
   * and ignored (the tenants run on as they were); changes to the database, schedules or replica settings are
   * reported as needing a restart.
   *
   * @throws io.unisync.core.error.ConfigurationException the file has problems at start
   */
  public static Runner start(Path file, Map<String, String> environment) {
    return start(RunConfig.load(file, environment), file, environment);
  }

  private static Runner start(RunConfig config, @Nullable Path file, Map<String, String> environment) {
    Clock clock = Clock.systemUTC();
    JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.of(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword()), clock);
    try {
      db.migrate();
      Runner runner = new Runner(db, clock, Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "unisync-reload");
        t.setDaemon(true);
        return t;
      }), config);
      SyncRunner.Schedule.Builder scheduled = SyncRunner.Schedule.builder().personSync(config.personSyncEvery())
          .delivery(config.deliveryEvery()).optOuts(config.twoWayEvery()).reminders(config.twoWayEvery());
      config.reconcileEvery().ifPresent(scheduled::reconcile);
      config.deliveryWhenIdle().ifPresent(scheduled::deliveryWhenIdle);
      config.personSyncWhenIdle().ifPresent(scheduled::personSyncWhenIdle);
      SyncRunner.Schedule schedule = scheduled.build();
      Duration ttl = config.replicaLease();
      TenantRunner.Settings settings = TenantRunner.Settings.builder(config.replicaId(), schedule).group(config.replicaGroup())
          .lease(ttl, ttl.dividedBy(3)).maxTenants(config.replicaMaxTenants()).build();
      TenantRunner.Builder fleet = TenantRunner.builder(settings).leases(db.leases()).tenants(() -> Set.copyOf(runner.config.tenantIds()))
          .engines(runner::fencedEngine).clock(clock).healthChanged(runner::recordHealth);
      for (String tenant : config.tenantIds()) {
        // the first send-gate check of each tenant is then a read, not a token fetch plus a read, within its 1.5 s
        fleet.atStart(() -> runner.clients(tenant).marketo().warmUp());
      }
      runner.fleet = fleet.start();
      if (file != null) {
        runner.reloads.scheduleWithFixedDelay(new Reload(runner, file, environment), RELOAD_EVERY.toMillis(), RELOAD_EVERY.toMillis(),
            TimeUnit.MILLISECONDS);
      }
      return runner;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Reads the file again when it changed, and follows its tenants. */
  private static final class Reload implements Runnable {
    private final Runner runner;
    private final Path file;
    private final Map<String, String> environment;
    private @Nullable FileTime seen;

    Reload(Runner runner, Path file, Map<String, String> environment) {
      this.runner = runner;
      this.file = file;
      this.environment = environment;
      try {
        this.seen = Files.getLastModifiedTime(file);
      } catch (IOException e) {
        this.seen = null;
      }
    }

    @Override
    public void run() {
      try {
        FileTime modified = Files.getLastModifiedTime(file);
        if (modified.equals(seen)) {
          return;
        }
        seen = modified;
        runner.follow(RunConfig.load(file, environment));
      } catch (io.unisync.core.error.ConfigurationException e) {
        LOG.warn("The changed configuration {} is not used (the tenants run on as before): {}", file, e.getMessage());
      } catch (IOException | RuntimeException e) {
        LOG.warn("The configuration {} could not be read again; the tenants run on as before: {}", file, e.toString());
      }
    }
  }

  /** Takes a new configuration: new tenants are picked up, removed ones stopped, changed ones restarted. */
  void follow(RunConfig next) {
    RunConfig previous = config;
    if (!next.jdbcUrl().equals(previous.jdbcUrl()) || !next.jdbcUser().equals(previous.jdbcUser())
        || !next.personSyncEvery().equals(previous.personSyncEvery()) || !next.deliveryEvery().equals(previous.deliveryEvery())
        || !next.twoWayEvery().equals(previous.twoWayEvery()) || !next.replicaLease().equals(previous.replicaLease())
        || !next.deliveryWhenIdle().equals(previous.deliveryWhenIdle()) || !next.personSyncWhenIdle().equals(previous.personSyncWhenIdle())
        || !next.replicaGroup().equals(previous.replicaGroup()) || next.replicaMaxTenants() != previous.replicaMaxTenants()
        || !next.deliveryLease().equals(previous.deliveryLease())) {
      LOG.warn("The configuration's database, schedule, delivery or replica settings changed: they take effect at the next restart;"
          + " tenant changes are followed now");
    }
    config = next;
    for (RunConfig.TenantConfig tenant : next.tenants()) {
      RunConfig.TenantConfig before = previous.tenants().stream().filter(t -> t.id().equals(tenant.id())).findFirst().orElse(null);
      if (before != null && !before.equals(tenant)) {
        LOG.info("Tenant {}: its configuration changed; restarting it", tenant.id());
        clients.remove(tenant.id());
        hostEngines.remove(tenant.id());
        fleet().restart(tenant.id());
      }
    }
    for (RunConfig.TenantConfig gone : previous.tenants()) {
      if (!next.tenantIds().contains(gone.id())) {
        LOG.info("Tenant {}: no longer configured; stopping it", gone.id());
        clients.remove(gone.id());
        hostEngines.remove(gone.id());
      }
    }
    fleet().rebalance();
  }

  /** Set when {@link #close()} begins: from then on nothing is written to the database it is about to close. */
  private volatile boolean closing;

  /** Keeps an operation's health where {@code unisync status} reads it; nothing once closing (the pool may be gone). */
  private void recordHealth(String tenant, SyncRunner.Health health) {
    if (closing) {
      return;
    }
    try {
      db.watermarkStore(Tenant.of(tenant)).put(HEALTH_PREFIX + health.operation(), describe(health));
    } catch (io.unisync.core.error.SyncException e) {
      if (!closing) {
        throw e;
      }
    }
  }

  private TenantRunner fleet() {
    return java.util.Objects.requireNonNull(fleet, "fleet");
  }

  private RunConfig.TenantConfig tenantConfig(String tenant) {
    return config.tenants().stream().filter(t -> t.id().equals(tenant)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("tenant " + tenant + " is not in the configuration; it has " + config.tenantIds()));
  }

  /** The tenant's clients, built once per configuration of the tenant. */
  private Clients clients(String tenant) {
    RunConfig.TenantConfig t = tenantConfig(tenant);
    return clients.compute(tenant, (id, existing) -> existing != null && existing.config().equals(t) ? existing : connect(t));
  }

  private Clients connect(RunConfig.TenantConfig t) {
    MarketoSettings marketoSettings = marketoSettings(t);
    // Every process calling this instance draws on one budget in the database: replicas together, and a restarted
    // process after its predecessor, stay inside the instance's limits (also when two tenants share an instance).
    Marketo marketo = Marketo.connect(marketoSettings, clock,
        db.callBudget(marketoSettings.callBudgetName(), marketoSettings.callLimits()));
    // Salesforce reports the org's own count of the day's calls on every answer (Sforce-Limit-Info); each process
    // stops at its share of it, so replicas share the org's daily budget without a counter of ours.
    SalesforceSettings salesforceSettings = salesforceSettings(t);
    Salesforce salesforce = salesforceSettings == null ? null : Salesforce.connect(salesforceSettings, clock);
    return new Clients(t, marketo, salesforce);
  }

  /** Delivery as the file sets it: its lease, and calls cut a third of it (at most 30 s) before the lease ends. */
  static ActivityOptions activityOptions(RunConfig config) {
    return ActivityOptions.defaults().withLease(config.deliveryLease())
        .withClaimMargin(min(Duration.ofSeconds(30), config.deliveryLease().dividedBy(3)));
  }

  /** A tenant's Marketo settings as the file gives them (the rest at the library's defaults). */
  static MarketoSettings marketoSettings(RunConfig.TenantConfig t) {
    MarketoSettings settings = MarketoSettings.of(t.marketoUrl(), t.marketoClientId(), t.marketoClientSecret())
        .withBulk(true, t.snapshotStart(), MarketoSnapshot.DEFAULT_WINDOW, t.bulkPoll())
        .withRateLimit(t.callsPerWindow(), MarketoRateLimit.DEFAULT_WINDOW, MarketoRateLimit.DEFAULT_CONCURRENT, 1.0)
        .withCreateActivityTypes(t.createActivityTypes());
    return settings.toBuilder().snapshot(settings.snapshot().toBuilder().mixed(t.mixedSnapshot()).build()).build();
  }

  /** A tenant's Salesforce settings, when the file names an org. */
  static @Nullable SalesforceSettings salesforceSettings(RunConfig.TenantConfig t) {
    return t.salesforce().isEmpty() ? null : SalesforceSettings.of(t.salesforceTokenUrl(),
        new SalesforceAuth.ClientCredentials(t.salesforceClientId(), t.salesforceClientSecret()));
  }

  private SyncEngine fencedEngine(String tenant, Fence fence) {
    return engine(db, Tenant.of(tenant), clients(tenant), config, clock, fence);
  }

  /** The tenant's engine; its stores fenced by {@code fence}, or not (the host-facing engine: recording, reads, the send gate). */
  private static SyncEngine engine(JdbcDatabase db, Tenant tenant, Clients clients, RunConfig config, Clock clock, @Nullable Fence fence) {
    Marketo marketo = clients.marketo();
    Salesforce salesforce = clients.salesforce();
    SyncEngine.Builder builder = SyncEngine.builder()
        .clock(clock)
        .activityOptions(activityOptions(config));
    if (salesforce == null) {
      builder.wiredTo(db.stores(tenant), marketo);
    } else {
      builder.wiredTo(db.stores(tenant), marketo, salesforce, tenant.id());
    }
    if (fence != null) {
      builder.fencedBy(fence);
    }
    return builder.build();
  }

  /**
   * The host-facing engine of {@code tenant}: record activities, read people, ask the send gate. Its stores are not
   * fenced (the outbox needs no lease, reads take none).
   */
  public SyncEngine engine(String tenant) {
    Clients c = clients(tenant);
    return hostEngines.computeIfAbsent(tenant, id -> engine(db, Tenant.of(id), c, config, clock, null));
  }

  /** The host-facing engine of the configuration's only tenant. */
  public SyncEngine engine() {
    return engine(config.onlyTenant().id());
  }

  /** How each schedule of {@code tenant} is doing (last success, last error, backoff); empty while another replica runs it. */
  public List<SyncRunner.Health> health(String tenant) {
    return fleet().health(tenant);
  }

  /** The tenants this process runs now (holds the leases of). */
  public java.util.Set<String> runningTenants() {
    return fleet().tenants();
  }

  /** The configuration in use (the latest good one read from the file). */
  public RunConfig config() {
    return config;
  }

  /** Waits up to {@code timeout} for the schedules to end; returns the {@link Error} that ended them, if one did. */
  public Optional<Error> awaitStop(Duration timeout) throws InterruptedException {
    return fleet().awaitStop(timeout);
  }

  /** Stops the schedules and gives the leases back, lets runs in progress finish (up to 30 s), closes the database. */
  @Override
  public void close() {
    closing = true;
    try {
      reloads.shutdownNow();
      fleet().close(); // gives the leases back, lets runs in progress end (up to the schedule's grace), ends the pool
    } finally {
      db.close();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
