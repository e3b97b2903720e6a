package io.unisync.testkit;

import org.jspecify.annotations.Nullable;

/** The in-memory stores' one rule about fences: a fenced view needs the leases it is checked against. */
final class Fencing {

  private Fencing() {}

  static InMemoryLeases leasesOf(@Nullable InMemoryLeases leases, Object store) {
    if (leases == null) {
      throw new IllegalStateException(store.getClass().getSimpleName() + " was created without the InMemoryLeases that fence it:"
          + " create it with new " + store.getClass().getSimpleName() + "(leases)");
    }
    return leases;
  }
}
