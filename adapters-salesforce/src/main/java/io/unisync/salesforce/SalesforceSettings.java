package io.unisync.salesforce;

import io.unisync.core.error.ConfigurationException;
import io.unisync.core.retry.CallClass;
import io.unisync.core.retry.RetryPolicy;
import io.unisync.core.wire.Endpoints;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach and use one Salesforce org. Items our reference marks UNCONFIRMED (the external id field,
 * the completed status value) are settings.
 *
 * <p>Start from {@link #of(URI, SalesforceAuth)} (the defaults, {@code DEFAULT_*}) or {@link #builder(URI,
 * SalesforceAuth)}; change some with {@link #toBuilder()}; {@link Builder#build()} lists every problem at once. The
 * {@code withX} methods are shorthands over the builder. {@link #toString()} never shows a secret.
 */
public final class SalesforceSettings {

  /** The REST API version used unless set. */
  public static final String DEFAULT_API_VERSION = "67.0";
  /** The Activity custom field (External ID, Unique) holding our activity id, unless set. UNCONFIRMED: the org's admin names it. */
  public static final String DEFAULT_ACTIVITY_ID_FIELD = "Unisync_Activity_Id__c";
  /** The Task status of a logged activity, unless set. UNCONFIRMED: orgs rename their statuses. */
  public static final String DEFAULT_COMPLETED_STATUS = "Completed";
  /** The share of the org's daily request allowance used unless set. */
  public static final double DEFAULT_DAILY_BUDGET_SHARE = 0.9;
  /** The most one exchange may take unless set. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  /** How long calls stay away after {@code REQUEST_LIMIT_EXCEEDED} unless set. */
  public static final Duration DEFAULT_LIMIT_BACKOFF = Duration.ofMinutes(30);
  /** The most bytes read from one answer unless set: 32 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L << 20;

  private final URI tokenUrl;
  private final SalesforceAuth auth;
  private final String apiVersion;
  private final String activityIdField;
  private final String completedStatus;
  private final double dailyBudgetShare;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final Duration limitBackoff;
  private final long maxResponseBytes;

  private SalesforceSettings(Builder b) {
    List<String> problems = new ArrayList<>(Endpoints.problems("tokenUrl", b.tokenUrl, "https://acme.my.salesforce.com"));
    if (b.maxResponseBytes < 1024) {
      problems.add("maxResponseBytes must be at least 1024");
    }
    if (b.auth == null || b.auth.clientId() == null || b.auth.clientId().isBlank()) {
      problems.add("auth with a clientId is required");
    }
    if (b.apiVersion == null || !b.apiVersion.matches("\\d{2,3}\\.0")) {
      problems.add("apiVersion must look like 67.0");
    }
    if (b.activityIdField == null || !b.activityIdField.endsWith("__c")) {
      problems.add("activityIdField must be a custom field name ending in __c");
    }
    if (b.completedStatus == null || b.completedStatus.isBlank()) {
      problems.add("completedStatus is required");
    }
    if (!(b.dailyBudgetShare > 0 && b.dailyBudgetShare <= 1)) {
      problems.add("dailyBudgetShare must be in (0, 1]");
    }
    if (b.requestTimeout == null || b.requestTimeout.toMillis() < 100) {
      problems.add("requestTimeout must be at least 100 ms");
    }
    if (b.retry == null) {
      problems.add("retry must not be null (use RetryPolicy.defaults())");
    } else {
      problems.addAll(b.retry.problems("retry"));
    }
    if (b.limitBackoff == null || b.limitBackoff.isNegative()) {
      problems.add("limitBackoff must not be negative");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("SalesforceSettings", problems);
    }
    // each checked above
    this.tokenUrl = Objects.requireNonNull(b.tokenUrl);
    this.auth = Objects.requireNonNull(b.auth);
    this.apiVersion = Objects.requireNonNull(b.apiVersion);
    this.activityIdField = Objects.requireNonNull(b.activityIdField);
    this.completedStatus = Objects.requireNonNull(b.completedStatus);
    this.dailyBudgetShare = b.dailyBudgetShare;
    this.requestTimeout = Objects.requireNonNull(b.requestTimeout);
    this.retry = Objects.requireNonNull(b.retry);
    this.limitBackoff = Objects.requireNonNull(b.limitBackoff);
    this.maxResponseBytes = b.maxResponseBytes;
  }

  /**
   * The defaults ({@code DEFAULT_*}) for everything but where and how to sign in.
   *
   * @param tokenUrl where tokens come from
   * @param auth how to sign in
   * @return the settings
   */
  public static SalesforceSettings of(URI tokenUrl, SalesforceAuth auth) {
    return builder(tokenUrl, auth).build();
  }

  /**
   * A builder holding the defaults, for the org whose tokens come from {@code tokenUrl}.
   *
   * @param tokenUrl where tokens come from
   * @param auth how to sign in
   * @return the builder
   */
  public static Builder builder(URI tokenUrl, SalesforceAuth auth) {
    return new Builder(tokenUrl, auth);
  }

  /** {@return a builder holding these settings, to change some of them} */
  public Builder toBuilder() {
    return new Builder(tokenUrl, auth).apiVersion(apiVersion).activityIdField(activityIdField).completedStatus(completedStatus)
        .dailyBudgetShare(dailyBudgetShare).requestTimeout(requestTimeout).retry(retry).limitBackoff(limitBackoff)
        .maxResponseBytes(maxResponseBytes);
  }

  /**
   * Where tokens come from: the org's My Domain (needed for client credentials) or {@code
   * https://login.salesforce.com}; https required except on loopback.
   *
   * @return the token URL
   */
  public URI tokenUrl() {
    return tokenUrl;
  }

  /** {@return the OAuth flow} */
  public SalesforceAuth auth() {
    return auth;
  }

  /**
   * E.g. {@code 67.0}.
   *
   * @return the API version
   */
  public String apiVersion() {
    return apiVersion;
  }

  /** {@return the Activity custom field (External ID, Unique) holding our activity id} */
  public String activityIdField() {
    return activityIdField;
  }

  /** {@return the Task status for a logged (done) activity} */
  public String completedStatus() {
    return completedStatus;
  }

  /**
   * The share of the org's daily request allowance this library may use; beyond it calls stop with a retryable error
   * until the allowance (as reported by {@code Sforce-Limit-Info}) frees up.
   *
   * @return the share, 0 to 1
   */
  public double dailyBudgetShare() {
    return dailyBudgetShare;
  }

  /**
   * The most one exchange (headers and body) may take; an answer that sends no byte for a third of it (the first byte
   * included) is cut off sooner.
   *
   * @return the timeout of one exchange
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** {@return how calls are retried and how long each may take in all ({@link RetryPolicy#defaults()})} */
  public RetryPolicy retry() {
    return retry;
  }

  /** {@return how long to stay away after {@code REQUEST_LIMIT_EXCEEDED}} */
  public Duration limitBackoff() {
    return limitBackoff;
  }

  /**
   * The most bytes read from one answer (32 MiB): a larger one fails its call, permanently, instead of filling the heap.
   * A query page holds at most 2,000 rows, and Salesforce sends fewer when they are large.
   *
   * @return the largest answer in bytes
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Calls retried {@code retries} times (within the policy's background deadline), waiting {@code base} after the
   * first failure and doubling up to {@code max}; shorthand for {@link #withRetry(RetryPolicy)}.
   *
   * @param retries how many times a call is retried
   * @param base the first wait
   * @param max the longest wait
   * @return a copy with it
   */
  public SalesforceSettings withRetries(int retries, Duration base, Duration max) {
    return withRetry(retry.withBackground(retries + 1, retry.deadline(CallClass.BACKGROUND)).withBackoff(base, max));
  }

  /**
   * Shorthand for {@code toBuilder().retry(value).build()}.
   *
   * @param value the new {@code retry}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public SalesforceSettings withRetry(RetryPolicy value) {
    return toBuilder().retry(value).build();
  }

  /**
   * Shorthand for {@code toBuilder().dailyBudgetShare(share).build()}.
   *
   * @param share the new {@code dailyBudgetShare}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public SalesforceSettings withDailyBudgetShare(double share) {
    return toBuilder().dailyBudgetShare(share).build();
  }

  /**
   * Shorthand for {@code toBuilder().apiVersion(version).build()}.
   *
   * @param version the new {@code apiVersion}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public SalesforceSettings withApiVersion(String version) {
    return toBuilder().apiVersion(version).build();
  }

  /**
   * Shorthand for {@code toBuilder().maxResponseBytes(bytes).build()}.
   *
   * @param bytes the new {@code maxResponseBytes}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public SalesforceSettings withMaxResponseBytes(long bytes) {
    return toBuilder().maxResponseBytes(bytes).build();
  }

  /**
   * Shorthand for {@code toBuilder().requestTimeout(timeout).build()}.
   *
   * @param timeout the new {@code requestTimeout}
   * @return a copy with it, checked as {@code build()} checks it
   */
  public SalesforceSettings withRequestTimeout(Duration timeout) {
    return toBuilder().requestTimeout(timeout).build();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SalesforceSettings that && tokenUrl.equals(that.tokenUrl) && auth.equals(that.auth)
        && apiVersion.equals(that.apiVersion) && activityIdField.equals(that.activityIdField)
        && completedStatus.equals(that.completedStatus) && Double.compare(dailyBudgetShare, that.dailyBudgetShare) == 0
        && requestTimeout.equals(that.requestTimeout) && retry.equals(that.retry) && limitBackoff.equals(that.limitBackoff)
        && maxResponseBytes == that.maxResponseBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(tokenUrl, auth, apiVersion, activityIdField, completedStatus, dailyBudgetShare, requestTimeout, retry,
        limitBackoff, maxResponseBytes);
  }

  @Override
  public String toString() {
    return "SalesforceSettings[tokenUrl=" + tokenUrl + ", auth=" + auth + ", apiVersion=" + apiVersion + ", activityIdField="
        + activityIdField + ", completedStatus=" + completedStatus + ", dailyBudgetShare=" + dailyBudgetShare + ", requestTimeout="
        + requestTimeout + ", retry=" + retry + ", limitBackoff=" + limitBackoff + ", maxResponseBytes=" + maxResponseBytes + "]";
  }

  /**
   * Settings in the making: one setter per knob, each starting at its default; {@link #build()} checks them all at once
   * and lists every problem. Not thread-safe; reusable.
   */
  public static final class Builder {
    private @Nullable URI tokenUrl;
    private @Nullable SalesforceAuth auth;
    private @Nullable String apiVersion = DEFAULT_API_VERSION;
    private @Nullable String activityIdField = DEFAULT_ACTIVITY_ID_FIELD;
    private @Nullable String completedStatus = DEFAULT_COMPLETED_STATUS;
    private double dailyBudgetShare = DEFAULT_DAILY_BUDGET_SHARE;
    private @Nullable Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private @Nullable RetryPolicy retry = RetryPolicy.defaults();
    private @Nullable Duration limitBackoff = DEFAULT_LIMIT_BACKOFF;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    private Builder(URI tokenUrl, SalesforceAuth auth) {
      this.tokenUrl = tokenUrl;
      this.auth = auth;
    }

    /**
     * Sets {@link SalesforceSettings#apiVersion()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder apiVersion(String value) {
      this.apiVersion = value;
      return this;
    }

    /**
     * Sets {@link SalesforceSettings#activityIdField()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder activityIdField(String value) {
      this.activityIdField = value;
      return this;
    }

    /**
     * Sets {@link SalesforceSettings#completedStatus()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder completedStatus(String value) {
      this.completedStatus = value;
      return this;
    }

    /**
     * Sets {@link SalesforceSettings#dailyBudgetShare()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder dailyBudgetShare(double value) {
      this.dailyBudgetShare = value;
      return this;
    }

    /**
     * Sets {@link SalesforceSettings#requestTimeout()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = value;
      return this;
    }

    /**
     * Sets {@link SalesforceSettings#retry()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder retry(RetryPolicy value) {
      this.retry = value;
      return this;
    }

    /**
     * Sets {@link SalesforceSettings#limitBackoff()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder limitBackoff(Duration value) {
      this.limitBackoff = value;
      return this;
    }

    /**
     * Sets {@link SalesforceSettings#maxResponseBytes()}.
     *
     * @param value the new value, checked by {@link #build()}
     * @return this builder
     */
    public Builder maxResponseBytes(long value) {
      this.maxResponseBytes = value;
      return this;
    }

    /**
     * The settings.
     *
     * @throws ConfigurationException listing every problem, each naming its setting
     * @return the settings
     */
    public SalesforceSettings build() {
      return new SalesforceSettings(this);
    }
  }
}
