package io.unisync.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which calls of a fake fail. Steps are names the fake documents (for example
 * {@link InMemoryPersonSource#READ_SNAPSHOT}). Deterministic: the same plan and the same calls fail the
 * same way, also for the seeded random faults. Thread-safe.
 */
public final class FaultPlan {

  private final Map<String, Integer> failNext = new HashMap<>();
  private final Map<String, Integer> failOnCall = new HashMap<>();
  private final Map<String, Double> probability = new HashMap<>();
  private final Map<String, Integer> calls = new HashMap<>();
  private SplittableRandom random = new SplittableRandom(0);

  /** {@return a plan under which nothing fails} */
  public static FaultPlan none() {
    return new FaultPlan();
  }

  /**
   * The next {@code times} calls of {@code step} fail.
   *
   * @param step the step
   * @param times how many calls
   * @return this plan
   */
  public synchronized FaultPlan failNext(String step, int times) {
    failNext.merge(step, times, Integer::sum);
    return this;
  }

  /**
   * The {@code n}-th call of {@code step} from now (1 = the next) fails, once.
   *
   * @param step the step
   * @param n which call
   * @return this plan
   */
  public synchronized FaultPlan failOnCall(String step, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
    failOnCall.put(step, calls.getOrDefault(step, 0) + n);
    return this;
  }

  /**
   * Each call of {@code step} fails with this probability, drawn from a generator seeded with {@code seed}.
   *
   * @param step the step
   * @param p the probability, 0 to 1
   * @param seed the generator's seed
   * @return this plan
   */
  public synchronized FaultPlan failRandomly(String step, double p, long seed) {
    probability.put(step, p);
    random = new SplittableRandom(seed);
    return this;
  }

  /** Forgets every planned fault (call counts are kept). */
  public synchronized void clear() {
    failNext.clear();
    failOnCall.clear();
    probability.clear();
  }

  /**
   * How many times {@code step} was reached.
   *
   * @param step the step
   * @return the calls
   */
  public synchronized int calls(String step) {
    return calls.getOrDefault(step, 0);
  }

  /**
   * Called by a fake when it reaches {@code step}.
   *
   * @throws InjectedFault when the plan says this call fails
   * @param step the step
   */
  public void reach(String step) {
    if (shouldFail(step)) {
      throw new InjectedFault(step);
    }
  }

  private synchronized boolean shouldFail(String step) {
    int call = calls.merge(step, 1, Integer::sum);
    Integer remaining = failNext.get(step);
    if (remaining != null && remaining > 0) {
      failNext.put(step, remaining - 1);
      return true;
    }
    Integer target = failOnCall.get(step);
    if (target != null && target == call) {
      failOnCall.remove(step);
      return true;
    }
    Double p = probability.get(step);
    return p != null && random.nextDouble() < p;
  }
}
