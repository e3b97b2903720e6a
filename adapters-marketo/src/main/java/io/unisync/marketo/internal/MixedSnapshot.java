package io.unisync.marketo.internal;

import io.unisync.core.domain.SourceRecord;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPlan;
import io.unisync.core.port.SnapshotPosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot read two ways at once: bulk exports of creation-date windows from the oldest up ({@link BulkSnapshot},
 * unchanged) and an id scan of {@code leads.json} from the newest lead down ({@link IdScan}). Neither side is planned
 * ahead: both stay busy and they meet where their paces take them. Where each export job costs many minutes of queue
 * and start-up, the scan covers nearly every id; where exports are quick, they take a larger part.
 *
 * <p>While both sides can go on, pages alternate between them (the scan also takes the exports' turn when no export is
 * ready); a window whose rows are part applied is read to its end first.
 *
 * <p>Each lead is applied once, by whichever side reaches it first, from what the position records alone:
 * <ul>
 *   <li>the scan has covered the ids from its floor up, so an export row of an id at or above the floor is skipped;
 *   <li>the exports have covered the people created before the export front (the start of the window being read), so a
 *       scanned lead created before the front is skipped;
 *   <li>an export window whose rows are part applied is read to its end before the scan reads again, so the front never
 *       moves past rows not yet applied.
 * </ul>
 * Both covered sets only grow, and each page commits its records with the position, so a lead skipped by one side was
 * applied by the other, whatever the order of pages and whatever page a crash lost. The sides have met, and the
 * snapshot is complete, when the scan reaches id 1, when the exports reach now, or when every lead of the scan's lowest
 * block that held any was created before the export front (Marketo numbers leads in creation order, so the ids below are
 * older still and the exports hold them). Density samples and estimates only feed the ETA: nothing they say can leave a
 * gap.
 *
 * <p>The scan runs at background priority (the call budget keeps its interactive reserve) and within
 * {@link io.unisync.marketo.MarketoSnapshot#scanQuotaShare()} of the daily quota; when that is spent the exports go on
 * alone until midnight. When the sides meet, the exports started ahead of the front are cancelled.
 */
public final class MixedSnapshot {

  private static final Logger LOG = LoggerFactory.getLogger(MixedSnapshot.class);

  private final Clock clock;
  private final Duration window;
  private final BulkSnapshot exports;
  private final IdScan scan;

  // ---- the pace this process has seen, for the plan --------------------------------------------------------------
  private @Nullable Instant started;
  private long idsScanned;
  private @Nullable Instant frontAtStart;
  private @Nullable Instant scanCreatedAtStart;
  private @Nullable SnapshotPlan plan;

  public MixedSnapshot(MarketoHttp http, Clock clock, Set<String> fields) {
    this.clock = clock;
    this.window = http.settings().snapshot().window();
    this.exports = new BulkSnapshot(http, clock, fields);
    this.scan = new IdScan(http, clock, fields);
  }

  /** The next page: the export side's when an export is ready (or must be read on), the scan's otherwise. */
  public synchronized SnapshotPage read(@Nullable SnapshotPosition after, int pageSize) {
    MixedCursor cursor = after == null ? MixedCursor.start() : MixedCursor.parse(after);
    if (!cursor.topKnown()) {
      long top = scan.findTop(); // committed with an empty page: a restart does not probe again
      return page(List.of(), new MixedCursor(top, top, null, true, cursor.exports()), false);
    }
    if (cursor.met()) {
      return page(List.of(), cursor, true);
    }
    if (!cursor.exportUnderWay() && !cursor.scanDone() && !scan.spentToday()) {
      if (!cursor.scanNext()) { // the two sides take turns while both can go on; the scan also takes the exports' turn when none is ready
        Optional<SnapshotPage> ready = exports.readIfReady(cursor.bulk(), pageSize);
        if (ready.isPresent()) {
          return fromExports(cursor, ready.get());
        }
      }
      return scanPage(cursor, pageSize);
    }
    return fromExports(cursor, exports.read(cursor.bulk(), pageSize));
  }

  /** An export page: rows of ids the scan has covered are skipped. */
  private SnapshotPage fromExports(MixedCursor cursor, SnapshotPage page) {
    List<SourceRecord> kept = new ArrayList<>(page.records().size());
    long floor = cursor.floor();
    for (SourceRecord record : page.records()) {
      long id = LeadReader.leadIdValue(record.sourceId());
      if (id <= 0 || id < floor) {
        kept.add(record); // an unreadable row (no id to judge by) goes on to quarantine
      }
    }
    MixedCursor next = new MixedCursor(cursor.top(), floor, cursor.lowCreated(), true, BulkCursor.parse(page.resumeAfter()));
    boolean done = page.last() || next.met();
    return page(kept, next, done);
  }

  /** A scan page: blocks of 300 ids (fewer when the page is smaller) below the floor; leads created before the export front are skipped. */
  private SnapshotPage scanPage(MixedCursor cursor, int pageSize) {
    Instant front = cursor.exportFront();
    long floor = cursor.floor();
    Instant low = cursor.lowCreated();
    List<SourceRecord> kept = new ArrayList<>();
    int width = Math.max(1, Math.min(LeadReader.MAX_IDS, pageSize)); // never more records than the page size
    int calls = Math.max(1, pageSize / width);
    for (int call = 0; call < calls && floor > 1 && !scan.spentToday(); call++) {
      long from = Math.max(1, floor - width);
      IdScan.Block block = scan.read(from, floor);
      Instant newest = null;
      for (SourceRecord record : block.records()) {
        Instant created = block.createdAt().get(record.sourceId());
        if (created != null && (newest == null || created.isAfter(newest))) {
          newest = created;
        }
        if (created == null || front == null || !created.isBefore(front)) {
          kept.add(record); // a lead whose creation time cannot be read is applied: at worst twice, never lost
        }
      }
      idsScanned += floor - from;
      floor = from;
      if (newest != null) {
        if (scanCreatedAtStart == null) {
          scanCreatedAtStart = newest;
        }
        low = newest;
        if (front != null && newest.isBefore(front)) {
          break; // met: the exports hold everyone below
        }
      }
    }
    MixedCursor next = new MixedCursor(cursor.top(), floor, low, false, cursor.exports());
    return page(kept, next, next.met());
  }

  private SnapshotPage page(List<SourceRecord> records, MixedCursor cursor, boolean last) {
    if (last) {
      finish(cursor);
    }
    notePlan(cursor, last);
    return new SnapshotPage(records, cursor.position(), last);
  }

  /** Cancels the exports started ahead of the front, which nothing will read now. */
  private void finish(MixedCursor cursor) {
    BulkCursor bulk = cursor.exports();
    if (bulk == null) {
      return;
    }
    List<String> unread = new ArrayList<>(bulk.ahead().values());
    if (bulk.exportRef() != null) {
      unread.add(bulk.exportRef());
    }
    if (!unread.isEmpty()) {
      LOG.info("The id scan and the exports met at id {}: cancelling {} export(s) nothing will read", cursor.floor(), unread.size());
      exports.cancelQuietly(unread);
    }
  }

  // ---- the plan ----------------------------------------------------------------------------------------------------

  /** The plan after the last page read; empty before the first. */
  public synchronized Optional<SnapshotPlan> plan() {
    return Optional.ofNullable(plan);
  }

  private void notePlan(MixedCursor cursor, boolean last) {
    Instant now = clock.instant();
    if (started == null) {
      started = now;
    }
    Instant front = cursor.exportFront();
    if (frontAtStart == null && front != null) {
      frontAtStart = front;
    }
    if (last) {
      plan = new SnapshotPlan(1, 0, Optional.of(Duration.ZERO), summary(cursor, "done"));
      return;
    }
    plan = new SnapshotPlan(windowsCovered(cursor), windowsLeft(cursor, now), eta(cursor, now), summary(cursor, null));
  }

  /** Creation-date windows the two sides have covered: the exports' from where they began, the scan's down to its lowest block. */
  private int windowsCovered(MixedCursor cursor) {
    long covered = 0;
    Instant front = cursor.exportFront();
    if (front != null && frontAtStart != null) {
      covered += Duration.between(frontAtStart, front).toMillis();
    }
    Instant low = cursor.lowCreated();
    if (low != null && scanCreatedAtStart != null) {
      covered += Duration.between(low, scanCreatedAtStart).toMillis();
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, covered) / window.toMillis());
  }

  /** Creation-date windows between the export front and the scan's lowest block (from {@code now} while either is unknown). */
  private int windowsLeft(MixedCursor cursor, Instant now) {
    Instant front = cursor.exportFront();
    Instant low = cursor.lowCreated();
    Instant from = front != null ? front : low != null ? low.minus(window) : now.minus(window);
    Instant to = low != null ? low : now;
    return Math.max(1, BulkCursor.windowsBetween(from, to, window));
  }

  /**
   * When the sides should meet at the paces seen by this process: the span of creation times between the scan's lowest
   * block and the export front, over the creation time each side covers per second; or, without an export front, the
   * scan's ids left at its pace. Empty until a pace has been seen.
   */
  private Optional<Duration> eta(MixedCursor cursor, Instant now) {
    Instant begun = started;
    if (begun == null) {
      return Optional.empty();
    }
    double elapsed = Duration.between(begun, now).toMillis() / 1000.0;
    if (elapsed <= 0) {
      return Optional.empty();
    }
    double byScanAlone = idsScanned == 0 ? Double.POSITIVE_INFINITY : (cursor.floor() - 1) / (idsScanned / elapsed);
    Instant front = cursor.exportFront();
    Instant low = cursor.lowCreated();
    double meeting = Double.POSITIVE_INFINITY;
    if (front != null && low != null && frontAtStart != null && scanCreatedAtStart != null) {
      double scanPace = Duration.between(low, scanCreatedAtStart).toSeconds() / elapsed; // creation seconds per second
      double exportPace = Duration.between(frontAtStart, front).toSeconds() / elapsed;
      double gap = Duration.between(front, low).toSeconds();
      if (scanPace + exportPace > 0) {
        meeting = Math.max(0, gap) / (scanPace + exportPace);
      }
    }
    double seconds = Math.min(byScanAlone, meeting);
    return Double.isInfinite(seconds) ? Optional.empty() : Optional.of(Duration.ofSeconds((long) Math.ceil(seconds)));
  }

  private String summary(MixedCursor cursor, @Nullable String state) {
    Instant front = cursor.exportFront();
    BulkCursor bulk = cursor.exports();
    int ahead = bulk != null ? bulk.ahead().size() : 0;
    long exported = front == null || frontAtStart == null ? 0 : Duration.between(frontAtStart, front).toMillis() / window.toMillis();
    String exportsPart = front == null ? "exports not started"
        : exported > 0 ? String.format(Locale.ROOT, "exports read %d window(s), people created before %s (%d started ahead)", exported, day(front), ahead)
        : String.format(Locale.ROOT, "exports read no window yet, the first from %s (%d started ahead)", day(front), ahead);
    String scanPart = !cursor.topKnown() ? "id scan not started"
        : String.format(Locale.ROOT, "id scan from %,d down to %,d%s", cursor.top() - 1, cursor.floor(),
            cursor.lowCreated() == null ? "" : " (people created since " + day(cursor.lowCreated()) + ")");
    return (state == null ? "" : state + ": ") + exportsPart + "; " + scanPart + String.format(Locale.ROOT, "; %,d of %,d scan calls used today",
        scan.callsToday(), scan.callsPerDay());
  }

  private static String day(Instant instant) {
    return instant.toString().substring(0, 10);
  }

  /** One line about a stored mixed position, for status pages; empty for one that is not a mixed cursor. */
  public static Optional<String> describe(SnapshotPosition position) {
    if (!MixedCursor.isMixed(position)) {
      return Optional.empty();
    }
    try {
      MixedCursor cursor = MixedCursor.parse(position);
      Instant front = cursor.exportFront();
      return Optional.of(String.format(Locale.ROOT, "mixed snapshot: exports done up to %s; id scan %s", front == null ? "(none yet)" : day(front),
          cursor.topKnown() ? String.format(Locale.ROOT, "from %,d down to %,d", cursor.top() - 1, cursor.floor()) : "not started"));
    } catch (io.unisync.core.error.AdapterException e) {
      return Optional.empty();
    }
  }
}
