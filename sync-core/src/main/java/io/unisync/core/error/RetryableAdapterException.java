package io.unisync.core.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An adapter failed in a way that may pass if the same call is repeated later: a timeout, a reset
 * connection, a server error, a rate limit. {@link #retryAfter()} carries the server's hint when it gave
 * one. The core owns the retry policy ({@link io.unisync.core.retry.Retrier} for one call's attempts, the engine's
 * outbox and runner for later passes); adapters only translate.
 */
public class RetryableAdapterException extends AdapterException {

  private static final long serialVersionUID = 1L;

  /** When the remote system said to try again, if it did. */
  private final @Nullable Duration retryAfter;

  /**
   * With {@code message}, which names what failed.
   *
   * @param message what failed
   */
  public RetryableAdapterException(String message) {
    this(message, null, null);
  }

  /**
   * With {@code message} and the failure underneath.
   *
   * @param message what failed
   * @param cause the failure underneath
   */
  public RetryableAdapterException(String message, @Nullable Throwable cause) {
    this(message, null, cause);
  }

  /**
   * With the wait the remote system asked for ({@code retryAfter}, null when it said none).
   *
   * @param message what failed
   * @param retryAfter the wait asked for, or {@code null}
   * @param cause the failure underneath, or {@code null}
   */
  public RetryableAdapterException(
      String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** {@return how long the remote side asked us to wait, if it said} */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
