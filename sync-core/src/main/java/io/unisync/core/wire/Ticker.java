package io.unisync.core.wire;

/**
 * Monotonic time, made replaceable: what an adapter measures a rate window or an elapsed wait in, where a wall clock
 * that jumps (set back, slewed, skipped by a test) must not shorten or stretch it. {@link #system()} is the JVM's
 * monotonic clock, the only place library code reads it; a test passes a ticker it moves by hand.
 */
@FunctionalInterface
public interface Ticker {

  /** {@return nanoseconds from an arbitrary origin; only differences between two readings mean anything} */
  long nanos();

  /** {@return {@link System#nanoTime()}} */
  static Ticker system() {
    return System::nanoTime;
  }
}
