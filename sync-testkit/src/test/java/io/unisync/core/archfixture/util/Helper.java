package io.unisync.core.archfixture.util;

/** Violation: a util package. */
public final class Helper {
  private Helper() {}
}
