package io.unisync.marketo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollCadenceTest {

  static final Instant T = Instant.parse("2026-03-10T15:00:00Z");
  static final Duration INTERVAL = Duration.ofSeconds(60);
  final PollCadence cadence = new PollCadence();

  @Test
  void withNothingToGoByItPollsAtTheInterval() {
    assertThat(cadence.next(T, INTERVAL)).isEqualTo(INTERVAL);
    cadence.noteOpen(Map.of("E1", T));
    assertThat(cadence.next(T, INTERVAL)).as("open exports but no run seen yet").isEqualTo(INTERVAL);
  }

  @Test
  void itWakesJustAfterTheEarliestOpenExportShouldFinishByTheShortestRecentRun() {
    cadence.noteRun(T.minusSeconds(300), T.minusSeconds(260)); // 40 s
    cadence.noteRun(T.minusSeconds(200), T.minusSeconds(110)); // 90 s: a burst waited for a slot
    cadence.noteOpen(Map.of("E1", T.minusSeconds(10), "E2", T.minusSeconds(5)));

    assertThat(cadence.next(T, INTERVAL)).as("E1 due 30 s from now, plus a second").isEqualTo(Duration.ofSeconds(31));
  }

  @Test
  void theWaitStaysBetweenAFifthOfTheIntervalAndTheInterval() {
    cadence.noteRun(T.minusSeconds(100), T.minusSeconds(95)); // 5 s runs
    cadence.noteOpen(Map.of("E1", T.minusSeconds(3)));
    assertThat(cadence.next(T, INTERVAL)).as("due in 2 s: not sooner than a fifth").isEqualTo(Duration.ofSeconds(12));

    PollCadence slow = new PollCadence();
    slow.noteRun(T.minusSeconds(1_000), T.minusSeconds(100)); // 900 s runs
    slow.noteOpen(Map.of("E1", T));
    assertThat(slow.next(T, INTERVAL)).as("due in 15 min: not later than the interval").isEqualTo(INTERVAL);
  }

  @Test
  void anExportPastDueIsLookedAtEveryFifthUntilAnIntervalLateThenAtTheInterval() {
    cadence.noteRun(T.minusSeconds(100), T.minusSeconds(60)); // 40 s runs
    cadence.noteOpen(Map.of("E1", T.minusSeconds(50))); // due 10 s ago
    assertThat(cadence.next(T, INTERVAL)).as("a fifth and Marketo's second").isEqualTo(Duration.ofSeconds(13));

    cadence.noteOpen(Map.of("E1", T.minusSeconds(200))); // due 160 s ago: more than an interval late
    assertThat(cadence.next(T, INTERVAL)).isEqualTo(INTERVAL);
  }

  @Test
  void onlyTheLastTwentyRunsCountAndUnreadableOnesNone() {
    cadence.noteRun(T.minusSeconds(100), T.minusSeconds(95)); // one 5 s run, soon forgotten
    for (int i = 0; i < PollCadence.RUNS_KEPT; i++) {
      cadence.noteRun(T.minusSeconds(100), T.minusSeconds(70)); // 30 s
    }
    cadence.noteRun(null, T);
    cadence.noteRun(T, T.minusSeconds(1)); // finished before queued: ignored
    cadence.noteOpen(Map.of("E1", T));

    assertThat(cadence.next(T, INTERVAL)).isEqualTo(Duration.ofSeconds(31));
  }
}
