package io.unisync.marketo.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The access token, fetched once and shared: a renewal happens on one thread while the others wait for
 * its result (single flight). The token is never logged or put in an exception or {@code toString()}.
 */
final class TokenCache {

  /** A token and when it stops working. */
  record Token(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token[****, expiresAt=" + expiresAt + "]";
    }
  }

  private final Supplier<Token> fetch;
  private final Clock clock;
  private final Duration margin;
  private @Nullable Token current;

  TokenCache(Supplier<Token> fetch, Clock clock, Duration margin) {
    this.fetch = fetch;
    this.clock = clock;
    this.margin = margin;
  }

  /** A token with more than the margin of life left, fetching one if needed. */
  synchronized Token get() {
    if (current == null || !current.expiresAt().minus(margin).isAfter(clock.instant())) {
      current = fetch.get();
    }
    return current;
  }

  /** Drops {@code stale} if it is still the cached token; a token renewed meanwhile by another thread stays. */
  synchronized void invalidate(Token stale) {
    if (current != null && current.value().equals(stale.value())) {
      current = null;
    }
  }
}
