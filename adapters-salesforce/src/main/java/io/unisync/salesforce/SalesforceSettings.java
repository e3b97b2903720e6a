package io.unisync.salesforce;

import io.unisync.core.error.ConfigurationException;
import io.unisync.core.retry.CallClass;
import io.unisync.core.retry.RetryPolicy;
import io.unisync.core.wire.Endpoints;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to reach and use one Salesforce org. Items our reference marks UNCONFIRMED (the external id field,
 * the completed status value) are settings.
 */
public final class SalesforceSettings {
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

  private SalesforceSettings(URI tokenUrl, SalesforceAuth auth, String apiVersion, String activityIdField, String completedStatus, double
      dailyBudgetShare, Duration requestTimeout, RetryPolicy retry,
      Duration limitBackoff, long maxResponseBytes) {
    List<String> problems = new ArrayList<>(Endpoints.problems("tokenUrl", tokenUrl, "https://acme.my.salesforce.com"));
    if (maxResponseBytes < 1024) {
      problems.add("maxResponseBytes must be at least 1024");
    }
    if (auth == null || auth.clientId() == null || auth.clientId().isBlank()) {
      problems.add("auth with a clientId is required");
    }
    if (apiVersion == null || !apiVersion.matches("\\d{2,3}\\.0")) {
      problems.add("apiVersion must look like 67.0");
    }
    if (activityIdField == null || !activityIdField.endsWith("__c")) {
      problems.add("activityIdField must be a custom field name ending in __c");
    }
    if (completedStatus == null || completedStatus.isBlank()) {
      problems.add("completedStatus is required");
    }
    if (!(dailyBudgetShare > 0 && dailyBudgetShare <= 1)) {
      problems.add("dailyBudgetShare must be in (0, 1]");
    }
    if (requestTimeout == null || requestTimeout.toMillis() < 100) {
      problems.add("requestTimeout must be at least 100 ms");
    }
    if (retry == null) {
      problems.add("retry must not be null (use RetryPolicy.defaults())");
    } else {
      problems.addAll(retry.problems("retry"));
    }
    if (limitBackoff == null || limitBackoff.isNegative()) {
      problems.add("limitBackoff must not be negative");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("SalesforceSettings", problems);
    }
    this.tokenUrl = tokenUrl;
    this.auth = auth;
    this.apiVersion = apiVersion;
    this.activityIdField = activityIdField;
    this.completedStatus = completedStatus;
    this.dailyBudgetShare = dailyBudgetShare;
    this.requestTimeout = requestTimeout;
    this.retry = retry;
    this.limitBackoff = limitBackoff;
    this.maxResponseBytes = maxResponseBytes;
  }

  /**
   * Where tokens come from: the org's My Domain (needed for client credentials) or {@code
   * https://login.salesforce.com}; https required except on loopback.
   */
  public URI tokenUrl() {
    return tokenUrl;
  }

  /** The OAuth flow. */
  public SalesforceAuth auth() {
    return auth;
  }

  /** E.g. {@code 67.0}. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The Activity custom field (External ID, Unique) holding our activity id. */
  public String activityIdField() {
    return activityIdField;
  }

  /** The Task status for a logged (done) activity. */
  public String completedStatus() {
    return completedStatus;
  }

  /**
   * The share of the org's daily request allowance this library may use; beyond it calls stop with a retryable error
   * until the allowance (as reported by {@code Sforce-Limit-Info}) frees up.
   */
  public double dailyBudgetShare() {
    return dailyBudgetShare;
  }

  /** Per HTTP request. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** How calls are retried and how long each may take in all ({@link RetryPolicy#defaults()}). */
  public RetryPolicy retry() {
    return retry;
  }

