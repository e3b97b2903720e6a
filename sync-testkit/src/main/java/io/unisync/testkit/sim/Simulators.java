package io.unisync.testkit.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The bundled Marketo and Salesforce simulators as {@code unisync simulate} starts them: fast-time settings (exports
 * ready at once, no rate limit enforced) over N synthetic people created evenly during the last 365 days, about four
 * in five with a sales owner; the same people for the same N. Close it to stop both.
 */
public record Simulators(MarketoSimulator marketo, SalesforceSimulator salesforce) implements AutoCloseable {

  /**
   * Starts both on 127.0.0.1.
   *
   * @param marketoPort 0: any free port
   * @param salesforcePort 0: any free port
   * @param people the synthetic leads
   * @param clock the simulators' clock
   * @return the running simulators
   */
  public static Simulators start(int people, int marketoPort, int salesforcePort, Clock clock) {
    Instant first = clock.instant().minus(Duration.ofDays(365));
    SyntheticPeople population = new SyntheticPeople(people, 7, first, Duration.ofMillis(Duration.ofDays(365).toMillis() / Math.max(1, people)));
    MarketoSimulator marketo = MarketoSimulator.start(population, MarketoSimulator.Options.unlimited(), clock, marketoPort);
    try {
      return new Simulators(marketo, SalesforceSimulator.start(clock, null, 100_000_000, Duration.ofHours(2), salesforcePort));
    } catch (RuntimeException e) {
      marketo.close();
      throw e;
    }
  }

  @Override
  public void close() {
    marketo.close();
    salesforce.close();
  }
}
