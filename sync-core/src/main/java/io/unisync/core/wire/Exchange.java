package io.unisync.core.wire;

import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.error.SyncException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Waiting for one HTTP exchange, the way every adapter must: headers and body within the attempt's deadline, no
 * stretch of {@code idle} without a byte (the first byte included), a body past its cap stopped at once, and a JVM
 * {@link Error} (an {@link OutOfMemoryError} inside the client) thrown as it is instead of being taken for a network
 * failure and retried. Stateless.
 */
public final class Exchange {

  private Exchange() {}

  /**
   * Waits for {@code exchange} (a {@code sendAsync} future) to complete.
   *
   * <p>Two clocks bound it. The attempt's own {@code timeout} and {@code idle} are time actually waited here (like the
   * request timeout of the JDK client), so a clock that a test or a simulation moves by hand, or that jumps, neither
   * cuts an answer short nor stretches it; the call's {@code deadline} is read from {@code clock}, as the retry policy
   * sets it.
   *
   * @param body the exchange's body, when it is a {@link BoundedBody} (watched for progress and for its cap); null for
   *     a streamed body, which bounds its own reads
   * @param deadline the call ends by then ({@code clock}'s time), whatever its attempts
   * @param timeout the most this attempt waits, headers and body
   * @param idle the longest wait for the next byte, the first one included (without a body to watch: for the whole answer)
   * @return the completed exchange's value
   * @throws IOException a network failure, a timeout ({@link HttpTimeoutException}) or an unreadable answer: transient
   * @throws SyncException an answer past its cap ({@link io.unisync.core.error.AdapterException}, permanent), or an
   *     interruption ({@link RetryableAdapterException}, the interrupt flag restored)
   * @throws Error whatever {@code Error} the client met, as it is: the runner ends loudly instead of living on
   * @param <T> the answer's type
   * @param exchange the exchange
   * @param clock the clock the deadline is judged on
   */
  public static <T> T await(CompletableFuture<T> exchange, @Nullable BoundedBody body, Clock clock, Instant deadline, Duration timeout,
      Duration idle) throws IOException {
    CompletableFuture<?> either = body == null ? exchange : CompletableFuture.anyOf(exchange, body.failure());
    long lastSeen = 0;
    long waited = 0;
    long sinceProgress = 0;
    while (true) {
      long callLeft = Duration.between(clock.instant(), deadline).toMillis();
      long attemptLeft = timeout.toMillis() - waited;
      if (callLeft <= 0 || attemptLeft <= 0) {
        exchange.cancel(true);
        throw new HttpTimeoutException("no complete answer within " + (attemptLeft <= 0 ? "the attempt's " + timeout.toMillis() + " ms"
            : "the call's deadline"));
      }
      long slice = Math.max(1, Math.min(Math.min(callLeft, attemptLeft), idle.toMillis() - sinceProgress));
      try {
        either.get(slice, TimeUnit.MILLISECONDS);
        overCap(exchange, body);
        return exchange.get();
      } catch (TimeoutException e) {
        waited += slice;
        long seen = body == null ? lastSeen : body.seen();
        sinceProgress = seen == lastSeen ? sinceProgress + slice : 0;
        lastSeen = seen;
        if (sinceProgress >= idle.toMillis()) {
          exchange.cancel(true);
          throw new HttpTimeoutException("no byte of the answer for " + idle.toMillis() + " ms");
        }
      } catch (ExecutionException e) {
        overCap(exchange, body);
        throw translate(e.getCause());
      } catch (InterruptedException e) {
        exchange.cancel(true);
        Thread.currentThread().interrupt();
        throw new RetryableAdapterException("interrupted while waiting for an answer", e);
      }
    }
  }

  /**
   * What a failed exchange's cause becomes: an {@link Error} anywhere in its chain is thrown as it is; a
   * {@link SyncException} stays one; an {@link IOException} stays one; anything else is an {@link IOException}
   * (transient). A client that stopped for good (its selector ended) is {@link #clientStopped reported} so the adapter
   * can build a new one.
   */
  static IOException translate(@Nullable Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof Error error) {
        throw error;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (cause instanceof SyncException sync) {
      throw sync;
    }
    if (cause instanceof IOException io) {
      return io;
    }
    return new IOException(cause == null ? "the exchange failed without a cause" : cause.getClass().getSimpleName(), cause);
  }

  /**
   * Whether a failure says the client itself can no longer send (its selector thread ended, its executor refuses
   * work): every later call would fail the same way, so the adapter builds a new client instead of retrying on this one.
   *
   * @param failure the failure
   * @return whether the client stopped
   */
  public static boolean clientStopped(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RejectedExecutionException) {
        return true;
      }
      String message = t.getMessage();
      if (t instanceof IOException && message != null && message.contains("selector manager closed")) {
        return true;
      }
    }
    return false;
  }

  /** Throws the body's cap failure, if it has one (the exchange is cancelled first). */
  private static void overCap(CompletableFuture<?> exchange, @Nullable BoundedBody body) {
    if (body != null && body.failure().isCompletedExceptionally()) {
      exchange.cancel(true);
      throw (SyncException) cause(body.failure());
    }
  }

  private static Throwable cause(CompletableFuture<?> failed) {
    try {
      failed.join();
      throw new IllegalStateException("not failed");
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = e.getCause();
      return cause == null ? e : cause;
    }
  }
}
