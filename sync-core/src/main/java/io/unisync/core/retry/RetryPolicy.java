package io.unisync.core.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How remote calls are retried: for each {@link CallClass} the most attempts and a total deadline (every attempt,
 * every wait between them and the answer's body included), and one exponential backoff with jitter between
 * attempts. Immutable; start from {@link #defaults()} and change what you need with the {@code withX(..)} methods.
 * Checked by {@link #problems(String)} when the adapter's settings are built.
 *
 * <p>Defaults: an interactive call gets one attempt and 1.5 s (a seller is waiting; the send gate fails closed); a
 * background call gets 6 attempts within 4 minutes, waiting 1 s, 2 s, 4 s … (half of it jitter) up to 30 s between
 * them. A call stops at whichever bound comes first. A renewed token repeats the call once without counting.
 */
public final class RetryPolicy {

  private final int interactiveAttempts;
  private final Duration interactiveDeadline;
  private final int backgroundAttempts;
  private final Duration backgroundDeadline;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  private RetryPolicy(int interactiveAttempts, Duration interactiveDeadline, int backgroundAttempts, Duration backgroundDeadline,
      Duration initialBackoff, Duration maxBackoff) {
    this.interactiveAttempts = interactiveAttempts;
    this.interactiveDeadline = interactiveDeadline;
    this.backgroundAttempts = backgroundAttempts;
    this.backgroundDeadline = backgroundDeadline;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** {@return one attempt within 1.5 s for interactive calls; 6 attempts within 4 minutes, backoff 1 s to 30 s, for the rest} */
  public static RetryPolicy defaults() {
    return new RetryPolicy(1, Duration.ofMillis(1500), 6, Duration.ofMinutes(4), Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  /**
   * The most attempts of one call of this class (1 = no retry).
   *
   * @param callClass the class
   * @return the most attempts
   */
  public int attempts(CallClass callClass) {
    return callClass == CallClass.INTERACTIVE ? interactiveAttempts : backgroundAttempts;
  }

  /**
   * How long one call of this class may take in all, from its start to its answer or its failure.
   *
   * @param callClass the class
   * @return the deadline
   */
  public Duration deadline(CallClass callClass) {
    return callClass == CallClass.INTERACTIVE ? interactiveDeadline : backgroundDeadline;
  }

  /** {@return the wait after the first failed attempt, before jitter; it doubles per attempt} */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** {@return the longest wait between two attempts} */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** {@return the backoff between attempts} */
  public Backoff backoff() {
    return new Backoff(initialBackoff, maxBackoff);
  }

  /**
   * Attempts and deadline of interactive calls (send gate, Smart Grid).
   *
   * @param attempts the most attempts
   * @param deadline the deadline
   * @return a copy with them
   */
  public RetryPolicy withInteractive(int attempts, Duration deadline) {
    return new RetryPolicy(attempts, deadline, backgroundAttempts, backgroundDeadline, initialBackoff, maxBackoff);
  }

  /**
   * Attempts and deadline of background calls (sync, delivery, two-way passes).
   *
   * @param attempts the most attempts
   * @param deadline the deadline
   * @return a copy with them
   */
  public RetryPolicy withBackground(int attempts, Duration deadline) {
    return new RetryPolicy(interactiveAttempts, interactiveDeadline, attempts, deadline, initialBackoff, maxBackoff);
  }

  /**
   * The backoff between attempts: {@code initial} after the first, doubling up to {@code max}, half of it jitter.
   *
   * @param initial the first wait
   * @param max the longest wait
   * @return a copy with them
   */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(interactiveAttempts, interactiveDeadline, backgroundAttempts, backgroundDeadline, initial, max);
  }

  /**
   * Every problem with these values, each naming its setting under {@code prefix} (for example {@code
   * "marketo.retry"}).
   *
   * @param prefix the settings' prefix
   * @return the problems, empty when none
   */
  public List<String> problems(String prefix) {
    return problems(knob -> prefix + "." + knob);
  }

  /**
   * Every problem with these values, each naming its setting as {@code name} spells it: a front-end with its own
   * naming (a Spring property's kebab case) names each knob its own way, for example
   * {@code knob -> "unisync.retry." + kebab(knob)}. The knobs: {@code interactiveAttempts}, {@code backgroundAttempts},
   * {@code interactiveDeadline}, {@code backgroundDeadline}, {@code backoff}.
   *
   * @param name spells a knob's name
   * @return the problems, empty when none
   */
  public List<String> problems(java.util.function.UnaryOperator<String> name) {
    List<String> problems = new ArrayList<>();
    if (interactiveAttempts < 1 || interactiveAttempts > 10) {
      problems.add(name.apply("interactiveAttempts") + " must be between 1 and 10 (was " + interactiveAttempts + ")");
    }
    if (backgroundAttempts < 1 || backgroundAttempts > 100) {
      problems.add(name.apply("backgroundAttempts") + " must be between 1 and 100 (was " + backgroundAttempts + ")");
    }
    if (interactiveDeadline == null || interactiveDeadline.toMillis() < 50 || interactiveDeadline.compareTo(Duration.ofMinutes(1)) > 0) {
      problems.add(name.apply("interactiveDeadline") + " must be between 50 ms and 1 minute (was " + interactiveDeadline + ")");
    }
    if (backgroundDeadline == null || backgroundDeadline.toMillis() < 100) {
      problems.add(name.apply("backgroundDeadline") + " must be at least 100 ms (was " + backgroundDeadline + ")");
    }
    if (initialBackoff == null || maxBackoff == null || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      problems.add(name.apply("backoff") + " must satisfy 0 <= initial <= max (was " + initialBackoff + " to " + maxBackoff + ")");
    }
    return problems;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RetryPolicy that && interactiveAttempts == that.interactiveAttempts
        && backgroundAttempts == that.backgroundAttempts && Objects.equals(interactiveDeadline, that.interactiveDeadline)
        && Objects.equals(backgroundDeadline, that.backgroundDeadline) && Objects.equals(initialBackoff, that.initialBackoff)
        && Objects.equals(maxBackoff, that.maxBackoff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(interactiveAttempts, interactiveDeadline, backgroundAttempts, backgroundDeadline, initialBackoff, maxBackoff);
  }

  @Override
  public String toString() {
    return "RetryPolicy[interactive=" + interactiveAttempts + " within " + interactiveDeadline + ", background="
        + backgroundAttempts + " within " + backgroundDeadline + ", backoff=" + initialBackoff + ".." + maxBackoff + "]";
  }
}
