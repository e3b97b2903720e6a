package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.SourceRecord;
import io.unisync.core.port.CallBudget;
import io.unisync.core.port.CallLimits;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.marketo.internal.MixedCursor;
import io.unisync.testkit.SkippingClock;
import io.unisync.testkit.sim.ExportModel;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The mixed snapshot ({@link MarketoSnapshot#mixed()}): exports from the oldest window up, an id scan from the newest
 * lead down, time-true on a {@link SkippingClock} with Marketo's export overheads and a call budget that keeps the
 * rate limit in simulated time. Every lead is read exactly once whichever side reaches it, across restarts at every
 * page and pages lost to a crash before their commit, whatever the density of the id space, and the scan keeps to
 * background calls and its share of the day's quota.
 */
class MixedSnapshotTest {

  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  /** 12,000 ids over 1,200 days (one every 144 min: 39 windows of 31 days), 30% of them deleted. */
  static final Instant FIRST = NOW.minus(Duration.ofDays(1_200));
  static final int IDS = 12_000;
  static final SyntheticPeople PEOPLE = new SyntheticPeople(IDS, 29, FIRST, Duration.ofMinutes(144)).withDeletedShare(0.3);
  /**
   * Exports with 15 s of overhead each (about 200 s for the 39 windows) against a scan of 4 calls per 20 s (200 s for
   * the 40 blocks): both sides do part.
   */
  static final ExportModel QUICK = ExportModel.marketo().withWaits(Duration.ofSeconds(5), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(10));

  @Test
  void everyLeadIsReadOnceAndBothSidesDoPart() {
    Run run = new Scenario().run();

    assertThat(run.ids()).as("leads read").containsExactlyInAnyOrderElementsOf(run.existing());
    assertThat(run.byExports()).as("leads the exports read").isGreaterThan(IDS / 10);
    assertThat(run.byScan()).as("leads the scan read").isGreaterThan(IDS / 10);
    assertThat(run.last().met()).isTrue();
    assertThat(run.plan()).contains("done: exports read").contains("id scan from");
  }

  @Test
  void slowExportsLeaveTheScanMostOfTheIdsAndQuickOnesTakeMore() {
    Run slow = new Scenario().model(ExportModel.marketo().withWaits(Duration.ofSeconds(60), Duration.ofSeconds(77),
        Duration.ofMinutes(10), Duration.ofMinutes(21))).run();
    Run quick = new Scenario().model(ExportModel.marketo().withWaits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(1))).run();

    assertThat(slow.ids()).containsExactlyInAnyOrderElementsOf(slow.existing());
    assertThat(quick.ids()).containsExactlyInAnyOrderElementsOf(quick.existing());
    assertThat(slow.byScan()).as("the scan's share when each export costs 11 to 22 minutes").isGreaterThan(slow.byExports() * 4);
    assertThat(quick.byExports()).as("the exports' share when each export costs 2 s").isGreaterThan(IDS / 10)
        .isGreaterThan(3 * slow.byExports());
  }

  @Test
  void aRestartAfterEveryPageReadsEveryLeadOnce() {
    Run run = new Scenario().restartEveryPage().run();

    assertThat(run.ids()).containsExactlyInAnyOrderElementsOf(run.existing());
    assertThat(run.byExports()).isPositive();
    assertThat(run.byScan()).isPositive();
  }

  @Test
  void pagesLostToACrashBeforeTheirCommitAreReadAgainAndNothingTwice() {
    // every second page (the first included) is read, then the process dies before the store commits it: a new process resumes from the
    // position before it, at every kind of step (probing the top, committing an export id, a scan block, export rows)
    Run run = new Scenario().loseEverySecondPage().run();

    assertThat(run.lost()).as("pages lost").isGreaterThan(20);
    assertThat(run.ids()).containsExactlyInAnyOrderElementsOf(run.existing());
    assertThat(run.stepsLost()).as("kinds of step lost").contains("top", "scan", "export rows", "export id");
  }

  @Test
  void aRegionDenserThanTheScanFirstSawLeavesNoGap() {
    // the newest 40% of ids are nearly all deleted (the scan's first blocks are sparse and its pace misleads the ETA);
    // the older 60% are dense: still every lead once
    Run run = new Scenario().population(new SyntheticPeople(IDS, 29, FIRST, Duration.ofMinutes(144)))
        .before(sim -> {
          for (long id = IDS * 6 / 10 + 1; id <= IDS; id++) {
            if (id % 20 != 0) {
              sim.deleteLead(id);
            }
          }
        }).run();

    assertThat(run.ids()).containsExactlyInAnyOrderElementsOf(run.existing());
    assertThat(run.existing()).hasSize(IDS * 6 / 10 + IDS * 4 / 10 / 20);
  }

  @Test
  void aRunOfDeletedLeadsAtTheTopIsReadThroughFromTheNewLeadActivities() {
    // a lead created today with an id 20,000 above the rest: the probes stop at the gap, the New Lead activity does not
    Run run = new Scenario().before(sim -> sim.createLead(IDS + 20_000, Map.of("email", "new@example.com", "leadOwnerId", "7"))).run();

    assertThat(run.ids()).contains(String.valueOf(IDS + 20_000)).containsExactlyInAnyOrderElementsOf(run.existing());
    assertThat(run.first().top()).as("where the scan started").isGreaterThan(IDS + 20_000);
  }

  @Test
  void aBlockWhoseCreationTimesLieDoesNotEndTheScanEarly() {
    // the newest block says its leads were created in 1970, long before any export window: taken at its word, the sides
    // would "meet" at once and every id below would be missing
    Run run = new Scenario().before(sim -> {
      for (long id = IDS - 299; id <= IDS; id++) {
        if (sim.lead(id).isPresent()) {
          sim.updateLead(id, "createdAt", "1970-01-01T00:00:00Z");
        }
      }
    }).run();

    assertThat(run.ids()).containsExactlyInAnyOrderElementsOf(run.existing());
    assertThat(run.byScan()).isGreaterThan(IDS / 10);
  }

  @Test
  void theScanKeepsToBackgroundCallsAndItsShareOfTheQuotaAndTheExportsFinishAlone() {
    // 0.0006 of 50,000: 30 calls a day for the scan (probes included); the exports read the rest
    Run run = new Scenario().quotaShare(0.0006).run();

    assertThat(run.ids()).containsExactlyInAnyOrderElementsOf(run.existing());
    assertThat(run.leadsCalls()).as("leads.json calls of the scan and the probes").isLessThanOrEqualTo(30);
    assertThat(run.byExports()).isGreaterThan(run.byScan());
    assertThat(run.interactiveCalls()).as("calls that used the interactive reserve").isZero();
    assertThat(run.mostBackgroundIn20s()).as("background calls in any 20 s").isLessThanOrEqualTo(run.limits().backgroundCalls());
  }

  // ---- the harness ---------------------------------------------------------------------------------------------

  /** What one snapshot did: ids read in committed pages, by side; the first and last positions; the final plan. */
  record Run(List<String> ids, List<String> existing, int byExports, int byScan, MixedCursor first, MixedCursor last, String plan,
      int lost, List<String> stepsLost, long leadsCalls, int interactiveCalls, int mostBackgroundIn20s, CallLimits limits) {}

  /** One snapshot's set-up, changed by the test. */
  static final class Scenario {
    private SyntheticPeople people = PEOPLE;
    private ExportModel model = QUICK;
    private int scanCallsPer20s = 4;
    private double quotaShare = MarketoSnapshot.DEFAULT_SCAN_QUOTA_SHARE;
    private boolean restartEveryPage;
    private boolean loseEverySecondPage;
    private Consumer<MarketoSimulator> before = sim -> {};

    Scenario population(SyntheticPeople value) {
      this.people = value;
      return this;
    }

    Scenario model(ExportModel value) {
      this.model = value;
      return this;
    }

    Scenario scanCallsPer20s(int value) {
      this.scanCallsPer20s = value;
      return this;
    }

    Scenario quotaShare(double value) {
      this.quotaShare = value;
      return this;
    }

    Scenario restartEveryPage() {
      this.restartEveryPage = true;
      return this;
    }

    Scenario loseEverySecondPage() {
      this.loseEverySecondPage = true;
      return this;
    }

    Scenario before(Consumer<MarketoSimulator> value) {
      this.before = value;
      return this;
    }

    Run run() {
      SkippingClock clock = new SkippingClock(NOW);
      try (MarketoSimulator sim = MarketoSimulator.start(people, MarketoSimulator.Options.unlimited().withExportModel(model), clock)) {
        before.accept(sim);
        MarketoSettings base = Simulators.settings(sim, FIRST.minus(Duration.ofDays(1)))
            .withBulk(true, FIRST.minus(Duration.ofDays(1)), Duration.ofDays(31), Duration.ofSeconds(10))
            .withRateLimit(scanCallsPer20s + 1, Duration.ofSeconds(20), 10, 1.0) // one call of each 20 s left to sellers
            .withLimits(MarketoLimits.defaults().withMaxExportPolls(10_000));
        MarketoSettings settings = base.toBuilder().snapshot(base.snapshot().toBuilder().mixed(true).scanQuotaShare(quotaShare).build()).build();
        SkippingBudget budget = new SkippingBudget(settings.callLimits(), clock);
        Supplier<MarketoPersonSource> connect = () -> Marketo.connect(settings, clock, budget, clock.sleeper()).personSource();
        MarketoPersonSource source = connect.get();
        List<String> ids = new ArrayList<>();
        int byExports = 0;
        int byScan = 0;
        int lost = 0;
        List<String> stepsLost = new ArrayList<>();
        Optional<SnapshotPosition> position = Optional.empty();
        MixedCursor first = null;
        MixedCursor last = MixedCursor.start();
        SnapshotPage page;
        int pages = 0;
        boolean lostThis = false;
        do {
          if (restartEveryPage) {
            source = connect.get();
          }
          page = source.readSnapshot(position, 300);
          MixedCursor before = position.map(MixedCursor::parse).orElse(MixedCursor.start());
          MixedCursor after = MixedCursor.parse(page.resumeAfter());
          if (loseEverySecondPage && ++pages % 2 == 1 && !lostThis && !page.last()) {
            lost++;
            stepsLost.add(step(before, after, page));
            source = connect.get(); // the process died before the store committed the page
            lostThis = true;
            continue;
          }
          lostThis = false;
          if (first == null && after.topKnown()) {
            first = after;
          }
          boolean scanPage = after.floor() != before.floor();
          for (SourceRecord record : page.records()) {
            ids.add(record.sourceId());
          }
          if (scanPage) {
            byScan += page.records().size();
          } else {
            byExports += page.records().size();
          }
          position = Optional.of(page.resumeAfter());
          last = after;
        } while (!page.last());
        String plan = source.snapshotPlan().map(p -> p.summary()).orElse("");
        return new Run(ids, sim.existingIds().stream().map(String::valueOf).toList(), byExports, byScan,
            java.util.Objects.requireNonNull(first), last, plan, lost, stepsLost, scanCalls(plan),
            budget.interactive(), budget.mostBackgroundInWindow(), settings.callLimits());
      }
    }

    /** The scan's calls today, as the plan's summary says them ("…; 37 of 50 scan calls used today"). */
    private static long scanCalls(String plan) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9,]+) of [0-9,]+ scan calls used today").matcher(plan);
      assertThat(m.find()).as("the plan names the scan's calls: " + plan).isTrue();
      return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static String step(MixedCursor before, MixedCursor after, SnapshotPage page) {
      if (!before.topKnown()) {
        return "top";
      }
      if (after.floor() != before.floor()) {
        return "scan";
      }
      return page.records().isEmpty() ? "export id" : "export rows";
    }
  }

  /**
   * A call budget that keeps {@link CallLimits} in the skipping clock's time: a background call waits (by skipping the
   * clock) for a slot among {@code backgroundCalls} per window, an interactive one among all; records each call.
   */
  static final class SkippingBudget implements CallBudget {
    private final CallLimits limits;
    private final SkippingClock clock;
    private final Deque<Instant> all = new ArrayDeque<>();
    private final Deque<Instant> background = new ArrayDeque<>();
    private final List<Instant> backgroundTimes = new ArrayList<>();
    private int interactive;

    SkippingBudget(CallLimits limits, SkippingClock clock) {
      this.limits = limits;
      this.clock = clock;
    }

    @Override
    public synchronized Admission acquire(boolean isInteractive, Duration maxWait) {
      Duration window = limits.window();
      while (true) {
        Instant now = clock.instant();
        while (!all.isEmpty() && !all.peekFirst().plus(window).isAfter(now)) {
          all.removeFirst();
        }
        while (!background.isEmpty() && !background.peekFirst().plus(window).isAfter(now)) {
          background.removeFirst();
        }
        boolean room = all.size() < limits.calls() && (isInteractive || background.size() < limits.backgroundCalls());
        if (room) {
          break;
        }
        Instant free = (isInteractive || background.isEmpty() ? all : background).peekFirst().plus(window);
        try {
          clock.sleeper().sleep(Duration.between(now, free));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Busy();
        }
      }
      Instant now = clock.instant();
      all.addLast(now);
      if (isInteractive) {
        interactive++;
      } else {
        background.addLast(now);
        backgroundTimes.add(now);
      }
      return new Granted(() -> {});
    }

    synchronized int interactive() {
      return interactive;
    }

    /** The most background calls admitted within any one window. */
    synchronized int mostBackgroundInWindow() {
      int most = 0;
      int start = 0;
      for (int end = 0; end < backgroundTimes.size(); end++) {
        while (!backgroundTimes.get(start).plus(limits.window()).isAfter(backgroundTimes.get(end))) {
          start++;
        }
        most = Math.max(most, end - start + 1);
      }
      return most;
    }
  }
}
