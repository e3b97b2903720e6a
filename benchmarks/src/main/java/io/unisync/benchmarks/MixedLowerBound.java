package io.unisync.benchmarks;

import io.unisync.testkit.sim.ExportModel;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The shortest initial sync any client could achieve mixing bulk exports with an id scan of {@code leads.json}, under an
 * export model and a call rate: the exports take the oldest {@code k} 31-day windows, the scan the ids from the first
 * one created after them up to the newest, both at once, so the time is the larger of the two sides; the bound is the
 * best {@code k}. The exports' side is {@link ExportLowerBound} of its windows (the model's shortest waits); the scan's
 * side is its calls (300 ids each, deleted ids included: a call reads a range whoever is left in it) at the call rate,
 * and no more than {@code callsPerDay} in a day (the scan's share of the daily quota: beyond it the scan waits for the
 * next day), leaving out finding the newest id and the client's own work. {@code k = 0} is the scan alone, {@code k} = every window
 * the exports alone.
 *
 * @param exportWindows the windows the best split gives the exports
 * @param scanCalls the calls the best split gives the scan
 * @param exportSeconds the exports' side of the best split
 * @param scanSeconds the scan's side of the best split
 * @param scanAloneSeconds the scan of every id alone
 * @param exportsAloneSeconds the exports of every window alone
 */
record MixedLowerBound(int exportWindows, long scanCalls, double exportSeconds, double scanSeconds, double scanAloneSeconds,
    double exportsAloneSeconds) {

  /**
   * @param from the creation date the windows start at
   * @param to when the sync starts
   * @param callsPerSecond the scan's calls per second (Marketo: 100 per 20 s, less the interactive reserve)
   * @param callsPerDay the scan's calls in a day at most
   */
  static MixedLowerBound of(SyntheticPeople population, Instant from, Instant to, Duration window, ExportModel model, double bytesPerRow,
      double callsPerSecond, long callsPerDay) {
    long top = population.count();
    int windows = (int) ((Duration.between(from, to).toMillis() + window.toMillis() - 1) / window.toMillis());
    MixedLowerBound best = null;
    double scanAlone = scanSeconds((long) Math.ceil(top / 300.0), callsPerSecond, callsPerDay);
    double exportsAlone = ExportLowerBound.of(population, from, to, window, model, bytesPerRow).seconds();
    for (int k = 0; k <= windows; k++) {
      Instant split = from.plus(window.multipliedBy(k));
      if (split.isAfter(to)) {
        split = to;
      }
      double exports = k == 0 ? 0 : ExportLowerBound.of(population, from, split, window, model, bytesPerRow).seconds();
      long firstScanned = Math.min(top + 1, population.firstIdCreatedAtOrAfter(split));
      long calls = (long) Math.ceil((top + 1 - firstScanned) / 300.0);
      double scan = scanSeconds(calls, callsPerSecond, callsPerDay);
      if (best == null || Math.max(exports, scan) < best.seconds()) {
        best = new MixedLowerBound(k, calls, exports, scan, scanAlone, exportsAlone);
      }
    }
    return java.util.Objects.requireNonNull(best);
  }

  /** Calls at the rate, a day's most at a time: every full day before the last one's calls waits 24 hours. */
  private static double scanSeconds(long calls, double callsPerSecond, long callsPerDay) {
    long days = Math.max(0, (calls + callsPerDay - 1) / callsPerDay - 1);
    return days * 86_400.0 + (calls - days * callsPerDay) / callsPerSecond;
  }

  double seconds() {
    return Math.max(exportSeconds, scanSeconds);
  }

  String explain() {
    return String.format(Locale.ROOT, "best split: exports of the oldest %d windows %.1f min, scan of %,d calls %.1f min; scan alone %.1f min,"
        + " exports alone %.1f min", exportWindows, exportSeconds / 60, scanCalls, scanSeconds / 60, scanAloneSeconds / 60,
        exportsAloneSeconds / 60);
  }
}
