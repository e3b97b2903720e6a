package io.unisync.core.archfixture;

import io.unisync.testkit.archfixture.CycleB;

/** Violation, with {@link CycleB}: two packages that depend on each other. */
public class CycleA {
  public CycleB other() {
    return new CycleB();
  }
}
