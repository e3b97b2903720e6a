package io.unisync.testkit.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Marketo's bulk export queue on a clock, as {@link ExportModel} describes it: a queued job waits its queue wait, then
 * takes the first free of {@code maxProcessing} slots in queue order (first in, first out), processes for its start-up
 * plus its rows at {@code rowsPerSecond}, and on completion spends its file's bytes of the day's allowance (reset at
 * midnight America/Chicago). {@link #advance} moves every job to where the clock says it is, event by event, so a
 * clock moved by hours gives the same history as one moved by seconds. The "× the lower bound" figures of the initial
 * sync's benchmarks rest on this model. Not thread-safe: the simulator calls it holding its jobs' lock.
 */
final class ExportQueueModel {

  private static final ZoneId CENTRAL = ZoneId.of("America/Chicago");

  private final ExportModel model;
  /** Since when each free processing slot has been free. */
  private final List<Instant> freeSlots;
  private long bytesToday;
  private @Nullable LocalDate day;

  ExportQueueModel(ExportModel model) {
    this.model = model;
    this.freeSlots = new ArrayList<>(Collections.nCopies(model.maxProcessing(), Instant.EPOCH));
  }

  /** Jobs holding a queue place: queued or processing (other integrations' too). */
  static long busy(Collection<BulkJob> jobs) {
    return jobs.stream().filter(j -> j.status.equals("Queued") || j.status.equals("Processing")).count();
  }

  /** Whether the queue has no place left for another job. */
  boolean full(Collection<BulkJob> jobs) {
    return busy(jobs) >= model.maxQueued();
  }

  /** Whether the day's allowance (as of {@code now}) is spent. */
  boolean allowanceSpent(Instant now) {
    rollDay(now);
    return bytesToday >= model.dailyBytes();
  }

  /** Bytes of export files completed on {@code now}'s day. */
  long bytesToday(Instant now) {
    rollDay(now);
    return bytesToday;
  }

  /** A job that stopped processing at {@code at} (cancelled, failed by hand) frees its slot. */
  void freed(Instant at) {
    freeSlots.add(at);
  }

  /**
   * Moves {@code jobs} to {@code now}: completes each processing job whose time has come (its file's bytes spent on the
   * day it finished), starts each queued job whose wait is over as soon as a slot is free ({@code measure} fixes its
   * records and size as the instance is when processing begins, or fails it), in the order these happened.
   */
  void advance(Collection<BulkJob> jobs, Instant now, Consumer<BulkJob> measure) {
    rollDay(now);
    while (true) {
      BulkJob finishing = jobs.stream().filter(j -> j.status.equals("Processing"))
          .min(Comparator.comparing(ExportQueueModel::finished)).orElse(null);
      BulkJob next = jobs.stream().filter(j -> j.status.equals("Queued"))
          .min(Comparator.comparingLong((BulkJob j) -> j.queueOrder)).orElse(null);
      Instant freeSince = freeSlots.stream().min(Instant::compareTo).orElse(null);
      Instant startAt = null;
      if (next != null) {
        Instant ready = Objects.requireNonNull(next.queuedAt, "a queued job has its queuedAt").plus(model.queueWaitOf(next.queueOrder));
        startAt = freeSince != null ? later(ready, freeSince) : finishing == null ? null : later(ready, finished(finishing));
      }
      if (finishing != null && !finished(finishing).isAfter(now) && (startAt == null || !finished(finishing).isAfter(startAt))) {
        finishing.status = "Completed";
        freeSlots.add(finished(finishing));
        rollDay(finished(finishing));
        bytesToday += Math.max(0, finishing.size);
        continue;
      }
      if (next != null && freeSince != null && startAt != null && !startAt.isAfter(now)) {
        freeSlots.remove(freeSince);
        measure.accept(next); // the file holds the instance as it was when processing began
        if (next.status.equals("Failed")) {
          freeSlots.add(startAt);
        } else {
          next.status = "Processing";
          next.startedAt = startAt;
          next.finishedAt = startAt.plus(model.processingOf(next.queueOrder, next.records));
        }
        continue;
      }
      return;
    }
  }

  private void rollDay(Instant at) {
    LocalDate today = LocalDate.ofInstant(at, CENTRAL);
    if (!today.equals(day)) {
      day = today;
      bytesToday = 0;
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** When a processing job finishes (set when it started processing). */
  private static Instant finished(BulkJob job) {
    return Objects.requireNonNull(job.finishedAt, "a processing job has its finishedAt");
  }
}
