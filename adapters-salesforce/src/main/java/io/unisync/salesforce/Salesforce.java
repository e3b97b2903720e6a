package io.unisync.salesforce;

import io.unisync.core.port.PersonReader;
import io.unisync.salesforce.internal.SalesforceHttp;
import java.time.Clock;

/** One Salesforce org: the session, retries and the daily budget, shared by the adapters made from it. Thread-safe. */
public final class Salesforce implements io.unisync.core.assembly.CrmSystem {

  private final SalesforceHttp http;

  private Salesforce(SalesforceHttp http) {
    this.http = http;
  }

  /**
   * Connects lazily: the first call fetches a token.
   *
   * @param settings the org and how to sign in
   * @return the connection
   */
  public static Salesforce connect(SalesforceSettings settings) {
    return connect(settings, Clock.systemUTC());
  }

  /**
   * As {@link #connect(SalesforceSettings)}, with the clock that judges token expiry and watermarks.
   *
   * @param settings the org and how to sign in
   * @param clock the clock
   * @return the connection
   */
  public static Salesforce connect(SalesforceSettings settings, Clock clock) {
    return new Salesforce(new SalesforceHttp(settings, clock));
  }

  /**
   * As {@link #connect(SalesforceSettings, Clock)}, sending through the HTTP clients {@code clients} makes, asked once and
   * again whenever a client has stopped for good: for this module's generated suites, which hand it the testkit's
   * in-process client. Not public: the JDK's HTTP client stays out of the API (the vendor-types rule).
   */
  static Salesforce connect(SalesforceSettings settings, Clock clock, java.util.function.Supplier<java.net.http.HttpClient> clients) {
    return new Salesforce(new SalesforceHttp(settings, clock, io.unisync.core.port.Sleeper.system(), clients));
  }

  /**
   * Logs activities as Tasks; {@code scope} (the tenant) qualifies our External IDs so tenants sharing an org never
   * collide. Give it to the engine with {@link #crmDirectory()} and a link store
   * ({@code SyncEngine.Builder.crmActivitySink(sink, links, directory)}): the engine resolves each person's Who and What.
   */
  @Override
  public SalesforceCrmActivitySink activitySink(String scope) {
    return SalesforceCrmActivitySink.create(this, scope);
  }

  /** Where people live in this org: the look-ups behind each person's Who and What. */
  @Override
  public SalesforceCrmDirectory crmDirectory() {
    return SalesforceCrmDirectory.create(this);
  }

  /** The Lead/Contact opt-out flags, re-reading one minute before each watermark. */
  @Override
  public SalesforceCrmOptOuts crmOptOuts() {
    return SalesforceCrmOptOuts.create(this, java.time.Duration.ofMinutes(1));
  }

  /** Reminder Tasks, with our reminder id in {@code Unisync_Reminder_Id__c}, re-reading one minute before each watermark. */
  @Override
  public SalesforceCrmTasks crmTasks(PersonReader people) {
    return SalesforceCrmTasks.create(this, people, "Unisync_Reminder_Id__c", java.time.Duration.ofMinutes(1));
  }

  /** {@return the settings this org is used with} */
  public SalesforceSettings settings() {
    return http.settings();
  }

  /** {@return API calls made so far} */
  public long calls() {
    return http.calls();
  }

  /** {@return calls repeated after a retryable failure} */
  public long retries() {
    return http.retries();
  }

  /** {@return the last {@code Sforce-Limit-Info} reading: {used, max}} */
  public long[] apiUsage() {
    return http.apiUsage();
  }

  /** {@return rows refused because an answer carried them although the query by ids did not ask for them} */
  public long unrequested() {
    return http.unrequested();
  }

  /**
   * Opens a session now, if there is none, so the first call after start is not a token fetch plus the call; a failure
   * is logged and left to the first call's retries. Call it once after connecting, from a thread that may wait.
   */
  public void warmUp() {
    http.warmUp();
  }

  SalesforceHttp http() {
    return http;
  }

  @Override
  public String toString() {
    return "Salesforce[" + http.settings().tokenUrl() + "]";
  }
}
