package io.unisync.core.retry;

import io.unisync.core.error.AdapterException;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.error.SyncException;
import io.unisync.core.port.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs remote calls under one {@link RetryPolicy}: the adapter supplies one attempt, the retrier decides whether,
 * when and how often to try again. Thread-safe; one per remote system (it counts that system's retries).
 *
 * <p>An attempt answers with an {@link Outcome}: {@link Outcome#done done} with the value;
 * {@link Outcome#retry retry} for a transient failure (backed off and tried again while the class's attempts and
 * deadline allow, then a {@link RetryableAdapterException} naming the attempts and the last reason);
 * {@link Outcome#renewed renewed} after the adapter renewed a rejected token (repeated at once, once per call, not
 * counted). An exception thrown by an attempt ends the call at once, as it is: a permanent error, or a pause the
 * server asked for (a {@link RetryableAdapterException} with a hint: come back at midnight), is not this loop's to
 * repeat.
 *
 * <p>Deadlines: a call ends by its class's deadline. {@link #within} runs an operation of several calls (one Smart
 * Grid read makes two or three) under one deadline that every call inside shares. Each attempt is told the deadline
 * so it can bound its own request by it.
 */
public final class Retrier {

  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  /** The deadline of the operation the current thread runs under {@link #within}, if any. */
  private final ThreadLocal<@Nullable Instant> operationDeadline = new ThreadLocal<>();
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final SplittableRandom jitter;
  private final String system;
  private final AtomicLong retries = new AtomicLong();

  /**
   * @param system the remote system's name, for messages and logs ("Marketo")
   * @param jitter the seeded source of the backoff's jitter ({@link Backoff#jitter(Clock)})
   * @param policy the attempts, deadlines and backoff
   * @param clock judges the deadlines
   * @param sleeper waits between attempts
   */
  public Retrier(String system, RetryPolicy policy, Clock clock, Sleeper sleeper, SplittableRandom jitter) {
    this.system = system;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.jitter = jitter;
  }

  /** One attempt of a call, to end by {@code deadline}. */
  @FunctionalInterface
  public interface Attempt<T> {
    /**
     * Makes the attempt; it must end by {@code deadline}.
     *
     * @param deadline when the attempt must have ended
     * @return the attempt's outcome
     */
    Outcome<T> run(Instant deadline);
  }

  /** What one attempt came to. */
  public sealed interface Outcome<T> {

    /**
     * The call succeeded with {@code value}.
     *
     * @param <T> the result's type
     * @param value the result
     * @return the outcome
     */
    static <T> Outcome<T> done(T value) {
      return new Done<>(value);
    }

    /**
     * A transient failure: try again after a backoff if the attempts and the deadline allow.
     *
     * @param <T> the result's type
     * @param reason why, for the message
     * @return the outcome
     */
    static <T> Outcome<T> retry(String reason) {
      return new Retry<>(reason);
    }

    /**
     * A failure met before the request could be sent (no token, for example): a retry if it is transient and came
     * without a server hint; otherwise it is thrown, ending the call.
     *
     * @param <T> the result's type
     * @param failure the failure
     * @return the outcome
     */
    static <T> Outcome<T> retryOrThrow(SyncException failure) {
      if (!failure.isRetryable() || failure instanceof ConfigurationException
          || failure instanceof RetryableAdapterException r && r.retryAfter().isPresent()) {
        throw failure;
      }
      return new Retry<>(String.valueOf(failure.getMessage()));
    }

    /**
     * The remote side rejected the credentials and the adapter has renewed them: repeat at once. A second renewal
     * in the same call fails it with {@code ifAgain}, a permanent {@link AdapterException}.
     *
     * @param <T> the result's type
     * @param ifAgain the message of a second renewal's failure
     * @return the outcome
     */
    static <T> Outcome<T> renewed(String ifAgain) {
      return new Renewed<>(ifAgain);
    }
  }

  record Done<T>(T value) implements Outcome<T> {}

  record Retry<T>(String reason) implements Outcome<T> {}

  record Renewed<T>(String ifAgain) implements Outcome<T> {}

  /** {@return the policy in force} */
  public RetryPolicy policy() {
    return policy;
  }

  /** {@return attempts repeated after a transient failure, since this retrier was made} */
  public long retries() {
    return retries.get();
  }

  /**
   * The deadline a call of {@code callClass} starting now gets: the class's deadline, or the enclosing
   * {@link #within} operation's if that is sooner.
   *
   * @param callClass the call's class
   * @return the deadline
   */
  public Instant deadline(CallClass callClass) {
    Instant own = clock.instant().plus(policy.deadline(callClass));
    Instant outer = operationDeadline.get();
    return outer != null && outer.isBefore(own) ? outer : own;
  }

  /**
   * Runs {@code attempt} as a call of {@code callClass}, retried by the policy; {@code what} names it in messages.
   *
   * @param <T> the result's type
   * @param callClass the call's class
   * @param what names the call in messages
   * @param attempt one attempt
   * @return the result
   */
  public <T> T call(CallClass callClass, String what, Attempt<T> attempt) {
    return call(callClass, deadline(callClass), what, attempt);
  }

  /**
   * Runs {@code attempt} with the attempts of {@code callClass} but an explicit {@code deadline} (a bulk file's
   * download has its own, longer one).
   *
   * @param <T> the result's type
   * @param callClass the call's class
   * @param deadline when the call must have ended
   * @param what names the call in messages
   * @param attempt one attempt
   * @return the result
   */
  public <T> T call(CallClass callClass, Instant deadline, String what, Attempt<T> attempt) {
    int attempts = policy.attempts(callClass);
    boolean renewed = false;
    for (int made = 1; ; ) {
      Outcome<T> outcome = attempt.run(deadline);
      if (outcome instanceof Done<T> done) {
        return done.value();
      }
      if (outcome instanceof Renewed<T> renewal) {
        if (renewed) {
          throw new AdapterException(renewal.ifAgain());
        }
        renewed = true;
        continue; // one renewal and one repeat, not counted as an attempt
      }
      String reason = ((Retry<T>) outcome).reason();
      if (made >= attempts) {
        throw new RetryableAdapterException(what + " failed after " + made + (made == 1 ? " attempt: " : " attempts: ") + reason);
      }
      backOff(made, deadline, what, reason);
      made++;
    }
  }

  /**
   * Runs {@code operation}, every call it makes included, within one deadline of {@code callClass} (or the
   * enclosing operation's, if sooner): a seller-facing answer made of several calls still answers in time.
   *
   * @param <T> the result's type
   * @param callClass the class whose deadline bounds it
   * @param operation the operation
   * @return its result
   */
  public <T> T within(CallClass callClass, Supplier<T> operation) {
    return within(deadline(callClass), operation);
  }

  /**
   * Runs {@code operation}, every call it makes included, so that no call of it starts after {@code deadline} and each
   * ends by then (or by the enclosing operation's deadline, if sooner): the calls made under a claim end before the claim.
   *
   * @param <T> the result's type
   * @param deadline when every call must have ended
   * @param operation the operation
   * @return its result
   */
  public <T> T within(Instant deadline, Supplier<T> operation) {
    Instant outer = operationDeadline.get();
    operationDeadline.set(outer != null && outer.isBefore(deadline) ? outer : deadline);
    try {
      return operation.get();
    } finally {
      if (outer == null) {
        operationDeadline.remove();
      } else {
        operationDeadline.set(outer);
      }
    }
  }

  /**
   * One attempt's timeout: {@code requestTimeout}, or what is left before {@code deadline} if that is less (at least 1
   * ms).
   *
   * @param deadline the call's deadline
   * @param requestTimeout the adapter's request timeout
   * @return the attempt's timeout
   */
  public Duration attemptTimeout(Instant deadline, Duration requestTimeout) {
    Duration left = Duration.between(clock.instant(), deadline);
    Duration timeout = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
    return timeout.toMillis() < 1 ? Duration.ofMillis(1) : timeout;
  }

  private void backOff(int made, Instant deadline, String what, String reason) {
    Duration delay;
    synchronized (jitter) {
      delay = policy.backoff().delay(made, jitter);
    }
    if (!clock.instant().plus(delay).isBefore(deadline)) {
      throw new RetryableAdapterException(what + " gave up at its deadline after " + made + (made == 1 ? " attempt: " : " attempts: ") + reason);
    }
    retries.incrementAndGet();
    LOG.debug("Retrying a {} call in {} ms after {}", system, delay.toMillis(), reason);
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableAdapterException("interrupted while backing off from " + what + " after " + reason, e);
    }
  }

  @Override
  public String toString() {
    return "Retrier[" + system + ", " + policy + "]";
  }
}
