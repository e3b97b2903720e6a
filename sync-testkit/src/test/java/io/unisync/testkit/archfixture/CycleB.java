package io.unisync.testkit.archfixture;

import io.unisync.core.archfixture.CycleA;

/** Violation, with {@link CycleA}: two packages that depend on each other. */
public class CycleB {
  public CycleA other() {
    return new CycleA();
  }
}
