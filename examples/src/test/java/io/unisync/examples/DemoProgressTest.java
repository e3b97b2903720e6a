package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.engine.SyncKind;
import io.unisync.core.engine.SyncProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's progress fits the terminal, so it redraws in place instead of wrapping into a new line each time. */
class DemoProgressTest {

  @Test
  void onAnEightyColumnTerminalEveryRedrawFitsTheWidthAndStaysOnOneLine() {
    for (int columns : new int[] {80, 120}) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Demo.Progress progress = new Demo.Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100_000, columns);

      for (long read = 0; read <= 100_000; read += 25_000) {
        progress.onProgress(progress(read));
      }
      progress.done();

      String text = bytes.toString(StandardCharsets.UTF_8);
      List<String> draws = Arrays.stream(text.split("\r")).map(d -> d.replaceAll("\u001B\\[[0-9;]*m", "").strip()) // colours take no column
          .filter(s -> !s.isEmpty()).toList();
      assertThat(draws).as("%d columns", columns).isNotEmpty();
      assertThat(draws).allSatisfy(d -> assertThat(d.length()).as("%d columns: %s", columns, d).isLessThanOrEqualTo(columns));
      assertThat(text.strip().split("\n")).as("redrawn in place: one line in the end").hasSize(1);
      assertThat(draws.get(draws.size() - 1)).contains("100000/100000").contains("People");
    }
  }

  @Test
  void intoAFileOneLinePerTenthWithItsNumbers() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demo.Progress progress = new Demo.Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1_000, Demo.Progress.NOT_A_TERMINAL);

    for (long read = 0; read <= 1_000; read += 50) {
      progress.onProgress(progress(read));
    }
    progress.done();

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(11);
    assertThat(lines.get(10)).contains("100%").contains("1,000/1,000 people");
  }

  @Test
  void thePlainLineNamesWindowsLeftAndTheTimeLeft() {
    assertThat(Demo.Progress.line(2_470, 100_000, 77, 59, 15)).contains("2,470/100,000 people").contains("77/s").contains("ETA 59s")
        .contains("15 windows left");
    assertThat(Demo.Progress.line(1_000_000, 1_000_000, 20_431, 3_725, -1)).doesNotContain("window").contains("ETA 62m05s");
  }

  private static SyncProgress progress(long read) {
    return new SyncProgress(SyncKind.INITIAL, read, read, 0, 0, read / 300, java.time.Duration.ofSeconds(1 + read / 1000),
        java.util.OptionalLong.empty());
  }
}
