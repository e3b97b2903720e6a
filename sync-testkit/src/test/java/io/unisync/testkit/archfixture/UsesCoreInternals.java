package io.unisync.testkit.archfixture;

import io.unisync.core.engine.internal.StorePeople;

/** Violation: another module reaching into core's internal package. */
public class UsesCoreInternals {
  public Class<?> peek() {
    return StorePeople.class;
  }
}
