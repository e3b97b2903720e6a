package io.unisync.benchmarks;

import io.unisync.testkit.sim.ExportModel;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shortest initial sync any client could achieve through bulk exports under an export model, from the instance's
 * shape: its people per 31-day creation window (an export covers at most 31 days, so a client needs at least one export
 * per window that holds people) and the bytes per exported row. Three bounds hold for every schedule of those exports:
 *
 * <ol>
 *   <li><b>slots</b>: every job processes on one of {@code maxProcessing} slots for at least its start-up plus its rows
 *       at {@code rowsPerSecond}, after the first job's queue wait: {@code queueWait + (jobs × startup + rows / rate) /
 *       maxProcessing};
 *   <li><b>queue places</b>: every job holds one of {@code maxQueued} places for at least its queue wait plus its own
 *       processing: {@code (jobs × (queueWait + startup) + rows / rate) / maxQueued};
 *   <li><b>allowance</b>: each day (midnight to midnight in America/Chicago) exports at most {@code dailyBytes}, so with
 *       {@code k = ceil(bytes / dailyBytes) - 1} resets needed the last file cannot complete before the k-th midnight
 *       after the start.
 * </ol>
 *
 * The waits and start-ups are each model's shortest ({@link ExportModel#queueWait()}, {@link ExportModel#startup()}), so
 * the bound holds whatever the draws. The bound is the largest of them. It leaves out the client's own work (reading and applying the rows), which the
 * measured runs include: a ratio near 1 means the exports, not Unisync, set the pace.
 */
record ExportLowerBound(int windows, long rows, long bytes, double slotsSeconds, double queueSeconds, double allowanceSeconds) {

  /**
   * @param from the creation date the windows start at
   * @param to when the sync starts (the windows end there)
   */
  static ExportLowerBound of(SyntheticPeople population, Instant from, Instant to, Duration window, ExportModel model,
      double bytesPerRow) {
    List<Long> perWindow = new ArrayList<>();
    for (Instant start = from; start.isBefore(to); start = start.plus(window)) {
      Instant end = start.plus(window).isAfter(to) ? to : start.plus(window);
      long n = Math.min(population.count() + 1, population.firstIdCreatedAtOrAfter(end))
          - Math.min(population.count() + 1, population.firstIdCreatedAtOrAfter(start));
      if (n > 0) {
        perWindow.add(n);
      }
    }
    long rows = perWindow.stream().mapToLong(Long::longValue).sum();
    long bytes = Math.round(rows * bytesPerRow);
    double rate = model.rowsPerSecond();
    double queueWait = model.queueWait().toMillis() / 1000.0;
    double startup = model.startup().toMillis() / 1000.0;
    double slots = queueWait + (perWindow.size() * startup + rows / rate) / model.maxProcessing();
    double queue = (perWindow.size() * (queueWait + startup) + rows / rate) / model.maxQueued();
    long resets = Math.max(0, (long) Math.ceil((double) bytes / model.dailyBytes()) - 1);
    java.time.ZoneId chicago = java.time.ZoneId.of("America/Chicago");
    double allowance = resets == 0 ? 0 : Duration.between(to, java.time.LocalDate.ofInstant(to, chicago).plusDays(resets)
        .atStartOfDay(chicago).toInstant()).toMillis() / 1000.0;
    return new ExportLowerBound(perWindow.size(), rows, bytes, slots, queue, allowance);
  }

  double seconds() {
    return Math.max(slotsSeconds, Math.max(queueSeconds, allowanceSeconds));
  }

  String explain() {
    return String.format(Locale.ROOT, "max of: slots %.0f s, queue places %.0f s, allowance %.0f s (%,d MB)", slotsSeconds, queueSeconds,
        allowanceSeconds, bytes >> 20);
  }
}
