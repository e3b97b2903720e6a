package io.unisync.marketo;

import io.unisync.core.domain.SourceFields;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.port.CallLimits;
import io.unisync.core.retry.CallClass;
import io.unisync.core.retry.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach and use one Marketo instance: where and who, the field names, how long a call may take and how it is
 * retried, the bounds on every answer ({@link MarketoLimits}), and four groups of knobs, each its own immutable value
 * with a builder: the call budget ({@link MarketoRateLimit}), the initial sync ({@link MarketoSnapshot}), the activity
 * feeds ({@link MarketoFeeds}) and the custom activity types ({@link MarketoActivityTypes}). Every knob has a default
 * from Marketo's documentation; the items it leaves open (UNCONFIRMED in our reference) are knobs too.
 *
 * <p>Start from {@link #of(URI, String, String)} (the defaults) or {@link #builder(URI, String, String)}; change some
 * with {@link #toBuilder()}; {@link Builder#build()} lists every problem at once. The {@code withX} methods are
 * shorthands over the builder. {@link #toString()} never shows the client secret.
 */
public final class MarketoSettings {

  private final URI baseUrl;
  private final String clientId;
  private final String clientSecret;
  private final SourceFields fields;
  private final Duration tokenRefreshMargin;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final MarketoLimits limits;
  private final MarketoRateLimit rateLimit;
  private final MarketoSnapshot snapshot;
  private final MarketoFeeds feeds;
  private final MarketoActivityTypes activityTypes;

  private MarketoSettings(Builder b) {
    List<String> problems = new ArrayList<>(io.unisync.core.wire.Endpoints.problems("baseUrl", b.baseUrl, "https://284-RPR-133.mktorest.com"));
    if (b.baseUrl != null && b.baseUrl.getHost() != null && b.baseUrl.getPath() != null && b.baseUrl.getPath().endsWith("/")) {
      problems.add("baseUrl must not end with '/' (Marketo rejects double slashes)");
    }
    if (b.clientId == null || b.clientId.isBlank()) {
      problems.add("clientId is required");
    }
    if (b.clientSecret == null || b.clientSecret.isBlank()) {
      problems.add("clientSecret is required");
    }
    required(problems, "fields", b.fields, "SourceFields.standard()");
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
    required(problems, "limits", b.limits, "MarketoLimits.defaults()");
    required(problems, "rateLimit", b.rateLimit, "MarketoRateLimit.defaults()");
    required(problems, "snapshot", b.snapshot, "MarketoSnapshot.defaults()");
    required(problems, "feeds", b.feeds, "MarketoFeeds.defaults()");
    required(problems, "activityTypes", b.activityTypes, "MarketoActivityTypes.defaults()");
    if (!problems.isEmpty()) {
      throw new ConfigurationException("MarketoSettings", problems);
    }
    // each checked above
    this.baseUrl = Objects.requireNonNull(b.baseUrl);
    this.clientId = Objects.requireNonNull(b.clientId);
    this.clientSecret = Objects.requireNonNull(b.clientSecret);
    this.fields = Objects.requireNonNull(b.fields);
    this.tokenRefreshMargin = Objects.requireNonNull(b.tokenRefreshMargin);
    this.requestTimeout = Objects.requireNonNull(b.requestTimeout);
    this.retry = Objects.requireNonNull(b.retry);
    this.limits = Objects.requireNonNull(b.limits);
    this.rateLimit = Objects.requireNonNull(b.rateLimit);
    this.snapshot = Objects.requireNonNull(b.snapshot);
    this.feeds = Objects.requireNonNull(b.feeds);
    this.activityTypes = Objects.requireNonNull(b.activityTypes);
  }

  private static void required(List<String> problems, String name, @Nullable Object value, String fallback) {
    if (value == null) {
      problems.add(name + " must not be null (use " + fallback + ")");
    }
  }

  /**
   * Defaults for everything but where and who.
   *
   * @param baseUrl the instance's REST endpoint
   * @param clientId the API user's client id
   * @param clientSecret the API user's client secret (never printed)
   * @return the settings
   */
  public static MarketoSettings of(URI baseUrl, String clientId, String clientSecret) {
    return builder(baseUrl, clientId, clientSecret).build();
  }

  /**
   * A builder holding the defaults, for the instance at {@code baseUrl} reached as {@code clientId}.
   *
   * @param baseUrl the instance's REST endpoint
   * @param clientId the API user's client id
   * @param clientSecret the API user's client secret (never printed)
   * @return the builder
   */
  public static Builder builder(URI baseUrl, String clientId, String clientSecret) {
    return new Builder(baseUrl, clientId, clientSecret);
  }

  /** {@return a builder holding these settings, to change some of them} */
  public Builder toBuilder() {
    return new Builder(baseUrl, clientId, clientSecret).fields(fields).tokenRefreshMargin(tokenRefreshMargin).requestTimeout(requestTimeout)
        .retry(retry).limits(limits).rateLimit(rateLimit).snapshot(snapshot).feeds(feeds).activityTypes(activityTypes);
  }

  /**
   * E.g. {@code https://284-RPR-133.mktorest.com} (https required except on loopback).
   *
   * @return the instance's REST endpoint
   */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * The name every process calling this instance gives its shared call budget ({@code JdbcDatabase.callBudget(name,
   * limits)}): {@code marketo:} and the base URL's host, port and path, so two instances behind one host (a proxy, or
   * the simulators' {@code MarketoInstances}) keep two budgets, and one instance named alike by every replica keeps one.
   *
   * @return the budget's name
   */
  public String callBudgetName() {
    return "marketo:" + baseUrl.getAuthority() + (baseUrl.getPath() == null ? "" : baseUrl.getPath());
  }

  /** {@return the custom service's client id} */
  public String clientId() {
    return clientId;
  }

  /** {@return the custom service's client secret} */
  public String clientSecret() {
    return clientSecret;
  }

  /** {@return marketo's names for the 11 standard fields and the owner field} */
  public SourceFields fields() {
    return fields;
  }

  /** {@return a token with less life than this is renewed (60 s)} */
  public Duration tokenRefreshMargin() {
    return tokenRefreshMargin;
  }

  /**
   * Per HTTP request, headers and body (30 s; the bulk file download has its own deadline); an answer that sends no
   * byte for a third of it (the first byte included) is cut off sooner.
   *
   * @return the timeout of one request
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * How calls are retried, and each call's deadline: interactive calls (send gate, Smart Grid) one attempt within
   * 1.5 s, background calls 6 attempts within 4 minutes ({@link RetryPolicy#defaults()}).
   *
   * @return the retry policy
   */
  public RetryPolicy retry() {
    return retry;
  }

  /** {@return the bounds on every call, answer, poll and loop ({@link MarketoLimits#defaults()})} */
  public MarketoLimits limits() {
    return limits;
  }

  /** {@return what this library may spend of the instance's call limits ({@link MarketoRateLimit#defaults()})} */
  public MarketoRateLimit rateLimit() {
    return rateLimit;
  }

  /** {@return how the initial sync reads Marketo ({@link MarketoSnapshot#defaults()})} */
  public MarketoSnapshot snapshot() {
    return snapshot;
  }

  /** {@return which activity feeds are read and how ({@link MarketoFeeds#defaults()})} */
  public MarketoFeeds feeds() {
    return feeds;
  }

  /** {@return the custom activity types written ({@link MarketoActivityTypes#defaults()})} */
  public MarketoActivityTypes activityTypes() {
    return activityTypes;
  }

  /**
   * {@link #toBuilder()} with other field names.
   *
   * @param value the new {@code fields}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public MarketoSettings withFields(SourceFields value) {
    return toBuilder().fields(value).build();
  }

  /**
   * {@link #toBuilder()} with another call budget; {@code share} of it is this library's.
   *
   * @param calls calls allowed per window
   * @param window the window
   * @param concurrent calls allowed at once
   * @param share this library's share of both, 0 to 1
   * @return a copy with it
   */
  public MarketoSettings withRateLimit(int calls, Duration window, int concurrent, double share) {
    return toBuilder().rateLimit(rateLimit.toBuilder().calls(calls).window(window).concurrent(concurrent).share(share).build()).build();
  }

  /**
   * {@link #toBuilder()} with another daily quota.
   *
   * @param quota calls allowed per day
   * @return a copy with it
   */
  public MarketoSettings withDailyQuota(long quota) {
    return toBuilder().rateLimit(rateLimit.toBuilder().dailyQuota(quota).build()).build();
  }

  /**
   * Background calls retried {@code retries} times (within the policy's background deadline), waiting {@code base}
   * after the first failure and doubling up to {@code max}; shorthand for {@link #withRetry(RetryPolicy)}.
   *
   * @param retries how many times a background call is retried
   * @param base the first wait
   * @param max the longest wait
   * @return a copy with it
   */
  public MarketoSettings withRetries(int retries, Duration base, Duration max) {
    return withRetry(retry.withBackground(retries + 1, retry.deadline(CallClass.BACKGROUND)).withBackoff(base, max));
  }

  /**
   * How calls are retried and how long each may take.
   *
   * @param value the policy
   * @return a copy with it
   */
  public MarketoSettings withRetry(RetryPolicy value) {
    return toBuilder().retry(value).build();
  }

  /**
   * {@link #toBuilder()} with another request timeout.
   *
   * @param timeout the timeout of one request
   * @return a copy with it
   */
  public MarketoSettings withRequestTimeout(Duration timeout) {
    return toBuilder().requestTimeout(timeout).build();
  }

  /**
   * {@link #toBuilder()} with another snapshot: bulk or not, from {@code start}, in windows of {@code window}.
   *
   * @param enabled whether the snapshot uses bulk exports
   * @param start no person created before it is looked for
   * @param window the creation window of one export
   * @param pollInterval how often an export's status is polled
   * @return a copy with it
   */
  public MarketoSettings withBulk(boolean enabled, Instant start, Duration window, Duration pollInterval) {
    return toBuilder().snapshot(snapshot.toBuilder().bulk(enabled).start(start).window(window).pollInterval(pollInterval).build()).build();
  }

  /**
   * {@link #toBuilder()} with another highest id for REST paging.
   *
   * @param maxId the highest lead id paged through
   * @return a copy with it
   */
  public MarketoSettings withRestPagingMaxId(long maxId) {
    return toBuilder().snapshot(snapshot.toBuilder().restPagingMaxId(maxId).build()).build();
  }

  /**
   * {@link #toBuilder()} allowing (or not) missing custom activity types to be created.
   *
   * @param allowed whether missing types are created
   * @return a copy with it
   */
  public MarketoSettings withCreateActivityTypes(boolean allowed) {
    return toBuilder().activityTypes(activityTypes.toBuilder().createMissing(allowed).build()).build();
  }

  /**
   * {@link #toBuilder()} with other bounds.
   *
   * @param value the bounds
   * @return a copy with them
   */
  public MarketoSettings withLimits(MarketoLimits value) {
    return toBuilder().limits(value).build();
  }

  /**
   * The instance's limits as a call budget enforces them (this library's share of them). A call attempt never lasts
   * longer than {@code requestTimeout}, so one still open 5 s after that belonged to a process that died: it stops
   * counting as in flight. (A bulk file download holds its slot while it is read, and may outlast that: it then
   * stops counting, so a slow download can let one more call start than the concurrency cap says.)
   *
   * @return the call limits
   */
  public CallLimits callLimits() {
    return new CallLimits(rateLimit.effectiveCalls(), rateLimit.window(), rateLimit.effectiveConcurrency(), rateLimit.dailyQuota(),
        ZoneId.of("America/Chicago"), requestTimeout.plusSeconds(5));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof MarketoSettings that && baseUrl.equals(that.baseUrl) && clientId.equals(that.clientId)
        && clientSecret.equals(that.clientSecret) && fields.equals(that.fields) && tokenRefreshMargin.equals(that.tokenRefreshMargin)
        && requestTimeout.equals(that.requestTimeout) && retry.equals(that.retry) && limits.equals(that.limits)
        && rateLimit.equals(that.rateLimit) && snapshot.equals(that.snapshot) && feeds.equals(that.feeds)
        && activityTypes.equals(that.activityTypes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseUrl, clientId, clientSecret, fields, tokenRefreshMargin, requestTimeout, retry, limits, rateLimit, snapshot, feeds,
        activityTypes);
  }

  @Override
  public String toString() {
    return "MarketoSettings[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=****, requestTimeout=" + requestTimeout + ", "
        + rateLimit + ", " + snapshot + "]";
  }

  /**
   * Settings in the making: one setter per knob or group, each starting at its default; {@link #build()} checks them all
   * at once and lists every problem. Not thread-safe; reusable.
   */
  public static final class Builder {
    private @Nullable URI baseUrl;
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    private @Nullable SourceFields fields = SourceFields.standard();
    private @Nullable Duration tokenRefreshMargin = Duration.ofSeconds(60);
    private @Nullable Duration requestTimeout = Duration.ofSeconds(30);
    private @Nullable RetryPolicy retry = RetryPolicy.defaults();
    private @Nullable MarketoLimits limits = MarketoLimits.defaults();
    private @Nullable MarketoRateLimit rateLimit = MarketoRateLimit.defaults();
    private @Nullable MarketoSnapshot snapshot = MarketoSnapshot.defaults();
    private @Nullable MarketoFeeds feeds = MarketoFeeds.defaults();
    private @Nullable MarketoActivityTypes activityTypes = MarketoActivityTypes.defaults();

    private Builder(URI baseUrl, String clientId, String clientSecret) {
      this.baseUrl = baseUrl;
      this.clientId = clientId;
      this.clientSecret = clientSecret;
    }

    /**
     * Sets {@link MarketoSettings#fields()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder fields(SourceFields value) {
      this.fields = value;
      return this;
    }

    /**
     * Sets {@link MarketoSettings#tokenRefreshMargin()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder tokenRefreshMargin(Duration value) {
      this.tokenRefreshMargin = value;
      return this;
    }

    /**
     * Sets {@link MarketoSettings#requestTimeout()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = value;
      return this;
    }

    /**
     * Sets {@link MarketoSettings#retry()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder retry(RetryPolicy value) {
      this.retry = value;
      return this;
    }

    /**
     * Sets {@link MarketoSettings#limits()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder limits(MarketoLimits value) {
      this.limits = value;
      return this;
    }

    /**
     * Sets {@link MarketoSettings#rateLimit()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder rateLimit(MarketoRateLimit value) {
      this.rateLimit = value;
      return this;
    }

    /**
     * Sets {@link MarketoSettings#snapshot()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder snapshot(MarketoSnapshot value) {
      this.snapshot = value;
      return this;
    }

    /**
     * Sets {@link MarketoSettings#feeds()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder feeds(MarketoFeeds value) {
      this.feeds = value;
      return this;
    }

    /**
     * Sets {@link MarketoSettings#activityTypes()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder activityTypes(MarketoActivityTypes value) {
      this.activityTypes = value;
      return this;
    }

    /**
     * The settings.
     *
     * @throws ConfigurationException listing every problem, each naming its setting
     * @return the settings
     */
    public MarketoSettings build() {
      return new MarketoSettings(this);
    }
  }
}
