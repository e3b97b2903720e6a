package io.unisync.testkit;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.port.ActivitySink;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.core.port.Destination;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An {@link ActivitySink} that keeps what it receives, idempotent on the activity id like the real sinks.
 * Faults: reject or defer chosen ids, defer a seeded random share, or fail whole calls at {@link #DELIVER}
 * through the {@link FaultPlan}. Thread-safe.
 */
public final class RecordingActivitySink implements ActivitySink {

  /** The fault step of {@link #deliver}. */
  public static final String DELIVER = "sink.deliver";

  private final Destination destination;
  private final int maxBatchSize;
  private final FaultPlan faults;
  private final Map<ActivityId, Activity> delivered = new LinkedHashMap<>();
  private final Map<ActivityId, Integer> receipts = new HashMap<>();
  private final Map<ActivityId, String> rejections = new HashMap<>();
  private final Map<ActivityId, Integer> deferrals = new HashMap<>();
  private final List<List<ActivityId>> calls = new ArrayList<>();
  private double retryShare;
  private SplittableRandom random = new SplittableRandom(0);

  /**
   * A sink for {@code destination}, batches of up to 300, that never fails.
   *
   * @param destination the destination
   */
  public RecordingActivitySink(Destination destination) {
    this(destination, destination == Destination.SALESFORCE ? 200 : 300, FaultPlan.none());
  }

  /**
   * A sink.
   *
   * @param destination the destination
   * @param maxBatchSize the most activities per batch
   * @param faults the fault plan
   */
  public RecordingActivitySink(Destination destination, int maxBatchSize, FaultPlan faults) {
    this.destination = Objects.requireNonNull(destination, "destination");
    this.maxBatchSize = maxBatchSize;
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /**
   * The fault plan.
   *
   * @return the plan
   */
  public FaultPlan faults() {
    return faults;
  }

  /**
   * This activity is refused for good with the reason.
   *
   * @param id the activity
   * @param reason the reason
   * @return this sink
   */
  public synchronized RecordingActivitySink reject(ActivityId id, String reason) {
    rejections.put(id, reason);
    return this;
  }

  /**
   * Accepts a previously rejected activity from now on.
   *
   * @param id the activity
   * @return this sink
   */
  public synchronized RecordingActivitySink accept(ActivityId id) {
    rejections.remove(id);
    return this;
  }

  /**
   * This activity is deferred (retry) the next {@code times} times it is delivered.
   *
   * @param id the activity
   * @param times how many times
   * @return this sink
   */
  public synchronized RecordingActivitySink defer(ActivityId id, int times) {
    deferrals.put(id, times);
    return this;
  }

  /**
   * Each activity is deferred with probability {@code share}, drawn from a generator seeded with {@code seed}.
   *
   * @param share the share deferred, 0 to 1
   * @param seed the seed
   * @return this sink
   */
  public synchronized RecordingActivitySink deferRandomly(double share, long seed) {
    this.retryShare = share;
    this.random = new SplittableRandom(seed);
    return this;
  }

  @Override
  public Destination destination() {
    return destination;
  }

  @Override
  public int maxBatchSize() {
    return maxBatchSize;
  }

  @Override
  public List<DeliveryOutcome> deliver(List<Activity> batch) {
    if (batch.size() > maxBatchSize) {
      throw new IllegalArgumentException("batch of " + batch.size() + " exceeds the maximum of " + maxBatchSize);
    }
    faults.reach(DELIVER);
    synchronized (this) {
      calls.add(batch.stream().map(Activity::id).toList());
      List<DeliveryOutcome> outcomes = new ArrayList<>(batch.size());
      for (Activity activity : batch) {
        ActivityId id = activity.id();
        String rejection = rejections.get(id);
        Integer deferred = deferrals.get(id);
        if (rejection != null) {
          outcomes.add(new DeliveryOutcome.Rejected(id, rejection));
        } else if (deferred != null && deferred > 0) {
          deferrals.put(id, deferred - 1);
          outcomes.add(new DeliveryOutcome.Retry(id, "deferred by the test", null));
        } else if (retryShare > 0 && random.nextDouble() < retryShare) {
          outcomes.add(new DeliveryOutcome.Retry(id, "random deferral", null));
        } else {
          receipts.merge(id, 1, Integer::sum);
          delivered.putIfAbsent(id, activity);
          outcomes.add(new DeliveryOutcome.Delivered(id));
        }
      }
      return outcomes;
    }
  }

  /** {@return what the destination holds, each activity once, in order of first arrival} */
  public synchronized List<Activity> delivered() {
    return List.copyOf(delivered.values());
  }

  /**
   * How often this activity arrived (more than 1 means it was sent again; the sink kept one copy).
   *
   * @param id the activity
   * @return how often it arrived
   */
  public synchronized int receipts(ActivityId id) {
    return receipts.getOrDefault(id, 0);
  }

  /** {@return the ids of each deliver call, in order} */
  public synchronized List<List<ActivityId>> calls() {
    return List.copyOf(calls);
  }
}