  /** How long to stay away after {@code REQUEST_LIMIT_EXCEEDED}. */
  public Duration limitBackoff() {
    return limitBackoff;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof SalesforceSettings that && java.util.Objects.equals(tokenUrl, that.tokenUrl)
        && java.util.Objects.equals(auth, that.auth)
        && java.util.Objects.equals(apiVersion, that.apiVersion)
        && java.util.Objects.equals(activityIdField, that.activityIdField)
        && java.util.Objects.equals(completedStatus, that.completedStatus)
        && Double.compare(dailyBudgetShare, that.dailyBudgetShare) == 0
        && java.util.Objects.equals(requestTimeout, that.requestTimeout)
        && java.util.Objects.equals(retry, that.retry)
        && java.util.Objects.equals(limitBackoff, that.limitBackoff)
        && maxResponseBytes == that.maxResponseBytes;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(tokenUrl, auth, apiVersion, activityIdField, completedStatus, dailyBudgetShare, requestTimeout, retry, limitBackoff, maxResponseBytes);
  }

  @Override
  public String toString() {
    return "SalesforceSettings[tokenUrl=" + tokenUrl
        + ", auth=" + auth
        + ", apiVersion=" + apiVersion
        + ", activityIdField=" + activityIdField
        + ", completedStatus=" + completedStatus
        + ", dailyBudgetShare=" + dailyBudgetShare
        + ", requestTimeout=" + requestTimeout
        + ", retry=" + retry
        + ", limitBackoff=" + limitBackoff
        + ", maxResponseBytes=" + maxResponseBytes + "]";
  }



  /** Defaults: API 67.0, field {@code Unisync_Activity_Id__c}, status Completed, 90% of the daily allowance. */
  public static SalesforceSettings of(URI tokenUrl, SalesforceAuth auth) {
    return new SalesforceSettings(tokenUrl, auth, "67.0", "Unisync_Activity_Id__c", "Completed", 0.9, Duration.ofSeconds(60),
        RetryPolicy.defaults(), Duration.ofMinutes(30), 32L << 20);
  }

  /**
   * Calls retried {@code retries} times (within the policy's background deadline), waiting {@code base} after the
   * first failure and doubling up to {@code max}; shorthand for {@link #withRetry(RetryPolicy)}.
   */
  public SalesforceSettings withRetries(int retries, Duration base, Duration max) {
    return withRetry(retry.withBackground(retries + 1, retry.deadline(CallClass.BACKGROUND)).withBackoff(base, max));
  }

  /** How calls are retried and how long each may take. */
  public SalesforceSettings withRetry(RetryPolicy value) {
    return new SalesforceSettings(tokenUrl, auth, apiVersion, activityIdField, completedStatus, dailyBudgetShare, requestTimeout,
        value, limitBackoff, maxResponseBytes);
  }

  public SalesforceSettings withDailyBudgetShare(double share) {
    return new SalesforceSettings(tokenUrl, auth, apiVersion, activityIdField, completedStatus, share, requestTimeout,
        retry, limitBackoff, maxResponseBytes);
  }

  public SalesforceSettings withApiVersion(String version) {
    return new SalesforceSettings(tokenUrl, auth, version, activityIdField, completedStatus, dailyBudgetShare, requestTimeout,
        retry, limitBackoff, maxResponseBytes);
  }

  /**
   * The most bytes read from one answer (32 MiB): a larger one fails its call, permanently, instead of filling the heap.
   * A query page holds at most 2,000 rows, and Salesforce sends fewer when they are large.
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /** See {@link #maxResponseBytes()}; at least 1,024. */
  public SalesforceSettings withMaxResponseBytes(long bytes) {
    return new SalesforceSettings(tokenUrl, auth, apiVersion, activityIdField, completedStatus, dailyBudgetShare, requestTimeout,
        retry, limitBackoff, bytes);
  }

  /**
   * The most one exchange (headers and body) may take; an answer that sends no byte for a third of it (the first byte
   * included) is cut off sooner.
   */
  public SalesforceSettings withRequestTimeout(Duration timeout) {
    return new SalesforceSettings(tokenUrl, auth, apiVersion, activityIdField, completedStatus, dailyBudgetShare, timeout,
        retry, limitBackoff, maxResponseBytes);
  }
}
