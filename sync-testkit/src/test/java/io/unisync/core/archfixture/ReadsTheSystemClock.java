package io.unisync.core.archfixture;

/** Violation: reads the system clock directly instead of an injected Clock. */
public class ReadsTheSystemClock {
  public long now() {
    return System.currentTimeMillis();
  }
}
