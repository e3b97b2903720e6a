package io.unisync.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.AdapterException;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.port.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {

  /** A clock that only moves when the sleeper waits: every test runs in no real time. */
  static final class SteppedClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final List<Duration> slept = new ArrayList<>();
    final Sleeper sleeper = d -> {
      slept.add(d);
      now = now.plus(d);
    };

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final SteppedClock clock = new SteppedClock();
  final RetryPolicy policy = RetryPolicy.defaults().withBackground(4, Duration.ofMinutes(4))
      .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  final Retrier retrier = new Retrier("Test", policy, clock, clock.sleeper, new SplittableRandom(7));

  @Test
  void aTransientFailureIsBackedOffAndTriedAgain() {
    AtomicInteger attempts = new AtomicInteger();

    String answer = retrier.call(CallClass.BACKGROUND, "GET /x", deadline ->
        attempts.incrementAndGet() < 3 ? Retrier.Outcome.retry("HTTP 503") : Retrier.Outcome.done("ok"));

    assertThat(answer).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
    assertThat(retrier.retries()).isEqualTo(2);
    // equal jitter: after attempt n the wait is between half and all of 1 s × 2^(n-1)
    assertThat(clock.slept).hasSize(2);
    assertThat(clock.slept.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(clock.slept.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void theLastAttemptFailsRetryablyNamingTheCallTheAttemptsAndTheReason() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> retrier.call(CallClass.BACKGROUND, "GET /x", deadline -> {
      attempts.incrementAndGet();
      return Retrier.Outcome.retry("HTTP 500");
    })).isInstanceOf(RetryableAdapterException.class).hasMessage("GET /x failed after 4 attempts: HTTP 500");
    assertThat(attempts).hasValue(4);
    assertThat(clock.slept).hasSize(3);
  }

  @Test
  void aCallNeverWaitsPastItsDeadline() {
    Retrier patient = new Retrier("Test", policy.withBackground(100, Duration.ofSeconds(20)), clock, clock.sleeper, new SplittableRandom(1));
    Instant start = clock.instant();
    List<Instant> deadlines = new ArrayList<>();

    assertThatThrownBy(() -> patient.call(CallClass.BACKGROUND, "GET /x", deadline -> {
      deadlines.add(deadline);
      return Retrier.Outcome.retry("HTTP 500");
    })).isInstanceOf(RetryableAdapterException.class).hasMessageContaining("gave up at its deadline");

    assertThat(deadlines).as("every attempt is told the same deadline").containsOnly(start.plusSeconds(20));
    assertThat(clock.instant()).isBefore(start.plusSeconds(20));
    assertThat(deadlines.size()).as("attempts, far fewer than the 100 allowed").isBetween(3, 8);
  }

  @Test
  void anInteractiveCallMakesOneAttemptAndAnswersAtOnceByDefault() {
    Retrier defaults = new Retrier("Test", RetryPolicy.defaults(), clock, clock.sleeper, new SplittableRandom(3));
    List<Instant> deadlines = new ArrayList<>();

    assertThatThrownBy(() -> defaults.call(CallClass.INTERACTIVE, "GET /leads", deadline -> {
      deadlines.add(deadline);
      return Retrier.Outcome.retry("Marketo error 606");
    })).isInstanceOf(RetryableAdapterException.class).hasMessage("GET /leads failed after 1 attempt: Marketo error 606");

    assertThat(deadlines).containsExactly(Instant.parse("2026-01-01T00:00:01.500Z"));
    assertThat(clock.slept).as("a seller is waiting: no backoff").isEmpty();
  }

  @Test
  void aRenewedTokenRepeatsTheCallOnceWithoutCountingAndASecondRenewalFails() {
    AtomicInteger attempts = new AtomicInteger();

    String answer = retrier.call(CallClass.BACKGROUND, "GET /x", deadline ->
        attempts.incrementAndGet() == 1 ? Retrier.Outcome.renewed("refused again") : Retrier.Outcome.done("ok"));

    assertThat(answer).isEqualTo("ok");
    assertThat(retrier.retries()).isZero();
    assertThat(clock.slept).isEmpty();
    assertThatThrownBy(() -> retrier.call(CallClass.BACKGROUND, "GET /x", deadline -> Retrier.Outcome.renewed("check the API user's role")))
        .isExactlyInstanceOf(AdapterException.class).hasMessage("check the API user's role");
  }

  @Test
  void whatAnAttemptThrowsEndsTheCallAsItIs() {
    RetryableAdapterException pause = new RetryableAdapterException("quota reached", Duration.ofHours(3), null);
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> retrier.call(CallClass.BACKGROUND, "GET /x", deadline -> {
      attempts.incrementAndGet();
      throw pause;
    })).isSameAs(pause);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aFailureBeforeTheRequestIsRetriedOnlyWhenTransientAndWithoutAHint() {
    assertThat(Retrier.Outcome.retryOrThrow(new RetryableAdapterException("identity endpoint answered 503")))
        .isEqualTo(Retrier.Outcome.retry("identity endpoint answered 503"));
    RetryableAdapterException hinted = new RetryableAdapterException("paused", Duration.ofMinutes(1), null);
    assertThatThrownBy(() -> Retrier.Outcome.retryOrThrow(hinted)).isSameAs(hinted);
    ConfigurationException refused = new ConfigurationException("identity", List.of("bad secret"));
    assertThatThrownBy(() -> Retrier.Outcome.retryOrThrow(refused)).isSameAs(refused);
    AdapterException permanent = new AdapterException("HTTP 403");
    assertThatThrownBy(() -> Retrier.Outcome.retryOrThrow(permanent)).isSameAs(permanent);
  }

  @Test
  void everyCallOfAnOperationSharesItsDeadline() {
    Instant start = clock.instant();
    List<Instant> deadlines = new ArrayList<>();

    retrier.within(CallClass.INTERACTIVE, () -> {
      retrier.call(CallClass.INTERACTIVE, "first", d -> {
        deadlines.add(d);
        clock.now = clock.now.plusMillis(1000); // the first call took a second
        return Retrier.Outcome.done(1);
      });
      // a background call inside the operation is held to it too, and a nested operation cannot extend it
      return retrier.within(CallClass.BACKGROUND, () -> retrier.call(CallClass.BACKGROUND, "second", d -> {
        deadlines.add(d);
        return Retrier.Outcome.done(2);
      }));
    });

    assertThat(deadlines).containsOnly(start.plusMillis(1500));
    assertThat(retrier.deadline(CallClass.INTERACTIVE)).as("outside the operation").isEqualTo(clock.instant().plusMillis(1500));
  }

  @Test
  void theSameSeedReplaysTheSameWaits() {
    List<List<Duration>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      SteppedClock own = new SteppedClock();
      Retrier seeded = new Retrier("Test", policy, own, own.sleeper, new SplittableRandom(42));
      assertThatThrownBy(() -> seeded.call(CallClass.BACKGROUND, "x", d -> Retrier.Outcome.retry("no")))
          .isInstanceOf(RetryableAdapterException.class);
      runs.add(own.slept);
    }
    assertThat(runs.get(0)).hasSize(3).isEqualTo(runs.get(1));
  }

  @Test
  void aBadPolicyListsEveryProblemByName() {
    RetryPolicy bad = RetryPolicy.defaults().withInteractive(0, Duration.ofMinutes(5)).withBackground(0, Duration.ofMillis(1))
        .withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(1));

    assertThat(bad.problems("marketo.retry")).containsExactly(
        "marketo.retry.interactiveAttempts must be between 1 and 10 (was 0)",
        "marketo.retry.backgroundAttempts must be between 1 and 100 (was 0)",
        "marketo.retry.interactiveDeadline must be between 50 ms and 1 minute (was PT5M)",
        "marketo.retry.backgroundDeadline must be at least 100 ms (was PT0.001S)",
        "marketo.retry.backoff must satisfy 0 <= initial <= max (was PT10S to PT1S)");
    assertThat(RetryPolicy.defaults().problems("x")).isEmpty();
    assertThat(RetryPolicy.defaults()).isEqualTo(RetryPolicy.defaults()).hasSameHashCodeAs(RetryPolicy.defaults())
        .hasToString("RetryPolicy[interactive=1 within PT1.5S, background=6 within PT4M, backoff=PT1S..PT30S]");
  }
}
