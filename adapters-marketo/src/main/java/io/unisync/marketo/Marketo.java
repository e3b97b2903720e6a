package io.unisync.marketo;

import io.unisync.marketo.internal.MarketoHttp;
import java.time.Clock;

/**
 * One Marketo instance: authentication, the instance's rate limit and daily quota, retries. Create one per
 * instance and share it: every adapter made from it draws on the same budget, with interactive reads
 * (send gate, Smart Grid) served before background sync. Thread-safe.
 */
public final class Marketo implements io.unisync.core.assembly.MarketingSystem {

  private final MarketoHttp http;
  private final Clock clock;

  private Marketo(MarketoHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /**
   * Connects lazily: the first call fetches a token.
   *
   * @param settings the instance and how to call it
   * @return the connection
   */
  public static Marketo connect(MarketoSettings settings) {
    return connect(settings, Clock.systemUTC());
  }

  /**
   * As {@link #connect(MarketoSettings)}, with the clock used for positions, windows and the quota day.
   *
   * @param settings the instance and how to call it
   * @param clock the clock for positions, windows and the quota day
   * @return the connection
   */
  public static Marketo connect(MarketoSettings settings, Clock clock) {
    return new Marketo(new MarketoHttp(settings, clock), clock);
  }

  /**
   * As {@link #connect(MarketoSettings, Clock)}, drawing on a call budget shared with every other process that calls
   * this instance ({@code JdbcDatabase.callBudget(..)} with {@link MarketoSettings#callLimits()}): replicas together
   * stay inside the instance's limits, and a restarted process sees its predecessor's calls.
   *
   * @param settings the instance and how to call it
   * @param clock the clock for positions, windows and the quota day
   * @param budget the call budget shared with the other processes
   * @return the connection
   */
  public static Marketo connect(MarketoSettings settings, Clock clock, io.unisync.core.port.CallBudget budget) {
    return new Marketo(new MarketoHttp(settings, clock, budget), clock);
  }

  /**
   * As above, waiting (between export polls, before retries) through {@code sleeper}: with a clock that moves on by what
   * the sleeper skipped ({@code SkippingClock} in the testkit), a simulation runs Marketo's minutes of export time in
   * moments while everything else takes its real time.
   *
   * @param settings the instance and how to call it
   * @param clock the clock for positions, windows and the quota day
   * @param budget the call budget shared with the other processes
   * @param sleeper how this connection waits
   * @return the connection
   */
  public static Marketo connect(MarketoSettings settings, Clock clock, io.unisync.core.port.CallBudget budget,
      io.unisync.core.port.Sleeper sleeper) {
    return new Marketo(new MarketoHttp(settings, clock, budget, sleeper), clock);
  }

  /**
   * As above, sending through the HTTP clients {@code clients} makes, asked once and again whenever a client has stopped
   * for good: for this module's generated suites, which hand it the testkit's in-process client. Not public: the JDK's
   * HTTP client stays out of the API (the vendor-types rule), so a host never compiles against it.
   */
  static Marketo connect(MarketoSettings settings, Clock clock, io.unisync.core.port.CallBudget budget,
      io.unisync.core.port.Sleeper sleeper, java.util.function.Supplier<java.net.http.HttpClient> clients) {
    return new Marketo(new MarketoHttp(settings, clock, budget, sleeper, clients), clock);
  }

  /**
   * The budget of one process for this instance under {@link MarketoSettings#callLimits()} (what
   * {@link #connect(MarketoSettings, Clock)} uses), for hosts that wrap it, for example to observe it:
   * {@code Marketo.connect(s, clock, ObservedCallBudget.of(Marketo.localCallBudget(s, clock), "marketo", listener, clock))}.
   *
   * @param settings the instance's limits
   * @param clock judges the windows and the quota day
   * @return a budget for this process alone
   */
  public static io.unisync.core.port.CallBudget localCallBudget(MarketoSettings settings, Clock clock) {
    return new io.unisync.marketo.internal.LocalCallBudget(settings.callLimits(), clock);
  }

  /** {@return the budget every call to this instance draws on (its {@code usage()} feeds quota gauges)} */
  public io.unisync.core.port.CallBudget callBudget() {
    return http.budget();
  }

  /**
   * The settings this connection was made with.
   *
   * @return the settings
   */
  public MarketoSettings settings() {
    return http.settings();
  }

  /** {@return API calls made so far (identity calls excluded, as Marketo does)} */
  public long calls() {
    return http.calls();
  }

  /** {@return calls repeated after a retryable failure} */
  public long retries() {
    return http.retries();
  }

  /** {@return records refused because an answer carried them although the request by ids did not ask for them} */
  public long unrequested() {
    return http.unrequested();
  }

  /**
   * Fetches a token now, if none is held, so the first seller-facing call (the send gate, a Smart Grid read: 1.5 s) is
   * not a token fetch plus a read; a failure is logged and left to the first call's retries. Call it once after
   * connecting, from a thread that may wait.
   */
  public void warmUp() {
    http.warmUp();
  }

  @Override
  public MarketoPersonSource personSource() {
    return MarketoPersonSource.create(this);
  }

  @Override
  public MarketoActivitySink activitySink() {
    return MarketoActivitySink.create(this);
  }

  @Override
  public MarketoActivityHistory activityHistory() {
    return MarketoActivityHistory.create(this);
  }

  @Override
  public MarketoUnsubscribeStatus unsubscribeStatus() {
    return MarketoUnsubscribeStatus.create(this);
  }

  MarketoHttp http() {
    return http;
  }

  Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "Marketo[" + http.settings().baseUrl() + "]";
  }
}
