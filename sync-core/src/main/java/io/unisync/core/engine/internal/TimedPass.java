package io.unisync.core.engine.internal;

import io.unisync.core.engine.SyncListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** One two-way pass, timed and told to the listener: its report when it ends, its failure when it throws. */
final class TimedPass {

  private TimedPass() {}

  static <R> R run(String name, Clock clock, SyncListener listener, Supplier<R> pass, BiConsumer<R, Duration> done) {
    Instant start = clock.instant();
    R report;
    try {
      report = pass.get();
    } catch (RuntimeException e) {
      listener.onTwoWayFailed(name, e);
      throw e;
    }
    done.accept(report, Duration.between(start, clock.instant()));
    return report;
  }
}
