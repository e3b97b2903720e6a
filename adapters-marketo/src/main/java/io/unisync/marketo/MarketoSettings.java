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

  private MarketoSettings(URI baseUrl, String clientId, String clientSecret, SourceFields fields, int callsPerWindow, Duration
      rateWindow, int maxConcurrent, double budgetShare, long dailyQuota, Duration tokenRefreshMargin, Duration
      requestTimeout, RetryPolicy retry, boolean bulkSnapshot, Instant
      snapshotStart, Duration bulkWindow, Duration bulkPollInterval, long restPagingMaxId, List<Integer>
      changeActivityTypeIds, int mergeActivityTypeId, Duration changeOverlap, List<Integer>
      smartGridActivityTypeIds, Map<ActivityKind, String> activityTypeApiNames, boolean createActivityTypes,
      MarketoLimits limits) {
    changeActivityTypeIds = changeActivityTypeIds == null ? null : List.copyOf(changeActivityTypeIds);
    smartGridActivityTypeIds = smartGridActivityTypeIds == null ? null : List.copyOf(smartGridActivityTypeIds);
    activityTypeApiNames = activityTypeApiNames == null ? null : Map.copyOf(activityTypeApiNames);
    List<String> problems = problems(baseUrl, clientId, clientSecret, fields, callsPerWindow, rateWindow, maxConcurrent,
        budgetShare, dailyQuota, tokenRefreshMargin, requestTimeout, retry,
        snapshotStart, bulkWindow, bulkPollInterval, changeActivityTypeIds, changeOverlap, smartGridActivityTypeIds, activityTypeApiNames);
    if (limits == null) {
      problems.add("limits must not be null (use MarketoLimits.defaults())");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("MarketoSettings", problems);
    }
    this.baseUrl = baseUrl;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.fields = fields;
    this.callsPerWindow = callsPerWindow;
    this.rateWindow = rateWindow;
    this.maxConcurrent = maxConcurrent;
    this.budgetShare = budgetShare;
    this.dailyQuota = dailyQuota;
    this.tokenRefreshMargin = tokenRefreshMargin;
    this.requestTimeout = requestTimeout;
    this.retry = retry;
    this.bulkSnapshot = bulkSnapshot;
    this.snapshotStart = snapshotStart;
    this.bulkWindow = bulkWindow;
    this.bulkPollInterval = bulkPollInterval;
    this.restPagingMaxId = restPagingMaxId;
    this.changeActivityTypeIds = java.util.Objects.requireNonNull(changeActivityTypeIds); // checked above
    this.mergeActivityTypeId = mergeActivityTypeId;
    this.changeOverlap = changeOverlap;
    this.smartGridActivityTypeIds = java.util.Objects.requireNonNull(smartGridActivityTypeIds);
    this.activityTypeApiNames = java.util.Objects.requireNonNull(activityTypeApiNames);
    this.createActivityTypes = createActivityTypes;
    this.limits = limits;
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



  /** Defaults for everything but where and who. */
  public static MarketoSettings of(URI baseUrl, String clientId, String clientSecret) {
    Map<ActivityKind, String> apiNames = new EnumMap<>(ActivityKind.class);
    for (ActivityKind kind : ActivityKind.values()) {
      apiNames.put(kind, defaultApiName(kind));
    }
    return new MarketoSettings(baseUrl, clientId, clientSecret, SourceFields.standard(), DEFAULT_CALLS_PER_WINDOW, DEFAULT_RATE_WINDOW,
        DEFAULT_MAX_CONCURRENT, 1.0, 50_000, Duration.ofSeconds(60), Duration.ofSeconds(30), RetryPolicy.defaults(), true,
        DEFAULT_SNAPSHOT_START, DEFAULT_BULK_WINDOW, DEFAULT_BULK_POLL_INTERVAL, 10_000_000L, List.of(12, 13), 32,
        Duration.ofMinutes(5), List.of(1, 2, 3, 6, 7, 8, 9, 10, 11, 46), apiNames, false, MarketoLimits.defaults());
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
    return new MarketoSettings(baseUrl, clientId, clientSecret, value, callsPerWindow, rateWindow, maxConcurrent, budgetShare,
        dailyQuota, tokenRefreshMargin, requestTimeout, retry, bulkSnapshot, snapshotStart,
        bulkWindow, bulkPollInterval, restPagingMaxId, changeActivityTypeIds, mergeActivityTypeId, changeOverlap,
        smartGridActivityTypeIds, activityTypeApiNames, createActivityTypes, limits);
  }

  public MarketoSettings withRateLimit(int calls, Duration window, int concurrent, double share) {
    return new MarketoSettings(baseUrl, clientId, clientSecret, fields, calls, window, concurrent, share,
        dailyQuota, tokenRefreshMargin, requestTimeout, retry, bulkSnapshot, snapshotStart,
        bulkWindow, bulkPollInterval, restPagingMaxId, changeActivityTypeIds, mergeActivityTypeId, changeOverlap,
        smartGridActivityTypeIds, activityTypeApiNames, createActivityTypes, limits);
  }

  public MarketoSettings withDailyQuota(long quota) {
    return new MarketoSettings(baseUrl, clientId, clientSecret, fields, callsPerWindow, rateWindow, maxConcurrent, budgetShare,
        quota, tokenRefreshMargin, requestTimeout, retry, bulkSnapshot, snapshotStart,
        bulkWindow, bulkPollInterval, restPagingMaxId, changeActivityTypeIds, mergeActivityTypeId, changeOverlap,
        smartGridActivityTypeIds, activityTypeApiNames, createActivityTypes, limits);
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
    return new MarketoSettings(baseUrl, clientId, clientSecret, fields, callsPerWindow, rateWindow, maxConcurrent, budgetShare,
        dailyQuota, tokenRefreshMargin, requestTimeout, value, bulkSnapshot, snapshotStart,
        bulkWindow, bulkPollInterval, restPagingMaxId, changeActivityTypeIds, mergeActivityTypeId, changeOverlap,
        smartGridActivityTypeIds, activityTypeApiNames, createActivityTypes, limits);
  }

  public MarketoSettings withRequestTimeout(Duration timeout) {
    return new MarketoSettings(baseUrl, clientId, clientSecret, fields, callsPerWindow, rateWindow, maxConcurrent, budgetShare,
        dailyQuota, tokenRefreshMargin, timeout, retry, bulkSnapshot, snapshotStart,
        bulkWindow, bulkPollInterval, restPagingMaxId, changeActivityTypeIds, mergeActivityTypeId, changeOverlap,
        smartGridActivityTypeIds, activityTypeApiNames, createActivityTypes, limits);
  }

  public MarketoSettings withBulk(boolean enabled, Instant start, Duration window, Duration pollInterval) {
    return new MarketoSettings(baseUrl, clientId, clientSecret, fields, callsPerWindow, rateWindow, maxConcurrent, budgetShare,
        dailyQuota, tokenRefreshMargin, requestTimeout, retry, enabled, start,
        window, pollInterval, restPagingMaxId, changeActivityTypeIds, mergeActivityTypeId, changeOverlap,
        smartGridActivityTypeIds, activityTypeApiNames, createActivityTypes, limits);
  }

  public MarketoSettings withRestPagingMaxId(long maxId) {
    return new MarketoSettings(baseUrl, clientId, clientSecret, fields, callsPerWindow, rateWindow, maxConcurrent, budgetShare,
        dailyQuota, tokenRefreshMargin, requestTimeout, retry, bulkSnapshot, snapshotStart,
        bulkWindow, bulkPollInterval, maxId, changeActivityTypeIds, mergeActivityTypeId, changeOverlap,
        smartGridActivityTypeIds, activityTypeApiNames, createActivityTypes, limits);
  }

  public MarketoSettings withCreateActivityTypes(boolean allowed) {
    return new MarketoSettings(baseUrl, clientId, clientSecret, fields, callsPerWindow, rateWindow, maxConcurrent, budgetShare,
        dailyQuota, tokenRefreshMargin, requestTimeout, retry, bulkSnapshot, snapshotStart,
        bulkWindow, bulkPollInterval, restPagingMaxId, changeActivityTypeIds, mergeActivityTypeId, changeOverlap,
        smartGridActivityTypeIds, activityTypeApiNames, allowed, limits);
  }

  public MarketoSettings withLimits(MarketoLimits value) {
    return new MarketoSettings(baseUrl, clientId, clientSecret, fields, callsPerWindow, rateWindow, maxConcurrent, budgetShare,
        dailyQuota, tokenRefreshMargin, requestTimeout, retry, bulkSnapshot, snapshotStart,
        bulkWindow, bulkPollInterval, restPagingMaxId, changeActivityTypeIds, mergeActivityTypeId, changeOverlap,
        smartGridActivityTypeIds, activityTypeApiNames, createActivityTypes, value);
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

  private static List<String> problems(URI baseUrl, String clientId, String clientSecret, SourceFields fields, int callsPerWindow,
      Duration rateWindow, int maxConcurrent, double budgetShare, long dailyQuota, Duration tokenRefreshMargin,
      Duration requestTimeout, RetryPolicy retry, Instant snapshotStart,
      Duration bulkWindow, Duration bulkPollInterval, @org.jspecify.annotations.Nullable List<Integer> changeTypes, Duration changeOverlap,
      @org.jspecify.annotations.Nullable List<Integer> smartGridTypes, @org.jspecify.annotations.Nullable Map<ActivityKind, String> apiNames) {
    List<String> problems = new ArrayList<>(io.unisync.core.wire.Endpoints.problems("baseUrl", baseUrl, "https://284-RPR-133.mktorest.com"));
    if (baseUrl != null && baseUrl.getHost() != null) {
      if (baseUrl.getPath() != null && baseUrl.getPath().endsWith("/")) {
        problems.add("baseUrl must not end with '/' (Marketo rejects double slashes)");
      }
    }
    if (clientId == null || clientId.isBlank()) {
      problems.add("clientId is required");
    }
    if (clientSecret == null || clientSecret.isBlank()) {
      problems.add("clientSecret is required");
    }
    if (fields == null) {
      problems.add("fields must not be null (use SourceFields.standard())");
    }
    if (callsPerWindow < 1) {
      problems.add("callsPerWindow must be at least 1");
    }
    if (rateWindow == null || rateWindow.isNegative() || rateWindow.isZero()) {
      problems.add("rateWindow must be positive");
    }
    if (maxConcurrent < 1) {
      problems.add("maxConcurrent must be at least 1");
    }
    if (!(budgetShare > 0 && budgetShare <= 1)) {
      problems.add("budgetShare must be in (0, 1]");
    }
    if (dailyQuota < 1) {
      problems.add("dailyQuota must be at least 1");
    }
    if (tokenRefreshMargin == null || tokenRefreshMargin.isNegative()) {
      problems.add("tokenRefreshMargin must not be negative");
    }
    if (requestTimeout == null || requestTimeout.toMillis() < 100) {
      problems.add("requestTimeout must be at least 100 ms");
    }
    if (retry == null) {
      problems.add("retry must not be null (use RetryPolicy.defaults())");
    } else {
      problems.addAll(retry.problems("retry"));
    }
    if (snapshotStart == null) {
      problems.add("snapshotStart is required");
    }
    if (bulkWindow == null || bulkWindow.isNegative() || bulkWindow.isZero() || bulkWindow.compareTo(Duration.ofDays(31)) > 0) {
      problems.add("bulkWindow must be between 1 ms and 31 days (Marketo's limit for one export)");
    }
    if (bulkPollInterval == null || bulkPollInterval.isNegative()) {
      problems.add("bulkPollInterval must not be negative");
    }
    if (changeTypes == null || changeTypes.isEmpty()) {
      problems.add("changeActivityTypeIds must name at least one type");
    }
    if (changeOverlap == null || changeOverlap.isNegative()) {
      problems.add("changeOverlap must not be negative");
    }
    if (smartGridTypes == null || smartGridTypes.isEmpty() || smartGridTypes.size() > 10) {
      problems.add("smartGridActivityTypeIds must name 1 to 10 types (Marketo reads at most 10 per call)");
    }
    if (apiNames == null || apiNames.size() != ActivityKind.values().length) {
      problems.add("activityTypeApiNames must name a custom activity type for each of the 8 kinds");
    }
    return problems;
  }
}
