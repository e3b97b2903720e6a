package io.unisync.core.port;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a source can tell about the rest of its snapshot after the page it last returned, for progress bars, status
 * and alerts ({@link PersonSource#snapshotPlan()}). Marketo's bulk snapshot counts export windows.
 *
 * @param partsDone parts (export windows) finished by this process
 * @param partsLeft parts still to read, the current one included
 * @param eta how long the rest should take at the pace seen so far, when there is a pace yet
 * @param summary one line for people (no personal data), e.g. "export window from 2019-03-01, 37 left, 2 exports ahead"
 */
public record SnapshotPlan(int partsDone, int partsLeft, Optional<Duration> eta, String summary) {

  /**
   * Checks the ETA and the summary are present.
   *
   * @param partsDone parts (export windows) finished by this process
   * @param partsLeft parts still to read, the current one included
   * @param eta how long the rest should take at the pace seen so far, when there is a pace yet
   * @param summary one line for people (no personal data), e.g. "export window from 2019-03-01, 37 left, 2 exports
   *     ahead"
   */
  public SnapshotPlan {
    Objects.requireNonNull(eta, "eta");
    Objects.requireNonNull(summary, "summary");
  }
}
