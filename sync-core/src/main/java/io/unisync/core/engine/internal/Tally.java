package io.unisync.core.engine.internal;

import io.unisync.core.engine.SyncKind;
import io.unisync.core.engine.SyncProgress;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.port.ApplyResult;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/** Running counts of one sync call. Confined to the calling thread. */
final class Tally {

  private final SyncKind kind;
  private final Instant started;
  long read;
  long upserted;
  long unchanged;
  long stale;
  long removed;
  long rejected;
  long ineligible;
  long changesSeen;
  long changesIgnored;
  long removalsWithheld;
  long commits;

  Tally(SyncKind kind, Instant started) {
    this.kind = kind;
    this.started = started;
  }

  SyncKind kind() {
    return kind;
  }

  void add(ApplyResult result) {
    upserted += result.written();
    unchanged += result.unchanged();
    stale += result.stale();
    removed += result.removed();
    rejected += result.quarantined();
    commits++;
  }

  SyncProgress progress(Instant now, OptionalLong estimatedTotal, java.util.Optional<io.unisync.core.port.SnapshotPlan> plan) {
    return new SyncProgress(kind, read, upserted, removed, rejected, commits, Duration.between(started, now), estimatedTotal, plan);
  }

  SyncReport report(Instant now, boolean complete) {
    return new SyncReport(kind, read, upserted, unchanged, stale, removed, rejected, ineligible,
        changesSeen, changesIgnored, commits, removalsWithheld, Duration.between(started, now), complete);
  }
}
