package io.unisync.salesforce;

import io.unisync.core.port.PersonStore;
import io.unisync.salesforce.internal.SalesforceHttp;
import java.time.Clock;

/** One Salesforce org: the session, retries and the daily budget, shared by the adapters made from it. Thread-safe. */
public final class Salesforce {

  private final SalesforceHttp http;

  private Salesforce(SalesforceHttp http) {
    this.http = http;
  }

  /** Connects lazily: the first call fetches a token. */
  public static Salesforce connect(SalesforceSettings settings) {
    return connect(settings, Clock.systemUTC());
  }

  public static Salesforce connect(SalesforceSettings settings, Clock clock) {
    return new Salesforce(new SalesforceHttp(settings, clock));
  }

  /**
   * Logs activities as Tasks; {@code scope} (the tenant) qualifies our External IDs so tenants sharing an org
   * never collide, {@code people} gives each person's Salesforce lead and contact ids, {@code links} keeps the
   * resolved identity links (refreshed daily).
   */
  public SalesforceActivitySink activitySink(String scope, PersonStore people, io.unisync.core.port.CrmLinkStore links) {
    return SalesforceActivitySink.create(this, scope, people, links, java.time.Duration.ofDays(1));
  }

  /** The Lead/Contact opt-out flags, re-reading one minute before each watermark. */
  public SalesforceCrmOptOuts crmOptOuts() {
    return SalesforceCrmOptOuts.create(this, java.time.Duration.ofMinutes(1));
  }

  /** Reminder Tasks, with our reminder id in {@code Unisync_Reminder_Id__c}, re-reading one minute before each watermark. */
  public SalesforceCrmTasks crmTasks(PersonStore people) {
    return SalesforceCrmTasks.create(this, people, "Unisync_Reminder_Id__c", java.time.Duration.ofMinutes(1));
  }

  /** API calls made so far. */
  public long calls() {
    return http.calls();
  }

  /** Calls repeated after a retryable failure. */
  public long retries() {
    return http.retries();
  }

  /** The last {@code Sforce-Limit-Info} reading: {used, max}. */
  public long[] apiUsage() {
    return http.apiUsage();
  }

  SalesforceHttp http() {
    return http;
  }

  @Override
  public String toString() {
    return "Salesforce[" + http.settings().tokenUrl() + "]";
  }
}
