package io.unisync.marketo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.AdapterException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The daily budgets on a hand-moved clock, without HTTP: the allowance's arithmetic and the day it resets. */
class ExportAllowanceTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final long MB = 1_000_000;
  // 10:00 in Chicago
  final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T15:00:00Z"));
  final AtomicInteger lists = new AtomicInteger();
  String jobs = "[]";

  ExportAllowance allowance(long bytes, int restCalls) {
    return new ExportAllowance(clock, CHICAGO, bytes, restCalls, Duration.ofDays(31), () -> {
      lists.incrementAndGet();
      return JsonMapper.builder().build().readTree(jobs);
    });
  }

  static String job(long size, long rows, String finishedAt) {
    return "{\"fileSize\":" + size + ",\"numberOfRecords\":" + rows + ",\"finishedAt\":\"" + finishedAt + "\"}";
  }

  @Test
  void todaysFilesCountYesterdaysDoNotAndTheListIsReadOnceADay() {
    jobs = "[" + job(100 * MB, 50_000, "2026-03-10T14:00:00Z") + "," + job(80 * MB, 40_000, "2026-03-10T04:59:00Z") // 23:59 yesterday (CDT, UTC-5)
        + "," + job(0, 0, "2026-03-10T14:30:00Z") + "," + job(10 * MB, 5_000, "not a date") + "]";
    ExportAllowance budgets = allowance(500 * MB, 10_000);

    ExportAllowance.Allowance today = budgets.today();

    assertThat(today).isEqualTo(new ExportAllowance.Allowance(100 * MB, 100 * MB, 50_000));
    budgets.noteCompleted(30 * MB, 60_000);
    assertThat(budgets.today()).as("kept up to date without another list").isEqualTo(new ExportAllowance.Allowance(130 * MB, 100 * MB, 60_000));
    assertThat(lists).hasValue(1);

    clock.advance(Duration.ofHours(15)); // past midnight in Chicago
    assertThat(budgets.today()).as("a new day reads the list again").isNotNull();
    assertThat(lists).hasValue(2);
  }

  @Test
  void aWindowThatWouldOverrunTheDayIsExportedByIdAloneCountingTheIdsOfEveryLaterWindow() {
    ExportAllowance budgets = allowance(500 * MB, 10_000);
    Instant now = clock.instant();
    ExportAllowance.Allowance spent = new ExportAllowance.Allowance(300 * MB, 100 * MB, 100_000);

    // 300 spent + (1 in flight + this one) x 100 = 500, plus the ids of the one window left from now: 1.2 MB over
    assertThat(budgets.wouldRunOut(spent, now.minus(Duration.ofDays(1)), List.of("E1"))).isTrue();
    assertThat(budgets.wouldRunOut(spent, now.minus(Duration.ofDays(1)), List.of("ids:E1"))).as("an id-only export in flight is small")
        .isFalse();
    assertThat(budgets.wouldRunOut(null, now, List.of("E1", "E2", "E3", "E4", "E5"))).as("nothing known: no guess").isFalse();
    assertThat(budgets.wouldRunOut(new ExportAllowance.Allowance(0, 0, 0), now, List.of())).isFalse();
  }

  @Test
  void theRestFallbacksCallsStopAtTheCapUntilMidnightInChicagoHavingCountedNothing() {
    ExportAllowance budgets = allowance(500 * MB, 3);
    budgets.reserveRestCalls(600); // 2 calls of 300 ids

    assertThatThrownBy(() -> budgets.reserveRestCalls(600)).isInstanceOfSatisfying(RetryableAdapterException.class,
        e -> assertThat(e.retryAfter()).contains(Duration.ofHours(14))); // 10:00 to midnight in Chicago
    budgets.reserveRestCalls(300); // the refused page counted nothing: the third call is still there

    clock.advance(Duration.ofHours(14));
    budgets.reserveRestCalls(900);
  }

  @Test
  void withTheFallbackOffOrAnUnreadableListTheAllowanceIsUnknown() {
    assertThat(allowance(500 * MB, 0).today()).as("fallback off: not even read").isNull();
    assertThat(lists).hasValue(0);
    ExportAllowance failing = new ExportAllowance(clock, CHICAGO, 500 * MB, 10, Duration.ofDays(31), () -> {
      throw new AdapterException("Marketo answered HTTP 500");
    });
    assertThat(failing.today()).isNull();
  }
}
