package io.unisync.core.engine;

import io.unisync.core.port.Destination;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one {@link Activities#deliver()} call did, per destination.
 *
 * @param destinations counts per destination
 * @param elapsed wall time by the engine's clock
 */
public record DeliveryReport(Map<Destination, Counts> destinations, Duration elapsed) {

  /**
   * Copies the counts.
   *
   * @param destinations counts per destination
   * @param elapsed wall time by the engine's clock
   */
  public DeliveryReport {
    destinations = Map.copyOf(destinations);
  }

  /**
   * @param claimed entries claimed
   * @param delivered entries delivered (or found already delivered)
   * @param retried entries rescheduled with backoff
   * @param deadLettered entries given up on, with a reason
   * @param failures messages of whole-batch failures (the sink threw)
   */
  public record Counts(long claimed, long delivered, long retried, long deadLettered, List<String> failures) {
    /**
     * Copies the failures.
     *
     * @param claimed entries claimed
     * @param delivered entries delivered (or found already delivered)
     * @param retried entries rescheduled with backoff
     * @param deadLettered entries given up on, with a reason
     * @param failures messages of whole-batch failures (the sink threw)
     */
    public Counts {
      failures = List.copyOf(failures);
    }
  }

  /**
   * Delivered count of one destination (0 when it had no sink).
   *
   * @param destination the destination
   * @return its delivered count
   */
  public long delivered(Destination destination) {
    Counts counts = destinations.get(destination);
    return counts == null ? 0 : counts.delivered();
  }
}
