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
   * @param body the exchange's body, when it is a {@link BoundedBody} (watched for progress and for its cap); null for
   *     a streamed body, which bounds its own reads
   * @param deadline the attempt ends by then, body included
   * @param idle the longest wait for the next byte (or, without a body to watch, for the whole answer's headers)
   * @return the completed exchange's value
   * @throws IOException a network failure, a timeout ({@link HttpTimeoutException}) or an unreadable answer: transient
   * @throws SyncException an answer past its cap ({@link io.unisync.core.error.AdapterException}, permanent), or an
   *     interruption ({@link RetryableAdapterException}, the interrupt flag restored)
   * @throws Error whatever {@code Error} the client met, as it is: the runner ends loudly instead of living on
   */
  public static <T> T await(CompletableFuture<T> exchange, @Nullable BoundedBody body, Clock clock, Instant deadline, Duration idle)
      throws IOException {
    CompletableFuture<?> either = body == null ? exchange : CompletableFuture.anyOf(exchange, body.failure());
    long lastSeen = 0;
    while (true) {
      long left = Duration.between(clock.instant(), deadline).toMillis();
      if (left <= 0) {
        exchange.cancel(true);
        throw new HttpTimeoutException("no complete answer before the call's deadline");
      }
      long slice = Math.max(1, Math.min(left, idle.toMillis()));
      try {
        either.get(slice, TimeUnit.MILLISECONDS);
        overCap(exchange, body);
        return exchange.get();
      } catch (TimeoutException e) {
        long seen = body == null ? lastSeen : body.seen();
        if (seen == lastSeen && slice < left) {
          exchange.cancel(true);
          throw new HttpTimeoutException("no byte of the answer for " + slice + " ms");
        }
        lastSeen = seen;
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
