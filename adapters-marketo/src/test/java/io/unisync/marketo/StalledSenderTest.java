package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.port.ActivityOutbox;
import io.unisync.core.port.ActivitySink;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import io.unisync.testkit.ForwardingActivityOutbox;
import io.unisync.testkit.InMemoryActivityOutbox;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.SampleActivities;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A delivering process that stalls (a GC or VM pause, SIGSTOP, a slow call) past its claim, while a second process
 * takes the batch over, must not write an activity to Marketo twice (issue 24). Two engines, each with its own Marketo
 * client, share one outbox and one Marketo simulator on a {@link ManualClock}; process A is paused at one step of its
 * delivery, the clock moves past A's claim, process B delivers, A wakes and finishes. Marketo then holds every activity
 * exactly once.
 */
class StalledSenderTest {

  /** Where process A stalls. */
  enum Step {
    /** After its claim, before the engine hands the batch to the sink. */
    AFTER_CLAIM,
    /** Inside the sink, before its first request (the engine's check already passed). */
    BEFORE_THE_CALL,
    /** After Marketo took the activities, before A sees the answer (from A's side the same as a lost answer). */
    AFTER_THE_CALL,
    /** Before A marks the batch delivered. */
    BEFORE_COMPLETE
  }

  static final Duration LEASE = Duration.ofMinutes(2);

  final ManualClock clock = ManualClock.startingAtEpochOf2026();
  MarketoSimulator sim;
  final InMemoryActivityOutbox outbox = new InMemoryActivityOutbox();
  final CountDownLatch reached = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() {
    sim = MarketoSimulator.start(SyntheticPeople.of(100, 3), MarketoSimulator.Options.unlimited(), clock);
  }

  @AfterEach
  void stop() {
    release.countDown();
    sim.close();
  }

  private SyncEngine process(ActivitySink sink, ActivityOutbox queue) {
    return SyncEngine.builder().personSource(new InMemoryPersonSource(clock)).personStore(new InMemoryPersonStore()).clock(clock)
        .activityOutbox(queue).activitySink(sink).activityOptions(ActivityOptions.defaults().withLease(LEASE)).build();
  }

  private MarketoActivitySink marketoSink() {
    MarketoActivitySink sink = Simulators.connect(sim, clock, clock.instant().minus(Duration.ofDays(40))).activitySink();
    sink.verify(); // the custom types exist before anyone delivers
    return sink;
  }

  private void pause() {
    reached.countDown();
    try {
      assertThat(release.await(30, TimeUnit.SECONDS)).as("released").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @ParameterizedTest(name = "process A stalls {0}")
  @EnumSource(Step.class)
  void aStalledSenderNeverWritesAnActivityTwice(Step step) throws Exception {
    MarketoActivitySink sinkOfA = marketoSink();
    ActivitySink pausingSink = new ActivitySink() {
      @Override
      public Destination destination() {
        return Destination.MARKETO;
      }

      @Override
      public int maxBatchSize() {
        return sinkOfA.maxBatchSize();
      }

      @Override
      public Duration longestAttempt() {
        return sinkOfA.longestAttempt();
      }

      @Override
      public List<DeliveryOutcome> deliver(List<Activity> batch) {
        throw new AssertionError("the engine hands every batch over with its end");
      }

      @Override
      public List<DeliveryOutcome> deliver(List<Activity> batch, Set<ActivityId> inDoubt, Instant endBy) {
        if (step == Step.BEFORE_THE_CALL) {
          pause();
        }
        List<DeliveryOutcome> outcomes = sinkOfA.deliver(batch, inDoubt, endBy);
        if (step == Step.AFTER_THE_CALL) {
          pause();
        }
        return outcomes;
      }
    };
    ActivityOutbox outboxOfA = new PausingOutbox(outbox, step, this::pause);
    SyncEngine a = process(pausingSink, outboxOfA);
    SyncEngine b = process(marketoSink(), outbox);
    for (long n = 1; n <= 10; n++) {
      a.activities().orElseThrow().record(SampleActivities.activity(n, n, clock.instant()));
    }

    Thread processA = new Thread(() -> {
      try {
        a.activities().orElseThrow().deliver();
      } catch (RuntimeException e) {
        // a stalled process may fail its pass; what matters is what reached Marketo
      }
    }, "process-A");
    processA.start();
    assertThat(reached.await(30, TimeUnit.SECONDS)).as("process A reached " + step).isTrue();
    clock.advance(LEASE.plusSeconds(1)); // A's claim ran out while it stood still
    b.activities().orElseThrow().deliver(); // B takes the batch over
    release.countDown();
    processA.join(30_000);
    assertThat(processA.isAlive()).isFalse();
    b.activities().orElseThrow().deliver(); // whatever A gave back

    Map<String, Long> copies = sim.externalActivities().stream()
        .collect(Collectors.groupingBy(activity -> activity.get(MarketoActivitySink.ACTIVITY_ID_ATTRIBUTE), Collectors.counting()));
    assertThat(copies).as("every activity in Marketo once").hasSize(10).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
    assertThat(outbox.counts(Destination.MARKETO)).containsEntry(OutboxState.DELIVERED, 10L);
  }

  /** The shared outbox as process A sees it: A stalls right after its claim, or right before it completes. */
  private static final class PausingOutbox extends ForwardingActivityOutbox {
    private final Step step;
    private final Runnable pause;

    PausingOutbox(ActivityOutbox shared, Step step, Runnable pause) {
      super(shared);
      this.step = step;
      this.pause = pause;
    }

    @Override
    public List<OutboxEntry> claim(Destination destination, int max, Instant now, Duration lease) {
      List<OutboxEntry> claimed = super.claim(destination, max, now, lease);
      if (step == Step.AFTER_CLAIM && !claimed.isEmpty()) {
        pause.run();
      }
      return claimed;
    }

    @Override
    public int complete(List<OutboxEntry> claimed, Instant now) {
      if (step == Step.BEFORE_COMPLETE) {
        pause.run();
      }
      return super.complete(claimed, now);
    }
  }
}
