package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's progress line fits the terminal, so it redraws in place instead of wrapping into a new line each time. */
class DemoProgressTest {

  @Test
  void theLineFitsEightyAndOneHundredTwentyColumnsWithItsNumbers() {
    for (int columns : new int[] {80, 120}) {
      String line = Demo.Progress.line(2_470, 100_000, 77, 59, 15, columns);
      assertThat(line.length()).as("%d columns: %s", columns, line).isLessThan(columns);
      assertThat(line).contains("2,470/100,000 people").contains("77/s").contains("ETA 59s");
    }
    assertThat(Demo.Progress.line(2_470, 100_000, 77, 59, 15, 120)).contains("15 windows left");
  }

  @Test
  void onANarrowTerminalTheWindowsGoFirstAndTheLineNeverWraps() {
    String line = Demo.Progress.line(1_000_000, 1_000_000, 20_431, 3_725, 118, 60);

    assertThat(line.length()).isLessThan(60);
    assertThat(line).doesNotContain("windows").contains("ETA 62m05s");
  }

  @Test
  void theBarFillsWithTheShareRead() {
    assertThat(Demo.Progress.line(0, 10, 0, 0, -1, 120)).contains("[" + ".".repeat(30) + "]");
    assertThat(Demo.Progress.line(10, 10, 5, 0, 0, 120)).contains("[" + "#".repeat(30) + "]").contains("0 windows left");
  }
}
