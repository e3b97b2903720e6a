package io.unisync.core.archfixture;

import java.util.Random;

/** Violation: a real sleep and an unseeded random source in library code. */
public class SleepsAndRollsDice {
  public int roll() throws InterruptedException {
    Thread.sleep(10);
    return new Random().nextInt(6);
  }
}
