package io.unisync.testkit.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Which request gets which fault, for both simulators: faults a test scripted for the next request whose path contains
 * a part (in the order they were scripted), then, at a seeded rate, one drawn from a list of transient faults. Seeded,
 * so a failing run repeats. Thread-safe.
 *
 * @param <F> the simulator's fault type ({@link MarketoFault}, {@link SalesforceFault})
 */
final class FaultPlan<F> {

  private final Deque<Map.Entry<String, F>> scripted = new ArrayDeque<>();
  private final double randomRate;
  private final List<F> transientFaults;
  private final SplittableRandom random;

  /** Scripted faults only. */
  FaultPlan() {
    this(0, 1, List.of());
  }

  /** Scripted faults, and with probability {@code randomRate} per request one of {@code transientFaults}. */
  FaultPlan(double randomRate, long seed, List<F> transientFaults) {
    if (randomRate > 0 && transientFaults.isEmpty()) {
      throw new IllegalArgumentException("random faults need faults to draw from");
    }
    this.randomRate = randomRate;
    this.transientFaults = List.copyOf(transientFaults);
    this.random = new SplittableRandom(seed);
  }

  /** The next request whose path contains {@code pathPart} gets {@code fault}; faults queue in order. */
  synchronized void failNext(String pathPart, F fault) {
    scripted.add(Map.entry(pathPart, fault));
  }

  /** The fault for a request to {@code path}, if any: the first scripted one that matches (used up), else a drawn one. */
  synchronized @Nullable F next(String path) {
    for (var it = scripted.iterator(); it.hasNext(); ) {
      Map.Entry<String, F> entry = it.next();
      if (path.contains(entry.getKey())) {
        it.remove();
        return entry.getValue();
      }
    }
    if (randomRate > 0 && random.nextDouble() < randomRate) {
      return transientFaults.get(random.nextInt(transientFaults.size()));
    }
    return null;
  }
}
