package io.unisync.core.engine;

import io.unisync.core.error.ConfigurationException;
import io.unisync.core.error.SyncException;
import io.unisync.core.port.Fence;
import io.unisync.core.port.Lease;
import io.unisync.core.port.Leases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sync of many tenants across several replicas that share one database. Each replica runs one
 * {@code TenantRunner}; together they spread the tenants between them through {@link Leases}:
 *
 * <ul>
 *   <li>every round ({@link Settings#renewEvery()}), a replica renews the leases it holds (all in one
 *       {@link Leases#renewAll} call), marks itself present (a lease on one of {@link Settings#maxReplicas()} replica
 *       slots), counts the replicas present (one {@link Leases#currentAll} read), and takes
 *       free tenants up to its fair share ({@code tenants / replicas}, one more for the first {@code tenants % replicas}
 *       replicas by slot; at most {@link Settings#maxTenants()}) or gives up tenants above it, so 3 replicas and 12
 *       tenants end with 4 each, and 1,000 tenants with 334, 333 and 333;
 *   <li>for each tenant it holds (its lease is named {@link #leaseName(String) tenant/&lt;id&gt;}), it runs a
 *       {@link SyncRunner} over an engine whose stores are fenced by the lease ({@link Engines#engineFor}): if the lease is taken over, the tenant's next write fails with
 *       {@link io.unisync.core.error.LeaseLostException} and that tenant stops at once; a renewal that fails
 *       stops it too;
 *   <li>the set of tenants is read every round ({@code tenants}), so tenants can come and go while running;
 *   <li>a replica that dies stops renewing: after the lease's time to live the others take its tenants over;
 *       {@link #close()} releases every lease at once instead.
 * </ul>
 * Built with {@link #builder(Settings)}. Thread-safe: rounds run on the executor; {@link #rebalance()} may also be
 * called directly (tests).
 */
public final class TenantRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TenantRunner.class);
  /** Lease names: tenants and replica slots (per group) live apart ({@code /} is not allowed in a tenant id). */
  private static final String SLOT = "replica/";
  private static final String TENANT = Fence.TENANT_LEASE_PREFIX;

  /** Builds the engine of one tenant, its stores fenced by the tenant's lease. */
  @FunctionalInterface
  public interface Engines {
    /**
     * @param tenant the tenant to run
     * @param fence the fence every store write of this engine must carry ({@code store.fencedBy(fence)})
     * @return the engine
     */
    SyncEngine engineFor(String tenant, Fence fence);
  }

  /**
   * How a replica takes part.
   *
   * @param group the replicas that share one set of tenants (their replica slots are counted together); replicas
   *     of other groups in the same database do not change this group's shares
   * @param replicaId this replica's name (for example the pod name); the leases are held by it plus a part unique to
   *     each running runner ({@link TenantRunner#holder()}), so replicas given one name are still separate holders
   * @param leaseTtl how long a lease lasts unless renewed: how long a dead replica's tenants wait
   * @param renewEvery how often leases are renewed and tenants rebalanced (well under {@code leaseTtl})
   * @param maxTenants the most tenants this replica runs at once
   * @param maxReplicas how many replica slots exist (replicas beyond it run nothing)
   * @param schedule each tenant's operations
   */
  public record Settings(String group, String replicaId, Duration leaseTtl, Duration renewEvery, int maxTenants, int maxReplicas,
      SyncRunner.Schedule schedule) {

    /** The group replicas are in unless set. */
    public static final String DEFAULT_GROUP = "unisync";
    /** How long a lease lives unrenewed, unless set. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(30);
    /** How often leases are renewed, unless set. */
    public static final Duration DEFAULT_RENEW_EVERY = Duration.ofSeconds(10);
    /** The most tenants one replica runs, unless set. */
    public static final int DEFAULT_MAX_TENANTS = 100;
    /** The replica slots of a group, unless set. */
    public static final int DEFAULT_MAX_REPLICAS = 64;

    /**
     * Checks every setting; lists every problem.
     *
     * @param group the replicas that share one set of tenants (their replica slots are counted together); replicas of
     *     other groups in the same database do not change this group's shares
     * @param replicaId this replica's name (for example the pod name); the leases are held by it plus a part unique to
     *     each running runner ({@link TenantRunner#holder()}), so replicas given one name are still separate holders
     * @param leaseTtl how long a lease lasts unless renewed: how long a dead replica's tenants wait
     * @param renewEvery how often leases are renewed and tenants rebalanced (well under {@code leaseTtl})
     * @param maxTenants the most tenants this replica runs at once
     * @param maxReplicas how many replica slots exist (replicas beyond it run nothing)
     * @param schedule each tenant's operations
     */
    public Settings {
      List<String> problems = new ArrayList<>();
      if (group == null || group.isBlank() || group.contains("/")) {
        problems.add("group must not be blank nor contain '/'");
      }
      if (replicaId == null || replicaId.isBlank()) {
        problems.add("replicaId must not be blank");
      }
      if (leaseTtl == null || renewEvery == null || renewEvery.isNegative() || renewEvery.isZero()
          || renewEvery.multipliedBy(2).compareTo(leaseTtl) > 0) {
        problems.add("renewEvery must be positive and at most half of leaseTtl, so a lease is renewed before it lapses");
      }
      if (maxTenants < 1) {
        problems.add("maxTenants must be at least 1");
      }
      if (maxReplicas < 1 || maxReplicas > 1_000) {
        problems.add("maxReplicas must be between 1 and 1000");
      }
      if (schedule == null) {
        problems.add("schedule is required");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException("TenantRunner.Settings", problems);
      }
    }

    /**
     * In group {@code unisync}: leases of 30 s renewed every 10 s, up to 100 tenants and 64 replicas.
     *
     * @param replicaId this replica's id, unique in the group
     * @param schedule each tenant's periods
     * @return the settings
     */
    public static Settings of(String replicaId, SyncRunner.Schedule schedule) {
      return builder(replicaId, schedule).build();
    }

    /**
     * A builder holding {@link #of}'s defaults, for the replica {@code replicaId} running each tenant on {@code
     * schedule}.
     *
     * @param replicaId this replica's id, unique in the group
     * @param schedule each tenant's periods
     * @return the builder
     */
    public static Builder builder(String replicaId, SyncRunner.Schedule schedule) {
      return new Builder(replicaId, schedule);
    }

    /** {@return a builder holding these settings} */
    public Builder toBuilder() {
      return new Builder(replicaId, schedule).group(group).lease(leaseTtl, renewEvery).maxTenants(maxTenants).maxReplicas(maxReplicas);
    }

    /** One setter per knob, each starting at its default; {@link #build()} lists every problem at once. */
    public static final class Builder {
      private String replicaId;
      private SyncRunner.Schedule schedule;
      private String group = DEFAULT_GROUP;
      private Duration leaseTtl = DEFAULT_LEASE_TTL;
      private Duration renewEvery = DEFAULT_RENEW_EVERY;
      private int maxTenants = DEFAULT_MAX_TENANTS;
      private int maxReplicas = DEFAULT_MAX_REPLICAS;

      private Builder(String replicaId, SyncRunner.Schedule schedule) {
        this.replicaId = replicaId;
        this.schedule = schedule;
      }

      /**
       * The replicas that share tenants: the leases' prefix (a service's name).
       *
       * @param value the group's name
       * @return this builder
       */
      public Builder group(String value) {
        this.group = value;
        return this;
      }

      /**
       * How long a tenant's lease lives unrenewed, and how often it is renewed (at most half of it).
       *
       * @param ttl the lease's life
       * @param renewEvery the renewal period
       * @return this builder
       */
      public Builder lease(Duration ttl, Duration renewEvery) {
        this.leaseTtl = ttl;
        this.renewEvery = renewEvery;
        return this;
      }

      /**
       * The most tenants this replica runs at once.
       *
       * @param value the most tenants
       * @return this builder
       */
      public Builder maxTenants(int value) {
        this.maxTenants = value;
        return this;
      }

      /**
       * The most replicas the group is sized for (its fair share of tenants is counted from the live ones).
       *
       * @param value the most replicas
       * @return this builder
       */
      public Builder maxReplicas(int value) {
        this.maxReplicas = value;
        return this;
      }

      /**
       * The settings.
       *
       * @throws ConfigurationException listing every problem
       * @return the settings
       */
      public Settings build() {
        return new Settings(group, replicaId, leaseTtl, renewEvery, maxTenants, maxReplicas, schedule);
      }
    }
  }

  private final Settings settings;
  private final Leases leases;
  private final Supplier<Set<String>> tenants;
  private final Engines engines;
  private final ScheduledExecutorService executor;
  /** Whether {@link #close()} shuts {@link #executor} down: the runner made it. */
  private final boolean ownsExecutor;
  private final Duration shutdownGrace;
  private final Clock clock;
  private final BiConsumer<String, SyncRunner.Health> healthChanged;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile @Nullable Error fatal;
  private final Map<String, Running> running = new LinkedHashMap<>(); // guarded by this
  private Optional<Lease> slot = Optional.empty(); // guarded by this
  private boolean closed; // guarded by this
  private @Nullable ScheduledFuture<?> rounds;

  /** One tenant this replica runs. */
  private record Running(Lease lease, SyncRunner runner, SyncListener listener) {}

  /**
   * Whom the leases are held by: the configured replica id and a part drawn when this runner is made, so two processes
   * that were given one id (a configuration file shared by every replica) are still two holders and never both hold a
   * tenant. The lease table shows which process holds what.
   */
  private final String holder;

  private TenantRunner(Builder b, Leases leases, Supplier<Set<String>> tenants, Engines engines) {
    this.holder = b.settings.replicaId() + "#" + java.util.UUID.randomUUID().toString().substring(0, 8);
    this.settings = b.settings;
    this.leases = leases;
    this.tenants = tenants;
    this.engines = engines;
    this.healthChanged = b.healthChanged;
    this.clock = b.clock;
    this.ownsExecutor = b.executor == null;
    this.executor = b.executor != null ? b.executor
        : OwnedExecutor.create("unisync-" + b.settings.replicaId(), Math.max(2, Math.min(16, 2 * b.settings.maxTenants())));
    this.shutdownGrace = b.shutdownGrace != null ? b.shutdownGrace : b.settings.schedule().gracePeriod();
  }

  /**
   * A runner for a replica with these settings; the builder's {@link Builder#start()} starts it. Every host (the CLI,
   * the Spring Boot starter, a service of your own) only configures it:
   *
   * <pre>{@code
   * TenantRunner runner = TenantRunner.builder(settings)
   *     .leases(db.leases())
   *     .tenants(() -> Set.of("acme", "globex"))
   *     .engines((tenant, fence) -> SyncEngine.builder().wiredTo(db.stores(Tenant.of(tenant)), marketo).fencedBy(fence).build())
   *     .start();
   * ...
   * runner.close(); // gives every lease back, lets runs in progress end, shuts its pool down
   * }</pre>
   *
   * @param settings the replica's settings
   * @return the builder
   */
  public static Builder builder(Settings settings) {
    return new Builder(settings);
  }

  /**
   * What a replica runs, and on what. Required: {@link #leases}, {@link #tenants} and {@link #engines}; everything else
   * has a default. {@link #start()} and {@link #create()} list every missing part at once.
   */
  public static final class Builder {
    private final Settings settings;
    private @Nullable Leases leases;
    private @Nullable Supplier<Set<String>> tenants;
    private @Nullable Engines engines;
    private @Nullable ScheduledExecutorService executor;
    private @Nullable Duration shutdownGrace;
    private Clock clock = Clock.systemUTC();
    private BiConsumer<String, SyncRunner.Health> healthChanged = (tenant, health) -> { };
    private final List<Runnable> atStart = new ArrayList<>();

    private Builder(Settings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The leases the replicas share, in the database the tenants' stores write to (their fences are checked there):
     * {@code JdbcDatabase.leases()}.
     *
     * @param value the leases
     * @return this builder
     */
    public Builder leases(Leases value) {
      this.leases = value;
      return this;
    }

    /**
     * The tenants to run, read again every round, so tenants can come and go while running.
     *
     * @param value the tenants' supplier
     * @return this builder
     */
    public Builder tenants(Supplier<Set<String>> value) {
      this.tenants = value;
      return this;
    }

    /**
     * A fixed set of tenants.
     *
     * @param value the tenants
     * @return this builder
     */
    public Builder tenants(Set<String> value) {
      Set<String> copy = Set.copyOf(value);
      this.tenants = () -> copy;
      return this;
    }

    /**
     * Builds each tenant's engine, its stores fenced by the tenant's lease.
     *
     * @param value the engine factory
     * @return this builder
     */
    public Builder engines(Engines value) {
      this.engines = value;
      return this;
    }

    /**
     * The pool that runs the rounds and every tenant's operations, owned by the caller (who shuts it down). Without
     * one the runner makes its own (daemon threads, sized by {@link Settings#maxTenants()}, 2 to 16) and shuts it down
     * in {@link TenantRunner#close()}.
     *
     * @param value the executor
     * @return this builder
     */
    public Builder executor(ScheduledExecutorService value) {
      this.executor = value;
      return this;
    }

    /**
     * How long {@link TenantRunner#close()} waits for runs in progress before interrupting them, when the runner owns
     * its pool; the schedule's {@link SyncRunner.Schedule#gracePeriod()} unless set.
     *
     * @param value the grace period
     * @return this builder
     */
    public Builder shutdownGrace(Duration value) {
      this.shutdownGrace = value;
      return this;
    }

    /**
     * The clock of backoff, health and lease validity (a {@code ManualClock} in tests); the system's UTC clock unless
     * set.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Told when a tenant's operation first succeeds, fails or recovers, on the thread that ran it (see {@link
     * SyncRunner.Health}); what it throws is logged and ignored.
     *
     * @param value the listener
     * @return this builder
     */
    public Builder healthChanged(BiConsumer<String, SyncRunner.Health> value) {
      this.healthChanged = Objects.requireNonNull(value, "healthChanged");
      return this;
    }

    /**
     * A task run once on the runner's pool when it starts, beside the first round (for example warming a client up, so
     * the first send-gate check does not also fetch a token). What it throws is logged and ignored.
     *
     * @param task the task
     * @return this builder
     */
    public Builder atStart(Runnable task) {
      this.atStart.add(Objects.requireNonNull(task, "task"));
      return this;
    }

    /**
     * Starts the rounds (the first at once) and the {@link #atStart} tasks.
     *
     * @throws ConfigurationException listing every missing or bad part
     * @return the started runner
     */
    public TenantRunner start() {
      TenantRunner runner = create();
      for (Runnable task : atStart) {
        runner.executor.execute(() -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.warn("Replica {}: a start-up task failed; the runner goes on: {}", settings.replicaId(), e.toString());
          } catch (Error e) {
            runner.onFatal(e); // as in a round: the replica ends loudly instead of looking alive
          }
        });
      }
      runner.rounds = runner.executor.scheduleWithFixedDelay(runner::safeRebalance, 0, settings.renewEvery().toMillis(),
          TimeUnit.MILLISECONDS);
      return runner;
    }

    /**
     * A runner whose rounds the caller drives with {@link TenantRunner#rebalance()} (tests, and hosts with a scheduler
     * of their own); the {@link #atStart} tasks do not run.
     *
     * @throws ConfigurationException listing every missing or bad part
     * @return the runner
     */
    public TenantRunner create() {
      List<String> problems = new ArrayList<>();
      if (leases == null) {
        problems.add("leases are required (the database's: JdbcDatabase.leases())");
      }
      if (tenants == null) {
        problems.add("tenants are required");
      }
      if (engines == null) {
        problems.add("engines are required");
      }
      if (shutdownGrace != null && (shutdownGrace.isNegative() || shutdownGrace.isZero())) {
        problems.add("shutdownGrace must be a positive duration");
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException("TenantRunner", problems);
      }
      return new TenantRunner(this, Objects.requireNonNull(leases), Objects.requireNonNull(tenants), Objects.requireNonNull(engines));
    }
  }

  /**
   * How the operations of {@code tenant} are doing here; empty when this replica does not run it.
   *
   * @param tenant the tenant
   * @return the health of each operation
   */
  public synchronized List<SyncRunner.Health> health(String tenant) {
    Running r = running.get(tenant);
    return r == null ? List.of() : r.runner().health();
  }

  /** {@return the {@link Error} that ended this replica's run, if one did (every tenant is stopped and released then)} */
  public Optional<Error> fatalError() {
    return Optional.ofNullable(fatal);
  }

  /**
   * Waits up to {@code timeout} for the run to end (an {@link Error} or {@link #close()}); returns the error, if any.
   *
   * @param timeout the longest wait
   * @return the error that ended the run, if one did
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public Optional<Error> awaitStop(Duration timeout) throws InterruptedException {
    stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return fatalError();
  }

  /** {@return the tenants this replica runs now} */
  public synchronized Set<String> tenants() {
    return Set.copyOf(running.keySet());
  }

  /**
   * The lease this replica holds on {@code tenant}, if it runs it.
   *
   * @param tenant the tenant
   * @return the lease, if held
   */
  public synchronized Optional<Lease> lease(String tenant) {
    return Optional.ofNullable(running.get(tenant)).map(Running::lease);
  }

  /** A scheduled round: nothing may escape into the executor, which would cancel the rounds silently. */
  private void safeRebalance() {
    try {
      rebalance();
    } catch (SyncException e) {
      LOG.warn("Replica {}: a lease round failed; the next one tries again: {}", settings.replicaId(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("Replica {}: a lease round failed unexpectedly; the next one tries again", settings.replicaId(), e);
    } catch (Error e) {
      onFatal(e);
    }
  }

  /**
   * One round: renew, drop what was lost or is no longer configured, count the replicas, then take or give up
   * tenants toward the fair share.
   */
  public synchronized void rebalance() {
    if (closed) {
      return;
    }
    Duration ttl = settings.leaseTtl();
    Set<String> configured = new TreeSet<>(tenants.get());
    // every lease this replica holds (its tenants' and its slot) renewed in one call: one transaction per round
    List<Lease> held = new ArrayList<>();
    running.values().stream().filter(r -> !r.runner().isStopped()).forEach(r -> held.add(r.lease()));
    slot.ifPresent(held::add);
    Map<String, Lease> renewed = leases.renewAll(held, ttl);
    for (String tenant : List.copyOf(running.keySet())) {
      Running r = Objects.requireNonNull(running.get(tenant));
      Lease lease = renewed.get(r.lease().name());
      if (lease == null || r.runner().isStopped() || !configured.contains(tenant)) {
        stopTenant(tenant, lease == null ? "its lease was lost" : "it is no longer configured");
        if (lease != null) {
          leases.release(lease);
        }
      } else {
        running.put(tenant, new Running(lease, r.runner(), r.listener()));
      }
    }
    slot = slot.map(s -> renewed.get(s.name()));
    int[] presence = presentReplicas();
    if (slot.isEmpty()) {
      return; // no slot free: this replica runs nothing
    }
    int share = Math.min(settings.maxTenants(), share(configured.size(), presence[0], presence[1]));
    if (running.size() > share) {
      // above the fair share: give the most recently taken ones back, the others pick them up
      List<String> extra = new ArrayList<>(running.keySet()).subList(share, running.size());
      for (String tenant : List.copyOf(extra)) {
        Running r = Objects.requireNonNull(running.get(tenant));
        stopTenant(tenant, "this replica holds more than its share of " + share);
        leases.release(r.lease());
      }
      return;
    }
    if (running.size() >= share) {
      return;
    }
    List<String> candidates = new ArrayList<>(configured);
    candidates.removeAll(running.keySet());
    // one read tells which are free (never held, released, or lapsed): only those are tried, one transaction each
    Map<String, Lease> stored = leases.currentAll(candidates.stream().map(TenantRunner::leaseName).toList());
    Instant now = clock.instant();
    candidates.removeIf(t -> {
      Lease l = stored.get(leaseName(t));
      return l != null && l.isValidAt(now) && !l.holder().equals(holder);
    });
    // every replica walks the tenants in its own order, so they rarely race for the same one
    candidates.sort(Comparator.comparingInt(t -> (t + "@" + settings.replicaId()).hashCode()));
    for (String tenant : candidates) {
      if (running.size() >= share) {
        break;
      }
      leases.acquire(leaseName(tenant), holder, ttl).ifPresent(lease -> startTenant(tenant, lease));
    }
  }

  /**
   * Stops {@code tenant} here, if this replica runs it, and gives its lease back; a later round takes it again (here
   * or on another replica) with a new engine. For a tenant whose configuration changed.
   *
   * @param tenant the tenant
   */
  public synchronized void restart(String tenant) {
    Running r = running.get(tenant);
    if (r != null) {
      stopTenant(tenant, "it is restarted");
      leases.release(r.lease());
    }
  }

  /** {@return the holder name this runner's leases carry: {@code <replica id>#<a part unique to this runner>}} */
  public String holder() {
    return holder;
  }

  /**
   * The name of a tenant's lease: the name its fences carry.
   *
   * @param tenant the tenant
   * @return the lease's name
   */
  public static String leaseName(String tenant) {
    return TENANT + tenant;
  }

  /**
   * The fair share of the replica ranked {@code rank} (0-based, by slot) among {@code replicas}: {@code tenants /
   * replicas}, one more for the first {@code tenants % replicas} of them, so the shares add up to the tenants exactly
   * and no two replicas differ by more than one (1,000 tenants on 3 replicas: 334, 333, 333).
   *
   * @param tenants the tenants configured
   * @param replicas the replicas present
   * @param rank this replica's rank among them
   * @return how many tenants it should run
   */
  static int share(int tenants, int replicas, int rank) {
    int n = Math.max(1, replicas);
    return tenants / n + (rank < tenants % n ? 1 : 0);
  }

  /**
   * Takes a slot if this replica has none, and counts the slots held by live replicas (this one included) in one read;
   * returns that count and this replica's rank among them (by slot number).
   */
  private int[] presentReplicas() {
    Duration ttl = settings.leaseTtl();
    List<String> names = new ArrayList<>();
    for (int n = 0; n < settings.maxReplicas(); n++) {
      names.add(SLOT + settings.group() + "/" + n);
    }
    Map<String, Lease> stored = new java.util.HashMap<>(leases.currentAll(names));
    Instant now = clock.instant();
    if (slot.isEmpty()) {
      for (String name : names) {
        Lease l = stored.get(name);
        if (l == null || !l.isValidAt(now)) {
          slot = leases.acquire(name, holder, ttl);
          if (slot.isPresent()) {
            stored.put(name, slot.get());
            break;
          }
        }
      }
    }
    int present = 0;
    int rank = 0;
    for (String name : names) {
      Lease l = stored.get(name);
      boolean mine = slot.isPresent() && slot.get().name().equals(name);
      if (mine) {
        rank = present;
      }
      if (mine || (l != null && l.isValidAt(now) && !l.holder().equals(holder))) {
        present++;
      }
    }
    return new int[] {Math.max(1, present), rank};
  }

  private void startTenant(String tenant, Lease lease) {
    SyncEngine engine;
    try {
      engine = engines.engineFor(tenant, lease.fence());
    } catch (RuntimeException e) {
      LOG.warn("Replica {} could not build the engine of tenant {}; giving the lease back: {}", settings.replicaId(), tenant,
          e.getMessage());
      leases.release(lease);
      return;
    }
    SyncRunner runner = SyncRunner.start(engine, settings.schedule(), executor, clock, health -> healthChanged.accept(tenant, health),
        () -> onLeaseLost(tenant), this::onFatal);
    running.put(tenant, new Running(lease, runner, engine.listener()));
    engine.listener().onLeaseAcquired(lease);
    LOG.info("Replica {} runs tenant {} (lease epoch {}, holder {})", settings.replicaId(), tenant, lease.epoch(), holder);
  }

  /** An Error in any tenant ends the whole replica loudly: a process that looks alive and syncs nothing is worse. */
  private void onFatal(Error error) {
    fatal = error;
    LOG.error("Replica {} stops every tenant after {}", settings.replicaId(), error.toString());
    stopAll();
    if (ownsExecutor) {
      executor.shutdown(); // on one of the pool's own threads: no waiting for it here
    }
  }

  private synchronized void onLeaseLost(String tenant) {
    if (running.containsKey(tenant)) {
      stopTenant(tenant, "another replica took its lease over");
    }
  }

  private void stopTenant(String tenant, String why) {
    Running r = running.remove(tenant);
    if (r != null) {
      r.runner().stop();
      r.listener().onLeaseReleased(r.lease(), why);
      LOG.info("Replica {} stopped tenant {}: {}", settings.replicaId(), tenant, why);
    }
  }

  /**
   * Stops every tenant and releases every lease at once, so the other replicas take over without waiting; then, when
   * the runner made its pool, waits up to the shutdown grace for runs in progress and shuts the pool down (their work
   * resumes from its checkpoints on the next start). A pool given to the builder is left to its owner.
   */
  @Override
  public void close() {
    stopAll();
    if (ownsExecutor) {
      OwnedExecutor.shutdown(executor, shutdownGrace);
    }
  }

  private synchronized void stopAll() {
    closed = true;
    if (rounds != null) {
      rounds.cancel(false);
    }
    for (String tenant : List.copyOf(running.keySet())) {
      Running r = Objects.requireNonNull(running.get(tenant));
      stopTenant(tenant, "this replica is shutting down");
      leases.release(r.lease());
    }
    slot.ifPresent(leases::release);
    slot = Optional.empty();
    stopped.countDown();
  }
}
