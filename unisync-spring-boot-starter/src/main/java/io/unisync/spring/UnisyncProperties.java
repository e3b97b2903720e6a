package io.unisync.spring;

import io.unisync.core.error.ConfigurationException;
import io.unisync.marketo.MarketoSettings;
import io.unisync.marketo.MarketoRateLimit;
import io.unisync.marketo.MarketoSnapshot;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code unisync.*}: what the auto-configuration builds the engine from. Secrets ({@code client-secret}) are best given
 * through the environment ({@code UNISYNC_MARKETO_CLIENT_SECRET}); they never appear in {@link #toString()}.
 */
@ConfigurationProperties(prefix = "unisync")
public class UnisyncProperties {

  /** Whether to configure Unisync at all. */
  private boolean enabled = true;

  /** The tenant this service syncs: names its rows in the database, its lease, and the {@code tenant} metric tag. */
  private String tenant = "default";

  /** Whether to run the database migrations (Flyway, tables prefixed unisync_) at start-up. */
  private boolean migrate = true;

  /**
   * This process's name among the replicas that run the tenant (only one holds its lease and syncs at a time).
   * Default: the host name and the process id.
   */
  private @Nullable String replicaId;

  /** How long to wait for a sync in progress when the context closes; later work resumes on the next start. */
  private Duration shutdownTimeout = io.unisync.core.engine.SyncRunner.Schedule.DEFAULT_GRACE_PERIOD;

  private final Marketo marketo = new Marketo();
  private final Salesforce salesforce = new Salesforce();
  private final Schedule schedule = new Schedule();
  private final Lease lease = new Lease();
  private final Health health = new Health();
  private final Retry retry = new Retry();

  /** The Marketo instance (the source of people, a destination of activities). */
  public static class Marketo {

    /** The instance's REST base URL, for example https://123-ABC-456.mktorest.com. */
    private @Nullable URI baseUrl;

    /** The LaunchPoint service's client id. */
    private @Nullable String clientId;

    /** The LaunchPoint service's client secret. */
    private @Nullable String clientSecret;

    /** Whether the initial sync reads through bulk exports (fast) rather than REST paging. */
    private boolean bulk = true;

    /** Whether the initial sync runs an id scan from the newest lead down beside the bulk exports (see MarketoSnapshot.mixed). */
    private boolean mixedSnapshot = false;

    /** The oldest creation date the initial sync looks at (the instance's start). */
    private Instant snapshotStart = MarketoSnapshot.DEFAULT_START;

    /** How often a bulk export's status is polled. */
    private Duration bulkPoll = MarketoSnapshot.DEFAULT_POLL_INTERVAL;

    /** Calls per 20 s this library allows itself on the instance (Marketo's limit is 100). */
    private int callsPerWindow = MarketoRateLimit.DEFAULT_CALLS;

    /** Whether to create the custom activity types Unisync writes, when they are missing. */
    private boolean createActivityTypes = false;

    /** {@return the instance's REST base URL, for example https://123-ABC-456.mktorest.com} */
    public @Nullable URI getBaseUrl() {
      return baseUrl;
    }

    /**
     * Sets {@link #getBaseUrl()}.
     *
     * @param baseUrl the new value
     */
    public void setBaseUrl(@Nullable URI baseUrl) {
      this.baseUrl = baseUrl;
    }

    /** {@return the LaunchPoint service's client id} */
    public @Nullable String getClientId() {
      return clientId;
    }

    /**
     * Sets {@link #getClientId()}.
     *
     * @param clientId the new value
     */
    public void setClientId(@Nullable String clientId) {
      this.clientId = clientId;
    }

    /** {@return the LaunchPoint service's client secret} */
    public @Nullable String getClientSecret() {
      return clientSecret;
    }

    /**
     * Sets {@link #getClientSecret()}.
     *
     * @param clientSecret the new value
     */
    public void setClientSecret(@Nullable String clientSecret) {
      this.clientSecret = clientSecret;
    }

    /** {@return whether the initial sync reads through bulk exports (fast) rather than REST paging} */
    public boolean isBulk() {
      return bulk;
    }

    /**
     * Sets {@link #isBulk()}.
     *
     * @param bulk the new value
     */
    public void setBulk(boolean bulk) {
      this.bulk = bulk;
    }

    /** {@return whether the initial sync runs an id scan from the newest lead down beside the bulk exports} */
    public boolean isMixedSnapshot() {
      return mixedSnapshot;
    }

    /**
     * Sets {@link #isMixedSnapshot()}.
     *
     * @param mixedSnapshot the new value
     */
    public void setMixedSnapshot(boolean mixedSnapshot) {
      this.mixedSnapshot = mixedSnapshot;
    }

    /** {@return the oldest creation date the initial sync looks at (the instance's start)} */
    public Instant getSnapshotStart() {
      return snapshotStart;
    }

    /**
     * Sets {@link #getSnapshotStart()}.
     *
     * @param snapshotStart the new value
     */
    public void setSnapshotStart(Instant snapshotStart) {
      this.snapshotStart = snapshotStart;
    }

    /** {@return how often a bulk export's status is polled} */
    public Duration getBulkPoll() {
      return bulkPoll;
    }

    /**
     * Sets {@link #getBulkPoll()}.
     *
     * @param bulkPoll the new value
     */
    public void setBulkPoll(Duration bulkPoll) {
      this.bulkPoll = bulkPoll;
    }

    /** {@return calls per 20 s this library allows itself on the instance (Marketo's limit is 100)} */
    public int getCallsPerWindow() {
      return callsPerWindow;
    }

    /**
     * Sets {@link #getCallsPerWindow()}.
     *
     * @param callsPerWindow the new value
     */
    public void setCallsPerWindow(int callsPerWindow) {
      this.callsPerWindow = callsPerWindow;
    }

    /** {@return whether to create the custom activity types Unisync writes, when they are missing} */
    public boolean isCreateActivityTypes() {
      return createActivityTypes;
    }

    /**
     * Sets {@link #isCreateActivityTypes()}.
     *
     * @param createActivityTypes the new value
     */
    public void setCreateActivityTypes(boolean createActivityTypes) {
      this.createActivityTypes = createActivityTypes;
    }

    /**
     * These properties as the adapter's settings; call {@link UnisyncProperties#validate()} first.
     *
     * @param retry the retry policy
     * @return the settings
     */
    public MarketoSettings settings(io.unisync.core.retry.RetryPolicy retry) {
      MarketoSettings settings = MarketoSettings.of(java.util.Objects.requireNonNull(baseUrl), java.util.Objects.requireNonNull(clientId),
              java.util.Objects.requireNonNull(clientSecret))
          .withBulk(bulk, snapshotStart, MarketoSnapshot.DEFAULT_WINDOW, bulkPoll)
          .withRateLimit(callsPerWindow, MarketoRateLimit.DEFAULT_WINDOW, MarketoRateLimit.DEFAULT_CONCURRENT, 1.0)
          .withCreateActivityTypes(createActivityTypes)
          .withRetry(retry);
      return settings.toBuilder().snapshot(settings.snapshot().toBuilder().mixed(mixedSnapshot).build()).build();
    }

    @Override
    public String toString() {
      return "Marketo[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "unset" : "***") + "]";
    }
  }

  /** The Salesforce org (activities as Tasks, two-way opt-outs and reminders); off unless {@code token-url} is set. */
  public static class Salesforce {

    /** The org's OAuth token URL, for example https://acme.my.salesforce.com/services/oauth2/token. */
    private @Nullable URI tokenUrl;

    /** The connected app's client id (client-credentials flow). */
    private @Nullable String clientId;

    /** The connected app's client secret. */
    private @Nullable String clientSecret;

    /** {@return the org's OAuth token URL, for example https://acme.my.salesforce.com/services/oauth2/token} */
    public @Nullable URI getTokenUrl() {
      return tokenUrl;
    }

    /**
     * Sets {@link #getTokenUrl()}.
     *
     * @param tokenUrl the new value
     */
    public void setTokenUrl(@Nullable URI tokenUrl) {
      this.tokenUrl = tokenUrl;
    }

    /** {@return the connected app's client id (client-credentials flow)} */
    public @Nullable String getClientId() {
      return clientId;
    }

    /**
     * Sets {@link #getClientId()}.
     *
     * @param clientId the new value
     */
    public void setClientId(@Nullable String clientId) {
      this.clientId = clientId;
    }

    /** {@return the connected app's client secret} */
    public @Nullable String getClientSecret() {
      return clientSecret;
    }

    /**
     * Sets {@link #getClientSecret()}.
     *
     * @param clientSecret the new value
     */
    public void setClientSecret(@Nullable String clientSecret) {
      this.clientSecret = clientSecret;
    }

    /** {@return whether Salesforce is configured} */
    public boolean isEnabled() {
      return tokenUrl != null;
    }

    /**
     * These properties as the adapter's settings, when {@link #isEnabled()}; call {@link UnisyncProperties#validate()}
     * first.
     *
     * @param retry the retry policy
     * @return the settings, when enabled
     */
    public java.util.Optional<io.unisync.salesforce.SalesforceSettings> settings(io.unisync.core.retry.RetryPolicy retry) {
      if (!isEnabled()) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(io.unisync.salesforce.SalesforceSettings.of(java.util.Objects.requireNonNull(tokenUrl),
          new io.unisync.salesforce.SalesforceAuth.ClientCredentials(java.util.Objects.requireNonNull(clientId),
              java.util.Objects.requireNonNull(clientSecret))).withRetry(retry));
    }

    @Override
    public String toString() {
      return "Salesforce[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "unset" : "***") + "]";
    }
  }

  /** How often each operation runs (a fixed delay after the previous run ended). */
  public static class Schedule {

    /** The person sync: the initial sync until it is done, then incremental passes. */
    private Duration personSync = io.unisync.core.engine.SyncRunner.Schedule.SUGGESTED_PERSON_SYNC;

    /** Activity delivery to Marketo and Salesforce. */
    private Duration delivery = io.unisync.core.engine.SyncRunner.Schedule.SUGGESTED_DELIVERY;

    /** The two-way unsubscribe sync with Salesforce. */
    private Duration optOuts = io.unisync.core.engine.SyncRunner.Schedule.SUGGESTED_TWO_WAY;

    /** The two-way reminder sync with Salesforce. */
    private Duration reminders = io.unisync.core.engine.SyncRunner.Schedule.SUGGESTED_TWO_WAY;

    /**
     * How long delivery waits after a pass that found nothing to deliver (at least {@code delivery}); 0: the delivery
     * period always. For hosts running many mostly idle tenants.
     */
    private Duration deliveryWhenIdle = Duration.ZERO;

    /**
     * How long the person sync waits after an incremental pass that found no change (at least {@code person-sync}); 0:
     * the person-sync period always. For hosts running many mostly quiet tenants.
     */
    private Duration personSyncWhenIdle = Duration.ZERO;

    /** How often a full reconciliation with Marketo starts (weekly); 0 only after a retention breach or on demand. */
    private Duration reconcile = io.unisync.core.engine.SyncRunner.Schedule.SUGGESTED_RECONCILE;

    /**
     * The schedule's grace period ({@code SyncRunner.Schedule#gracePeriod}), 30 s. The runner started with the context
     * waits {@code unisync.shutdown-timeout} for runs in progress; this one only matters to a host that closes a
     * {@code SyncRunner} of its own on these settings.
     */
    private Duration gracePeriod = io.unisync.core.engine.SyncRunner.Schedule.DEFAULT_GRACE_PERIOD;

    /** {@return the person sync: the initial sync until it is done, then incremental passes} */
    public Duration getPersonSync() {
      return personSync;
    }

    /**
     * Sets {@link #getPersonSync()}.
     *
     * @param personSync the new value
     */
    public void setPersonSync(Duration personSync) {
      this.personSync = personSync;
    }

    /** {@return activity delivery to Marketo and Salesforce} */
    public Duration getDelivery() {
      return delivery;
    }

    /**
     * Sets {@link #getDelivery()}.
     *
     * @param delivery the new value
     */
    public void setDelivery(Duration delivery) {
      this.delivery = delivery;
    }

    /** {@return the two-way unsubscribe sync with Salesforce} */
    public Duration getOptOuts() {
      return optOuts;
    }

    /**
     * Sets {@link #getOptOuts()}.
     *
     * @param optOuts the new value
     */
    public void setOptOuts(Duration optOuts) {
      this.optOuts = optOuts;
    }

    /** {@return the two-way reminder sync with Salesforce} */
    public Duration getReminders() {
      return reminders;
    }

    /**
     * Sets {@link #getReminders()}.
     *
     * @param reminders the new value
     */
    public void setReminders(Duration reminders) {
      this.reminders = reminders;
    }

    /** {@return how long delivery waits after a pass that found nothing (0: the delivery period always)} */
    public Duration getDeliveryWhenIdle() {
      return deliveryWhenIdle;
    }

    /**
     * Sets {@link #getDeliveryWhenIdle()}.
     *
     * @param deliveryWhenIdle the new value
     */
    public void setDeliveryWhenIdle(Duration deliveryWhenIdle) {
      this.deliveryWhenIdle = deliveryWhenIdle;
    }

    /** {@return how long the person sync waits after a pass that found no change (0: the person-sync period always)} */
    public Duration getPersonSyncWhenIdle() {
      return personSyncWhenIdle;
    }

    /**
     * Sets {@link #getPersonSyncWhenIdle()}.
     *
     * @param personSyncWhenIdle the new value
     */
    public void setPersonSyncWhenIdle(Duration personSyncWhenIdle) {
      this.personSyncWhenIdle = personSyncWhenIdle;
    }

    /**
     * {@return how often a full reconciliation with Marketo starts (weekly); 0 only after a retention breach or on
     *     demand}
     */
    public Duration getReconcile() {
      return reconcile;
    }

    /**
     * Sets {@link #getReconcile()}.
     *
     * @param reconcile the new value
     */
    public void setReconcile(Duration reconcile) {
      this.reconcile = reconcile;
    }

    /** {@return the schedule's grace period ({@code SyncRunner.Schedule#gracePeriod}), 30 s} */
    public Duration getGracePeriod() {
      return gracePeriod;
    }

    /**
     * Sets {@link #getGracePeriod()}.
     *
     * @param gracePeriod the new value
     */
    public void setGracePeriod(Duration gracePeriod) {
      this.gracePeriod = gracePeriod;
    }
  }

  /** The tenant's lease, which lets one replica at a time run the sync. */
  public static class Lease {

    /** How long a lease lasts unless renewed: how long a dead replica's tenant waits for another. */
    private Duration ttl = io.unisync.core.engine.TenantRunner.Settings.DEFAULT_LEASE_TTL;

    /** How often the lease is renewed (at most half the ttl). */
    private Duration renewEvery = io.unisync.core.engine.TenantRunner.Settings.DEFAULT_RENEW_EVERY;

    /** {@return how long a lease lasts unless renewed: how long a dead replica's tenant waits for another} */
    public Duration getTtl() {
      return ttl;
    }

    /**
     * Sets {@link #getTtl()}.
     *
     * @param ttl the new value
     */
    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }

    /** {@return how often the lease is renewed (at most half the ttl)} */
    public Duration getRenewEvery() {
      return renewEvery;
    }

    /**
     * Sets {@link #getRenewEvery()}.
     *
     * @param renewEvery the new value
     */
    public void setRenewEvery(Duration renewEvery) {
      this.renewEvery = renewEvery;
    }
  }

  /** The Actuator health indicator ({@code unisync}). */
  /**
   * How every Marketo and Salesforce call is retried and how long it may take (one policy for both; defaults as
   * {@code RetryPolicy.defaults()}).
   */
  public static class Retry {

    /** The library's defaults, the one source of these properties' defaults. */
    private static final io.unisync.core.retry.RetryPolicy DEFAULTS = io.unisync.core.retry.RetryPolicy.defaults();

    /** Attempts of a call a seller waits for (send gate, Smart Grid). */
    private int interactiveAttempts = DEFAULTS.attempts(io.unisync.core.retry.CallClass.INTERACTIVE);

    /** The whole of such a call: token, rate-limit wait, request, body and any retry; past it the send gate says "status unknown". */
    private Duration interactiveDeadline = DEFAULTS.deadline(io.unisync.core.retry.CallClass.INTERACTIVE);

    /** Attempts of a background call (sync, delivery, two-way passes). */
    private int backgroundAttempts = DEFAULTS.attempts(io.unisync.core.retry.CallClass.BACKGROUND);

    /** The whole of a background call, retries included. */
    private Duration backgroundDeadline = DEFAULTS.deadline(io.unisync.core.retry.CallClass.BACKGROUND);

    /** The wait after the first failed attempt; it doubles per attempt (half of it jitter). */
    private Duration initialBackoff = DEFAULTS.initialBackoff();

    /** The longest wait between two attempts. */
    private Duration maxBackoff = DEFAULTS.maxBackoff();

    /** {@return attempts of a call a seller waits for (send gate, Smart Grid)} */
    public int getInteractiveAttempts() {
      return interactiveAttempts;
    }

    /**
     * Sets {@link #getInteractiveAttempts()}.
     *
     * @param interactiveAttempts the new value
     */
    public void setInteractiveAttempts(int interactiveAttempts) {
      this.interactiveAttempts = interactiveAttempts;
    }

    /**
     * {@return the whole of such a call: token, rate-limit wait, request, body and any retry; past it the send gate
     *     says "status unknown"}
     */
    public Duration getInteractiveDeadline() {
      return interactiveDeadline;
    }

    /**
     * Sets {@link #getInteractiveDeadline()}.
     *
     * @param interactiveDeadline the new value
     */
    public void setInteractiveDeadline(Duration interactiveDeadline) {
      this.interactiveDeadline = interactiveDeadline;
    }

    /** {@return attempts of a background call (sync, delivery, two-way passes)} */
    public int getBackgroundAttempts() {
      return backgroundAttempts;
    }

    /**
     * Sets {@link #getBackgroundAttempts()}.
     *
     * @param backgroundAttempts the new value
     */
    public void setBackgroundAttempts(int backgroundAttempts) {
      this.backgroundAttempts = backgroundAttempts;
    }

    /** {@return the whole of a background call, retries included} */
    public Duration getBackgroundDeadline() {
      return backgroundDeadline;
    }

    /**
     * Sets {@link #getBackgroundDeadline()}.
     *
     * @param backgroundDeadline the new value
     */
    public void setBackgroundDeadline(Duration backgroundDeadline) {
      this.backgroundDeadline = backgroundDeadline;
    }

    /** {@return the wait after the first failed attempt; it doubles per attempt (half of it jitter)} */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /**
     * Sets {@link #getInitialBackoff()}.
     *
     * @param initialBackoff the new value
     */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /** {@return the longest wait between two attempts} */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /**
     * Sets {@link #getMaxBackoff()}.
     *
     * @param maxBackoff the new value
     */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /** {@return these properties as the policy the adapters run under} */
    public io.unisync.core.retry.RetryPolicy policy() {
      return io.unisync.core.retry.RetryPolicy.defaults().withInteractive(interactiveAttempts, interactiveDeadline)
          .withBackground(backgroundAttempts, backgroundDeadline).withBackoff(initialBackoff, maxBackoff);
    }
  }

  /** The health indicator's thresholds ({@code unisync.health.*}). */
  public static class Health {

    /** DOWN when an operation has been failing for longer than this (since its last success, or the start). */
    private Duration maxFailingFor = Duration.ofMinutes(15);

    /** DOWN when more dead letters than this wait for someone to look (-1: never). */
    private long maxDeadLetters = -1;

    /** {@return DOWN when an operation has been failing for longer than this (since its last success, or the start)} */
    public Duration getMaxFailingFor() {
      return maxFailingFor;
    }

    /**
     * Sets {@link #getMaxFailingFor()}.
     *
     * @param maxFailingFor the new value
     */
    public void setMaxFailingFor(Duration maxFailingFor) {
      this.maxFailingFor = maxFailingFor;
    }

    /** {@return DOWN when more dead letters than this wait for someone to look (-1: never)} */
    public long getMaxDeadLetters() {
      return maxDeadLetters;
    }

    /**
     * Sets {@link #getMaxDeadLetters()}.
     *
     * @param maxDeadLetters the new value
     */
    public void setMaxDeadLetters(long maxDeadLetters) {
      this.maxDeadLetters = maxDeadLetters;
    }
  }

  /**
   * Every problem of these properties at once.
   *
   * @throws ConfigurationException naming each property that is missing or wrong
   */
  public void validate() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new ConfigurationException("unisync.* properties", problems);
    }
  }

  /** The adapters' own names for what these properties set, as the properties are written. */
  private static final java.util.Map<String, String> ADAPTER_NAMES = java.util.Map.of(
      "baseUrl", "unisync.marketo.base-url", "clientId", "unisync.marketo.client-id", "clientSecret", "unisync.marketo.client-secret",
      "snapshot.start", "unisync.marketo.snapshot-start", "snapshot.pollInterval", "unisync.marketo.bulk-poll",
      "rateLimit.calls", "unisync.marketo.calls-per-window", "auth", "unisync.salesforce.client-id");

  /**
   * Every problem of these properties, in one list: the checks here, then (when those pass) what the adapters' own
   * settings refuse, each renamed to the property that sets it, so a host never gets a second round of problems
   * named as the library's builders name them.
   *
   * @return the problems, empty when none
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (tenant == null || tenant.isBlank() || tenant.contains("/")) {
      problems.add("unisync.tenant must not be blank nor contain '/'");
    }
    if (marketo.baseUrl == null) {
      problems.add("unisync.marketo.base-url is required (the instance's REST URL, e.g. https://123-ABC-456.mktorest.com)");
    } else {
      problems.addAll(io.unisync.core.wire.Endpoints.problems("unisync.marketo.base-url", marketo.baseUrl, "https://123-ABC-456.mktorest.com"));
    }
    if (blank(marketo.clientId)) {
      problems.add("unisync.marketo.client-id is required");
    }
    if (blank(marketo.clientSecret)) {
      problems.add("unisync.marketo.client-secret is required (set UNISYNC_MARKETO_CLIENT_SECRET in the environment)");
    }
    if (marketo.callsPerWindow < 1) {
      problems.add("unisync.marketo.calls-per-window must be at least 1 (was " + marketo.callsPerWindow + ")");
    }
    if (salesforce.isEnabled()) {
      problems.addAll(io.unisync.core.wire.Endpoints.problems("unisync.salesforce.token-url", salesforce.tokenUrl,
          "https://acme.my.salesforce.com"));
      if (blank(salesforce.clientId)) {
        problems.add("unisync.salesforce.client-id is required when unisync.salesforce.token-url is set");
      }
      if (blank(salesforce.clientSecret)) {
        problems.add("unisync.salesforce.client-secret is required when unisync.salesforce.token-url is set");
      }
    }
    positive(problems, "unisync.schedule.person-sync", schedule.personSync);
    positive(problems, "unisync.schedule.delivery", schedule.delivery);
    positive(problems, "unisync.schedule.opt-outs", schedule.optOuts);
    positive(problems, "unisync.schedule.reminders", schedule.reminders);
    if (schedule.reconcile == null || schedule.reconcile.isNegative()) {
      problems.add("unisync.schedule.reconcile must be a duration of 0 (off) or more");
    }
    positive(problems, "unisync.schedule.grace-period", schedule.gracePeriod);
    positive(problems, "unisync.shutdown-timeout", shutdownTimeout);
    positive(problems, "unisync.health.max-failing-for", health.maxFailingFor);
    positive(problems, "unisync.lease.ttl", lease.ttl);
    positive(problems, "unisync.lease.renew-every", lease.renewEvery);
    if (lease.ttl != null && lease.renewEvery != null && lease.renewEvery.multipliedBy(2).compareTo(lease.ttl) > 0) {
      problems.add("unisync.lease.renew-every must be at most half of unisync.lease.ttl, so the lease is renewed before it lapses");
    }
    // the policy names its knobs in camel case; a property is written in kebab case
    problems.addAll(retry.policy().problems(knob -> "unisync.retry." + knob.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)));
    if (problems.isEmpty()) {
      problems.addAll(adapterProblems(() -> marketo.settings(retry.policy()), "unisync.marketo"));
      if (salesforce.isEnabled()) {
        problems.addAll(adapterProblems(() -> salesforce.settings(retry.policy()), "unisync.salesforce"));
      }
    }
    return problems;
  }

  private static List<String> adapterProblems(Runnable build, String prefix) {
    try {
      build.run();
      return List.of();
    } catch (ConfigurationException e) {
      List<String> renamed = new ArrayList<>();
      for (String problem : e.problems()) {
        String name = problem.split(" ", 2)[0];
        String property = ADAPTER_NAMES.getOrDefault(name,
            prefix + "." + name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT));
        renamed.add(property + problem.substring(name.length()));
      }
      return renamed;
    }
  }

  private static boolean blank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  private static void positive(List<String> problems, String name, @Nullable Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      problems.add(name + " must be a positive duration (was " + value + ")");
    }
  }

  /** {@return whether to configure Unisync at all} */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets {@link #isEnabled()}.
   *
   * @param enabled the new value
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * {@return the tenant this service syncs: names its rows in the database, its lease, and the {@code tenant} metric
   *     tag}
   */
  public String getTenant() {
    return tenant;
  }

  /**
   * Sets {@link #getTenant()}.
   *
   * @param tenant the new value
   */
  public void setTenant(String tenant) {
    this.tenant = tenant;
  }

  /** {@return whether to run the database migrations (Flyway, tables prefixed unisync_) at start-up} */
  public boolean isMigrate() {
    return migrate;
  }

  /**
   * Sets {@link #isMigrate()}.
   *
   * @param migrate the new value
   */
  public void setMigrate(boolean migrate) {
    this.migrate = migrate;
  }

  /**
   * {@return this process's name among the replicas that run the tenant (only one holds its lease and syncs at a time)}
   */
  public @Nullable String getReplicaId() {
    return replicaId;
  }

  /**
   * Sets {@link #getReplicaId()}.
   *
   * @param replicaId the new value
   */
  public void setReplicaId(@Nullable String replicaId) {
    this.replicaId = replicaId;
  }

  /** {@return how long to wait for a sync in progress when the context closes; later work resumes on the next start} */
  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * Sets {@link #getShutdownTimeout()}.
   *
   * @param shutdownTimeout the new value
   */
  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  /** {@return the Marketo properties ({@code unisync.marketo.*})} */
  public Marketo getMarketo() {
    return marketo;
  }

  /** {@return the Salesforce properties ({@code unisync.salesforce.*})} */
  public Salesforce getSalesforce() {
    return salesforce;
  }

  /** {@return the schedule ({@code unisync.schedule.*})} */
  public Schedule getSchedule() {
    return schedule;
  }

  /** {@return the tenant lease ({@code unisync.lease.*})} */
  public Lease getLease() {
    return lease;
  }

  /** {@return the health indicator's thresholds ({@code unisync.health.*})} */
  public Health getHealth() {
    return health;
  }

  /** {@return the retry policy ({@code unisync.retry.*})} */
  public Retry getRetry() {
    return retry;
  }

  @Override
  public String toString() {
    return "UnisyncProperties[tenant=" + tenant + ", " + marketo + ", " + salesforce + "]";
  }
}
