package io.unisync.testkit;

import io.unisync.core.port.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-true simulation: a clock that runs at real speed from {@code origin} and also moves on by every wait its
 * {@link #sleeper()} skipped. Give the same instance to a simulator and to the client: the client's waits (export
 * polls, backoff) cost no real time, while its work (parsing, applying) takes what it really takes, so the elapsed time
 * this clock reports is what a run against the modelled service would take. Thread-safe; skipped waits add up even
 * when several threads sleep at once, so use one sleeping thread for faithful figures.
 */
public final class SkippingClock extends Clock {

  private final Instant origin;
  private final long startNanos = System.nanoTime();
  private final AtomicLong skippedNanos = new AtomicLong();

  /**
   * A clock at {@code origin}, in UTC, moving with real time plus every wait its sleeper skipped.
   *
   * @param origin the time it starts at
   */
  public SkippingClock(Instant origin) {
    this.origin = origin;
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(System.nanoTime() - startNanos + skippedNanos.get());
  }

  /**
   * Waits that move this clock on instead of the thread waiting.
   *
   * @return the sleeper
   */
  public Sleeper sleeper() {
    return duration -> {
      if (!duration.isNegative()) {
        skippedNanos.addAndGet(duration.toNanos());
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while skipping " + duration);
      }
    };
  }

  /** {@return the time skipped so far} */
  public Duration skipped() {
    return Duration.ofNanos(skippedNanos.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    SkippingClock self = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return self.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }
    };
  }
}
