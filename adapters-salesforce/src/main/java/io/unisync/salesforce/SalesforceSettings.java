package io.unisync.salesforce;

import io.unisync.core.error.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to reach and use one Salesforce org. Items our reference marks UNCONFIRMED (the external id field,
 * the completed status value) are settings.
 *
 * @param tokenUrl where tokens come from: the org's My Domain (needed for client credentials) or
 *     {@code https://login.salesforce.com}; https required except on loopback
 * @param auth the OAuth flow
 * @param apiVersion e.g. {@code 67.0}
 * @param activityIdField the Activity custom field (External ID, Unique) holding our activity id
 * @param completedStatus the Task status for a logged (done) activity
 * @param dailyBudgetShare the share of the org's daily request allowance this library may use; beyond it
 *     calls stop with a retryable error until the allowance (as reported by {@code Sforce-Limit-Info}) frees up
 * @param requestTimeout per HTTP request
 * @param maxRetries retries of a retryable failure
 * @param retryBaseDelay first retry delay, doubling with jitter up to {@code retryMaxDelay}
 * @param retryMaxDelay the cap of a retry delay
 * @param limitBackoff how long to stay away after {@code REQUEST_LIMIT_EXCEEDED}
 */
public record SalesforceSettings(
    URI tokenUrl,
    SalesforceAuth auth,
    String apiVersion,
    String activityIdField,
    String completedStatus,
    double dailyBudgetShare,
    Duration requestTimeout,
    int maxRetries,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    Duration limitBackoff) {

  public SalesforceSettings {
    List<String> problems = new ArrayList<>();
    if (tokenUrl == null || tokenUrl.getHost() == null) {
      problems.add("tokenUrl must be an absolute URL such as https://acme.my.salesforce.com");
    } else if (!"https".equalsIgnoreCase(tokenUrl.getScheme()) && !tokenUrl.getHost().equals("127.0.0.1") && !tokenUrl.getHost().equals("localhost")) {
      problems.add("tokenUrl must use https (plain http is allowed on loopback only): " + tokenUrl.getHost());
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
    if (maxRetries < 0) {
      problems.add("maxRetries must not be negative");
    }
    if (retryBaseDelay == null || retryMaxDelay == null || retryBaseDelay.isNegative() || retryMaxDelay.compareTo(retryBaseDelay) < 0) {
      problems.add("retry delays must satisfy 0 <= retryBaseDelay <= retryMaxDelay");
    }
    if (limitBackoff == null || limitBackoff.isNegative()) {
      problems.add("limitBackoff must not be negative");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("SalesforceSettings", problems);
    }
  }

  /** Defaults: API 67.0, field {@code Unisync_Activity_Id__c}, status Completed, 90% of the daily allowance. */
  public static SalesforceSettings of(URI tokenUrl, SalesforceAuth auth) {
    return new SalesforceSettings(tokenUrl, auth, "67.0", "Unisync_Activity_Id__c", "Completed", 0.9, Duration.ofSeconds(60), 5,
        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(30));
  }

  public SalesforceSettings withRetries(int retries, Duration base, Duration max) {
    return new SalesforceSettings(tokenUrl, auth, apiVersion, activityIdField, completedStatus, dailyBudgetShare, requestTimeout,
        retries, base, max, limitBackoff);
  }

  public SalesforceSettings withDailyBudgetShare(double share) {
    return new SalesforceSettings(tokenUrl, auth, apiVersion, activityIdField, completedStatus, share, requestTimeout,
        maxRetries, retryBaseDelay, retryMaxDelay, limitBackoff);
  }

  public SalesforceSettings withApiVersion(String version) {
    return new SalesforceSettings(tokenUrl, auth, version, activityIdField, completedStatus, dailyBudgetShare, requestTimeout,
        maxRetries, retryBaseDelay, retryMaxDelay, limitBackoff);
  }

  /** The most one exchange (headers and body) may take. */
  public SalesforceSettings withRequestTimeout(Duration timeout) {
    return new SalesforceSettings(tokenUrl, auth, apiVersion, activityIdField, completedStatus, dailyBudgetShare, timeout,
        maxRetries, retryBaseDelay, retryMaxDelay, limitBackoff);
  }
}
