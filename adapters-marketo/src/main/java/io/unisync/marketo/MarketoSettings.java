package io.unisync.marketo;

import io.unisync.core.domain.ActivityKind;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.retry.CallClass;
import io.unisync.core.retry.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to reach and use one Marketo instance. Start from {@link #of(URI, String, String)}; every knob has
 * a default from Marketo's documentation, and the items the documentation leaves open (marked UNCONFIRMED
 * in our reference) are settings too. {@link #toString()} never shows the client secret.
 */
public final class MarketoSettings {

  /** Marketo's documented limit: 100 calls per instance in any 20 s. */
  public static final int DEFAULT_CALLS_PER_WINDOW = 100;
  /** The window {@link #DEFAULT_CALLS_PER_WINDOW} is counted in. */
  public static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(20);
  /** Marketo's documented limit: 10 concurrent calls per instance. */
  public static final int DEFAULT_MAX_CONCURRENT = 10;
  /** The oldest creation date the initial sync looks at unless told otherwise (it starts at the oldest person found). */
  public static final Instant DEFAULT_SNAPSHOT_START = Instant.parse("2010-01-01T00:00:00Z");
  /** How often a bulk export's status is polled. */
  public static final Duration DEFAULT_BULK_POLL_INTERVAL = Duration.ofSeconds(60);
  /** The widest creation-date window one bulk export may cover (Marketo allows 31 days). */
  public static final Duration DEFAULT_BULK_WINDOW = Duration.ofDays(31);

  private final URI baseUrl;
  private final String clientId;
  private final String clientSecret;
  private final SourceFields fields;
  private final int callsPerWindow;
  private final Duration rateWindow;
  private final int maxConcurrent;
  private final double budgetShare;
  private final long dailyQuota;
  private final Duration tokenRefreshMargin;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final boolean bulkSnapshot;
  private final Instant snapshotStart;
  private final Duration bulkWindow;
  private final Duration bulkPollInterval;
  private final long restPagingMaxId;
  private final List<Integer> changeActivityTypeIds;
  private final int mergeActivityTypeId;
  private final Duration changeOverlap;
  private final List<Integer> smartGridActivityTypeIds;
  private final Map<ActivityKind, String> activityTypeApiNames;
  private final boolean createActivityTypes;
  private final MarketoLimits limits;

  private MarketoSettings(Builder b) {
    List<Integer> changeTypes = b.changeActivityTypeIds == null ? null : List.copyOf(b.changeActivityTypeIds);
    List<Integer> smartGridTypes = b.smartGridActivityTypeIds == null ? null : List.copyOf(b.smartGridActivityTypeIds);
    Map<ActivityKind, String> apiNames = b.activityTypeApiNames == null ? null : Map.copyOf(b.activityTypeApiNames);
    List<String> problems = problems(b, changeTypes, smartGridTypes, apiNames);
    if (!problems.isEmpty()) {
      throw new ConfigurationException("MarketoSettings", problems);
    }
    this.baseUrl = java.util.Objects.requireNonNull(b.baseUrl); // checked above
    this.clientId = java.util.Objects.requireNonNull(b.clientId); // checked above
    this.clientSecret = java.util.Objects.requireNonNull(b.clientSecret); // checked above
    this.fields = java.util.Objects.requireNonNull(b.fields); // checked above
    this.callsPerWindow = b.callsPerWindow;
    this.rateWindow = java.util.Objects.requireNonNull(b.rateWindow); // checked above
    this.maxConcurrent = b.maxConcurrent;
    this.budgetShare = b.budgetShare;
    this.dailyQuota = b.dailyQuota;
    this.tokenRefreshMargin = java.util.Objects.requireNonNull(b.tokenRefreshMargin); // checked above
    this.requestTimeout = java.util.Objects.requireNonNull(b.requestTimeout); // checked above
    this.retry = java.util.Objects.requireNonNull(b.retry); // checked above
    this.bulkSnapshot = b.bulkSnapshot;
    this.snapshotStart = java.util.Objects.requireNonNull(b.snapshotStart); // checked above
    this.bulkWindow = java.util.Objects.requireNonNull(b.bulkWindow); // checked above
    this.bulkPollInterval = java.util.Objects.requireNonNull(b.bulkPollInterval); // checked above
    this.restPagingMaxId = b.restPagingMaxId;
    this.changeActivityTypeIds = java.util.Objects.requireNonNull(changeTypes);
    this.mergeActivityTypeId = b.mergeActivityTypeId;
    this.changeOverlap = java.util.Objects.requireNonNull(b.changeOverlap); // checked above
    this.smartGridActivityTypeIds = java.util.Objects.requireNonNull(smartGridTypes);
    this.activityTypeApiNames = java.util.Objects.requireNonNull(apiNames);
    this.createActivityTypes = b.createActivityTypes;
    this.limits = java.util.Objects.requireNonNull(b.limits); // checked above
  }

  /** E.g. {@code https://284-RPR-133.mktorest.com} (https required except on loopback). */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The custom service's client id. */
  public String clientId() {
    return clientId;
  }

  /** The custom service's client secret. */
  public String clientSecret() {
    return clientSecret;
  }

  /** Marketo's names for the 11 standard fields and the owner field. */
  public SourceFields fields() {
    return fields;
  }

  /** The instance's rate limit (100). */
  public int callsPerWindow() {
    return callsPerWindow;
  }

  /** Its window (20 s, sliding). */
  public Duration rateWindow() {
    return rateWindow;
  }

  /** The instance's concurrency limit (10). */
  public int maxConcurrent() {
    return maxConcurrent;
  }

  /**
   * The share of rate and concurrency this library may use (other integrations share the instance); 1.0 = all of it.
   */
  public double budgetShare() {
    return budgetShare;
  }

  /** Calls per day (50,000 by default), reset at midnight America/Chicago. */
  public long dailyQuota() {
    return dailyQuota;
  }

  /** A token with less life than this is renewed (60 s). */
  public Duration tokenRefreshMargin() {
    return tokenRefreshMargin;
  }

  /**
   * Per HTTP request, headers and body (30 s; the bulk file download has its own deadline); an answer that sends no
   * byte for a third of it (the first byte included) is cut off sooner.
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * How calls are retried, and each call's deadline: interactive calls (send gate, Smart Grid) one attempt within
   * 1.5 s, background calls 6 attempts within 4 minutes ({@link RetryPolicy#defaults()}).
   */
  public RetryPolicy retry() {
    return retry;
  }

  /** Read the snapshot with Bulk Lead Extract (otherwise REST paging of leads.json by id). */
  public boolean bulkSnapshot() {
    return bulkSnapshot;
  }

  /** The earliest creation date to export (bulk windows start here). */
  public Instant snapshotStart() {
    return snapshotStart;
  }

  /** The width of one bulk export window (at most 31 days). */
  public Duration bulkWindow() {
    return bulkWindow;
  }

  /** How often to poll an export's status (Marketo refreshes it at most every 60 s). */
  public Duration bulkPollInterval() {
    return bulkPollInterval;
  }

  /** The highest id REST paging scans when bulk is off. */
  public long restPagingMaxId() {
    return restPagingMaxId;
  }

  /** Activity types read from leadchanges.json (New Lead 12, Change Data Value 13). */
  public List<Integer> changeActivityTypeIds() {
    return changeActivityTypeIds;
  }

  /** Merge Leads (32). */
  public int mergeActivityTypeId() {
    return mergeActivityTypeId;
  }

  /** How far before a stored position the feed is re-read when a token must be re-created. */
  public Duration changeOverlap() {
    return changeOverlap;
  }

  /** The (at most 10) types read for the Smart Grid. */
  public List<Integer> smartGridActivityTypeIds() {
    return smartGridActivityTypeIds;
  }

  /** Our custom activity type per kind (apiName). */
  public Map<ActivityKind, String> activityTypeApiNames() {
    return activityTypeApiNames;
  }

  /** Whether missing custom activity types may be created and approved. */
  public boolean createActivityTypes() {
    return createActivityTypes;
  }

  /** The bounds on every call, answer, poll and loop ({@link MarketoLimits#defaults()}). */
  public MarketoLimits limits() {
    return limits;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof MarketoSettings that && java.util.Objects.equals(baseUrl, that.baseUrl)
        && java.util.Objects.equals(clientId, that.clientId)
        && java.util.Objects.equals(clientSecret, that.clientSecret)
        && java.util.Objects.equals(fields, that.fields)
        && callsPerWindow == that.callsPerWindow
        && java.util.Objects.equals(rateWindow, that.rateWindow)
        && maxConcurrent == that.maxConcurrent
        && Double.compare(budgetShare, that.budgetShare) == 0
        && dailyQuota == that.dailyQuota
        && java.util.Objects.equals(tokenRefreshMargin, that.tokenRefreshMargin)
        && java.util.Objects.equals(requestTimeout, that.requestTimeout)
        && java.util.Objects.equals(retry, that.retry)
        && bulkSnapshot == that.bulkSnapshot
        && java.util.Objects.equals(snapshotStart, that.snapshotStart)
        && java.util.Objects.equals(bulkWindow, that.bulkWindow)
        && java.util.Objects.equals(bulkPollInterval, that.bulkPollInterval)
        && restPagingMaxId == that.restPagingMaxId
        && java.util.Objects.equals(changeActivityTypeIds, that.changeActivityTypeIds)
        && mergeActivityTypeId == that.mergeActivityTypeId
        && java.util.Objects.equals(changeOverlap, that.changeOverlap)
        && java.util.Objects.equals(smartGridActivityTypeIds, that.smartGridActivityTypeIds)
        && java.util.Objects.equals(activityTypeApiNames, that.activityTypeApiNames)
        && createActivityTypes == that.createActivityTypes
        && java.util.Objects.equals(limits, that.limits);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(baseUrl, clientId, clientSecret, fields, callsPerWindow, rateWindow, maxConcurrent, budgetShare, dailyQuota, tokenRefreshMargin, requestTimeout, retry, bulkSnapshot, snapshotStart, bulkWindow, bulkPollInterval, restPagingMaxId, changeActivityTypeIds, mergeActivityTypeId, changeOverlap, smartGridActivityTypeIds, activityTypeApiNames, createActivityTypes, limits);
  }



  /** Defaults for everything but where and who; {@link #builder} to change any of them. */
  public static MarketoSettings of(URI baseUrl, String clientId, String clientSecret) {
    return builder(baseUrl, clientId, clientSecret).build();
  }

  /** A builder holding the defaults, for the instance at {@code baseUrl} reached as {@code clientId}. */
  public static Builder builder(URI baseUrl, String clientId, String clientSecret) {
    return new Builder(baseUrl, clientId, clientSecret);
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@code unisync} + the kind in camel case, e.g. {@code unisyncSendSalesEmail}. */
  public static String defaultApiName(ActivityKind kind) {
    StringBuilder name = new StringBuilder("unisync");
    for (String part : kind.name().toLowerCase(Locale.ROOT).split("_")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }

  public MarketoSettings withFields(SourceFields value) {
    return toBuilder().fields(value).build();
  }

  public MarketoSettings withRateLimit(int calls, Duration window, int concurrent, double share) {
    return toBuilder().callsPerWindow(calls).rateWindow(window).maxConcurrent(concurrent).budgetShare(share).build();
  }

  public MarketoSettings withDailyQuota(long quota) {
    return toBuilder().dailyQuota(quota).build();
  }

  /**
   * Background calls retried {@code retries} times (within the policy's background deadline), waiting {@code base}
   * after the first failure and doubling up to {@code max}; shorthand for {@link #withRetry(RetryPolicy)}.
   */
  public MarketoSettings withRetries(int retries, Duration base, Duration max) {
    return withRetry(retry.withBackground(retries + 1, retry.deadline(CallClass.BACKGROUND)).withBackoff(base, max));
  }

  /** How calls are retried and how long each may take. */
  public MarketoSettings withRetry(RetryPolicy value) {
    return toBuilder().retry(value).build();
  }

  public MarketoSettings withRequestTimeout(Duration timeout) {
    return toBuilder().requestTimeout(timeout).build();
  }

  public MarketoSettings withBulk(boolean enabled, Instant start, Duration window, Duration pollInterval) {
    return toBuilder().bulkSnapshot(enabled).snapshotStart(start).bulkWindow(window).bulkPollInterval(pollInterval).build();
  }

  public MarketoSettings withRestPagingMaxId(long maxId) {
    return toBuilder().restPagingMaxId(maxId).build();
  }

  public MarketoSettings withCreateActivityTypes(boolean allowed) {
    return toBuilder().createActivityTypes(allowed).build();
  }

  public MarketoSettings withLimits(MarketoLimits value) {
    return toBuilder().limits(value).build();
  }

  /**
   * The instance's limits as a call budget enforces them (this library's share of them). A call attempt never lasts
   * longer than {@code requestTimeout}, so one still open 5 s after that belonged to a process that died: it stops
   * counting as in flight. (A bulk file download holds its slot while it is read, and may outlast that: it then
   * stops counting, so a slow download can let one more call start than the concurrency cap says.)
   */
  public io.unisync.core.port.CallLimits callLimits() {
    return new io.unisync.core.port.CallLimits(effectiveCallsPerWindow(), rateWindow, effectiveConcurrency(), dailyQuota,
        java.time.ZoneId.of("America/Chicago"), requestTimeout.plusSeconds(5));
  }

  /** The calls per window this library allows itself. */
  public int effectiveCallsPerWindow() {
    return Math.max(1, (int) Math.floor(callsPerWindow * budgetShare));
  }

  /** The concurrent calls this library allows itself. */
  public int effectiveConcurrency() {
    return Math.max(1, (int) Math.floor(maxConcurrent * budgetShare));
  }

  @Override
  public String toString() {
    return "MarketoSettings[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=****, callsPerWindow=" + callsPerWindow
        + ", rateWindow=" + rateWindow + ", maxConcurrent=" + maxConcurrent + ", budgetShare=" + budgetShare
        + ", dailyQuota=" + dailyQuota + ", bulkSnapshot=" + bulkSnapshot + ", snapshotStart=" + snapshotStart + "]";
  }

  /** Every problem of a builder's values, each naming its setting; validated once, in {@link Builder#build()}. */
  private static List<String> problems(Builder b, @org.jspecify.annotations.Nullable List<Integer> changeTypes,
      @org.jspecify.annotations.Nullable List<Integer> smartGridTypes, @org.jspecify.annotations.Nullable Map<ActivityKind, String> apiNames) {
    URI baseUrl = b.baseUrl;
    List<String> problems = new ArrayList<>(io.unisync.core.wire.Endpoints.problems("baseUrl", baseUrl, "https://284-RPR-133.mktorest.com"));
    if (baseUrl != null && baseUrl.getHost() != null) {
      if (baseUrl.getPath() != null && baseUrl.getPath().endsWith("/")) {
        problems.add("baseUrl must not end with '/' (Marketo rejects double slashes)");
      }
    }
    if (b.clientId == null || b.clientId.isBlank()) {
      problems.add("clientId is required");
    }
    if (b.clientSecret == null || b.clientSecret.isBlank()) {
      problems.add("clientSecret is required");
    }
    if (b.fields == null) {
      problems.add("fields must not be null (use SourceFields.standard())");
    }
    if (b.callsPerWindow < 1) {
      problems.add("callsPerWindow must be at least 1");
    }
    if (b.rateWindow == null || b.rateWindow.isNegative() || b.rateWindow.isZero()) {
      problems.add("rateWindow must be positive");
    }
    if (b.maxConcurrent < 1) {
      problems.add("maxConcurrent must be at least 1");
    }
    if (!(b.budgetShare > 0 && b.budgetShare <= 1)) {
      problems.add("budgetShare must be in (0, 1]");
    }
    if (b.dailyQuota < 1) {
      problems.add("dailyQuota must be at least 1");
    }
    if (b.tokenRefreshMargin == null || b.tokenRefreshMargin.isNegative()) {
      problems.add("tokenRefreshMargin must not be negative");
    }
    if (b.requestTimeout == null || b.requestTimeout.toMillis() < 100) {
      problems.add("requestTimeout must be at least 100 ms");
    }
    if (b.retry == null) {
      problems.add("retry must not be null (use RetryPolicy.defaults())");
    } else {
      problems.addAll(b.retry.problems("retry"));
    }
    if (b.snapshotStart == null) {
      problems.add("snapshotStart is required");
    }
    if (b.bulkWindow == null || b.bulkWindow.isNegative() || b.bulkWindow.isZero() || b.bulkWindow.compareTo(Duration.ofDays(31)) > 0) {
      problems.add("bulkWindow must be between 1 ms and 31 days (Marketo's limit for one export)");
    }
    if (b.bulkPollInterval == null || b.bulkPollInterval.isNegative()) {
      problems.add("bulkPollInterval must not be negative");
    }
    if (changeTypes == null || changeTypes.isEmpty()) {
      problems.add("changeActivityTypeIds must name at least one type");
    }
    if (b.changeOverlap == null || b.changeOverlap.isNegative()) {
      problems.add("changeOverlap must not be negative");
    }
    if (smartGridTypes == null || smartGridTypes.isEmpty() || smartGridTypes.size() > 10) {
      problems.add("smartGridActivityTypeIds must name 1 to 10 types (Marketo reads at most 10 per call)");
    }
    if (apiNames == null || apiNames.size() != ActivityKind.values().length) {
      problems.add("activityTypeApiNames must name a custom activity type for each of the 8 kinds");
    }
    if (b.limits == null) {
      problems.add("limits must not be null (use MarketoLimits.defaults())");
    }
    return problems;
  }

  /**
   * Settings in the making: one setter per knob, each starting at its default; {@link #build()} checks them all at once
   * and lists every problem. Not thread-safe; reusable.
   */
  public static final class Builder {
    private @org.jspecify.annotations.Nullable URI baseUrl;
    private @org.jspecify.annotations.Nullable String clientId;
    private @org.jspecify.annotations.Nullable String clientSecret;
    private @org.jspecify.annotations.Nullable SourceFields fields;
    private int callsPerWindow;
    private @org.jspecify.annotations.Nullable Duration rateWindow;
    private int maxConcurrent;
    private double budgetShare;
    private long dailyQuota;
    private @org.jspecify.annotations.Nullable Duration tokenRefreshMargin;
    private @org.jspecify.annotations.Nullable Duration requestTimeout;
    private @org.jspecify.annotations.Nullable RetryPolicy retry;
    private boolean bulkSnapshot;
    private @org.jspecify.annotations.Nullable Instant snapshotStart;
    private @org.jspecify.annotations.Nullable Duration bulkWindow;
    private @org.jspecify.annotations.Nullable Duration bulkPollInterval;
    private long restPagingMaxId;
    private @org.jspecify.annotations.Nullable List<Integer> changeActivityTypeIds;
    private int mergeActivityTypeId;
    private @org.jspecify.annotations.Nullable Duration changeOverlap;
    private @org.jspecify.annotations.Nullable List<Integer> smartGridActivityTypeIds;
    private @org.jspecify.annotations.Nullable Map<ActivityKind, String> activityTypeApiNames;
    private boolean createActivityTypes;
    private @org.jspecify.annotations.Nullable MarketoLimits limits;

    private Builder(URI baseUrl, String clientId, String clientSecret) {
      Map<ActivityKind, String> apiNames = new EnumMap<>(ActivityKind.class);
      for (ActivityKind kind : ActivityKind.values()) {
        apiNames.put(kind, defaultApiName(kind));
      }
      this.baseUrl = baseUrl;
      this.clientId = clientId;
      this.clientSecret = clientSecret;
      this.fields = SourceFields.standard();
      this.callsPerWindow = DEFAULT_CALLS_PER_WINDOW;
      this.rateWindow = DEFAULT_RATE_WINDOW;
      this.maxConcurrent = DEFAULT_MAX_CONCURRENT;
      this.budgetShare = 1.0;
      this.dailyQuota = 50_000;
      this.tokenRefreshMargin = Duration.ofSeconds(60);
      this.requestTimeout = Duration.ofSeconds(30);
      this.retry = RetryPolicy.defaults();
      this.bulkSnapshot = true;
      this.snapshotStart = DEFAULT_SNAPSHOT_START;
      this.bulkWindow = DEFAULT_BULK_WINDOW;
      this.bulkPollInterval = DEFAULT_BULK_POLL_INTERVAL;
      this.restPagingMaxId = 10_000_000L;
      this.changeActivityTypeIds = List.of(12, 13);
      this.mergeActivityTypeId = 32;
      this.changeOverlap = Duration.ofMinutes(5);
      this.smartGridActivityTypeIds = List.of(1, 2, 3, 6, 7, 8, 9, 10, 11, 46);
      this.activityTypeApiNames = apiNames;
      this.createActivityTypes = false;
      this.limits = MarketoLimits.defaults();
    }

    private Builder(MarketoSettings s) {
      this.baseUrl = s.baseUrl;
      this.clientId = s.clientId;
      this.clientSecret = s.clientSecret;
      this.fields = s.fields;
      this.callsPerWindow = s.callsPerWindow;
      this.rateWindow = s.rateWindow;
      this.maxConcurrent = s.maxConcurrent;
      this.budgetShare = s.budgetShare;
      this.dailyQuota = s.dailyQuota;
      this.tokenRefreshMargin = s.tokenRefreshMargin;
      this.requestTimeout = s.requestTimeout;
      this.retry = s.retry;
      this.bulkSnapshot = s.bulkSnapshot;
      this.snapshotStart = s.snapshotStart;
      this.bulkWindow = s.bulkWindow;
      this.bulkPollInterval = s.bulkPollInterval;
      this.restPagingMaxId = s.restPagingMaxId;
      this.changeActivityTypeIds = s.changeActivityTypeIds;
      this.mergeActivityTypeId = s.mergeActivityTypeId;
      this.changeOverlap = s.changeOverlap;
      this.smartGridActivityTypeIds = s.smartGridActivityTypeIds;
      this.activityTypeApiNames = s.activityTypeApiNames;
      this.createActivityTypes = s.createActivityTypes;
      this.limits = s.limits;
    }

    /** See {@link MarketoSettings#baseUrl()}. */
    public Builder baseUrl(URI value) {
      this.baseUrl = value;
      return this;
    }

    /** See {@link MarketoSettings#clientId()}. */
    public Builder clientId(String value) {
      this.clientId = value;
      return this;
    }

    /** See {@link MarketoSettings#clientSecret()}. */
    public Builder clientSecret(String value) {
      this.clientSecret = value;
      return this;
    }

    /** See {@link MarketoSettings#fields()}. */
    public Builder fields(SourceFields value) {
      this.fields = value;
      return this;
    }

    /** See {@link MarketoSettings#callsPerWindow()}. */
    public Builder callsPerWindow(int value) {
      this.callsPerWindow = value;
      return this;
    }

    /** See {@link MarketoSettings#rateWindow()}. */
    public Builder rateWindow(Duration value) {
      this.rateWindow = value;
      return this;
    }

    /** See {@link MarketoSettings#maxConcurrent()}. */
    public Builder maxConcurrent(int value) {
      this.maxConcurrent = value;
      return this;
    }

    /** See {@link MarketoSettings#budgetShare()}. */
    public Builder budgetShare(double value) {
      this.budgetShare = value;
      return this;
    }

    /** See {@link MarketoSettings#dailyQuota()}. */
    public Builder dailyQuota(long value) {
      this.dailyQuota = value;
      return this;
    }

    /** See {@link MarketoSettings#tokenRefreshMargin()}. */
    public Builder tokenRefreshMargin(Duration value) {
      this.tokenRefreshMargin = value;
      return this;
    }

    /** See {@link MarketoSettings#requestTimeout()}. */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = value;
      return this;
    }

    /** See {@link MarketoSettings#retry()}. */
    public Builder retry(RetryPolicy value) {
      this.retry = value;
      return this;
    }

    /** See {@link MarketoSettings#bulkSnapshot()}. */
    public Builder bulkSnapshot(boolean value) {
      this.bulkSnapshot = value;
      return this;
    }

    /** See {@link MarketoSettings#snapshotStart()}. */
    public Builder snapshotStart(Instant value) {
      this.snapshotStart = value;
      return this;
    }

    /** See {@link MarketoSettings#bulkWindow()}. */
    public Builder bulkWindow(Duration value) {
      this.bulkWindow = value;
      return this;
    }

    /** See {@link MarketoSettings#bulkPollInterval()}. */
    public Builder bulkPollInterval(Duration value) {
      this.bulkPollInterval = value;
      return this;
    }

    /** See {@link MarketoSettings#restPagingMaxId()}. */
    public Builder restPagingMaxId(long value) {
      this.restPagingMaxId = value;
      return this;
    }

    /** See {@link MarketoSettings#changeActivityTypeIds()}. */
    public Builder changeActivityTypeIds(List<Integer> value) {
      this.changeActivityTypeIds = value;
      return this;
    }

    /** See {@link MarketoSettings#mergeActivityTypeId()}. */
    public Builder mergeActivityTypeId(int value) {
      this.mergeActivityTypeId = value;
      return this;
    }

    /** See {@link MarketoSettings#changeOverlap()}. */
    public Builder changeOverlap(Duration value) {
      this.changeOverlap = value;
      return this;
    }

    /** See {@link MarketoSettings#smartGridActivityTypeIds()}. */
    public Builder smartGridActivityTypeIds(List<Integer> value) {
      this.smartGridActivityTypeIds = value;
      return this;
    }

    /** See {@link MarketoSettings#activityTypeApiNames()}. */
    public Builder activityTypeApiNames(Map<ActivityKind, String> value) {
      this.activityTypeApiNames = value;
      return this;
    }

    /** See {@link MarketoSettings#createActivityTypes()}. */
    public Builder createActivityTypes(boolean value) {
      this.createActivityTypes = value;
      return this;
    }

    /** See {@link MarketoSettings#limits()}. */
    public Builder limits(MarketoLimits value) {
      this.limits = value;
      return this;
    }

    /**
     * The settings.
     *
     * @throws ConfigurationException listing every problem, each naming its setting
     */
    public MarketoSettings build() {
      return new MarketoSettings(this);
    }
  }
}
