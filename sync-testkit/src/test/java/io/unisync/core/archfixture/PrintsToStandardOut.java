package io.unisync.core.archfixture;

/** Violation: library code writing to standard output. */
public class PrintsToStandardOut {
  public void shout() {
    System.out.println("library code must log through SLF4J");
  }
}
