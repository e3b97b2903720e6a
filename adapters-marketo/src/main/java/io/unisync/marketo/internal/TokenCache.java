package io.unisync.marketo.internal;

import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.error.SyncException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The access token, fetched once and shared.
 *
 * <ul>
 *   <li>Single flight: one fetch at a time; every caller that needs a token waits for that one fetch, each
 *       only until its own deadline, so an interactive caller is never held longer than it allows.
 *   <li>A failed fetch is remembered for {@code failureHold}: callers in that time fail at once with the
 *       same reason instead of each asking the identity endpoint again.
 * </ul>
 * The token is never logged or put in an exception or {@code toString()}. Thread-safe.
 */
final class TokenCache {

  /** A token and when it stops working. */
  record Token(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token[****, expiresAt=" + expiresAt + "]";
    }
  }

  private final Supplier<CompletableFuture<Token>> fetch;
  private final Clock clock;
  private final Duration margin;
  private final Duration failureHold;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Token current;
  private @Nullable CompletableFuture<Token> inFlight;
  private @Nullable SyncException failure;
  private Instant failedAt = Instant.MIN;

  TokenCache(Supplier<CompletableFuture<Token>> fetch, Clock clock, Duration margin, Duration failureHold) {
    this.fetch = fetch;
    this.clock = clock;
    this.margin = margin;
    this.failureHold = failureHold;
  }

  /**
   * A token with more than the margin of life left, fetching one if needed.
   *
   * @throws SyncException the fetch failed (now or within the hold), or {@code deadline} passed first
   */
  Token get(Instant deadline) {
    CompletableFuture<Token> waitFor;
    lock.lock();
    try {
      Instant now = clock.instant();
      if (current != null && current.expiresAt().minus(margin).isAfter(now)) {
        return current;
      }
      if (failure != null && now.isBefore(failedAt.plus(failureHold))) {
        throw failure;
      }
      if (inFlight == null) {
        CompletableFuture<Token> started = fetch.get();
        inFlight = started;
        // A fetch that already finished settles right here and clears inFlight: wait on it, not on the field.
        started.whenComplete((token, error) -> settle(started, token, error));
        waitFor = started;
      } else {
        waitFor = inFlight;
      }
    } finally {
      lock.unlock();
    }
    return await(waitFor, deadline);
  }

  private void settle(CompletableFuture<Token> fetched, @Nullable Token token, @Nullable Throwable error) {
    lock.lock();
    try {
      if (inFlight == fetched) {
        inFlight = null;
      }
      if (token != null) {
        current = token;
        failure = null;
      } else {
        failure = asSyncException(error);
        failedAt = clock.instant();
      }
    } finally {
      lock.unlock();
    }
  }

  private Token await(CompletableFuture<Token> waitFor, Instant deadline) {
    long left = Duration.between(clock.instant(), deadline).toMillis();
    try {
      return waitFor.get(Math.max(1, left), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new RetryableAdapterException("no Marketo access token within the call's deadline (the identity endpoint is slow)");
    } catch (ExecutionException e) {
      throw asSyncException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableAdapterException("interrupted while waiting for a Marketo access token", e);
    }
  }

  private static SyncException asSyncException(@Nullable Throwable error) {
    Throwable cause = error;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof SyncException sync) {
      return sync;
    }
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Error jvm) {
        throw jvm; // an OutOfMemoryError inside the client is not a network failure: it ends the run loudly
      }
    }
    return new RetryableAdapterException("the Marketo identity call failed: "
        + (cause == null ? "unknown reason" : cause.getClass().getSimpleName()), cause);
  }

  /** Drops {@code stale} if it is still the cached token; a token renewed meanwhile by another thread stays. */
  void invalidate(Token stale) {
    lock.lock();
    try {
      if (current != null && current.value().equals(stale.value())) {
        current = null;
      }
    } finally {
      lock.unlock();
    }
  }
}
