package io.unisync.marketo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.AdapterException;
import io.unisync.core.port.SnapshotPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BulkCursorTest {

  static final Instant JAN = Instant.parse("2024-01-01T00:00:00Z");
  static final Duration MONTH = Duration.ofDays(31);

  @Test
  void theStoredFormIsTheOneCheckpointsAlreadyHold() {
    // positions stored by earlier versions must still read: the form is a compatibility promise
    BulkCursor cursor = new BulkCursor(JAN, "E7", 300, new TreeMap<>(Map.of(JAN.plus(MONTH), "E8", JAN.plus(MONTH.multipliedBy(2)), "ids:E9")));

    assertThat(cursor.position().value()).isEqualTo("bulk|1704067200|E7|300|1706745600=E8,1709424000=ids:E9");
    assertThat(BulkCursor.start(JAN).position().value()).isEqualTo("bulk|1704067200|-|0");
  }

  @Test
  void everyCursorRoundTrips() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 2_000; n++) {
      TreeMap<Instant, String> ahead = new TreeMap<>();
      int started = random.nextInt(4);
      for (int i = 0; i < started; i++) {
        ahead.put(JAN.plusSeconds(random.nextLong(1_000_000_000L)), (random.nextBoolean() ? "ids:" : "") + "E" + random.nextInt(1_000_000));
      }
      String ref = random.nextInt(3) == 0 ? null : (random.nextBoolean() ? "ids:" : "") + Long.toHexString(random.nextLong());
      BulkCursor cursor = new BulkCursor(JAN.plusSeconds(random.nextLong(2_000_000_000L)), ref, random.nextLong(Long.MAX_VALUE), ahead);

      assertThat(BulkCursor.parse(cursor.position())).as("case " + n).isEqualTo(cursor);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "bulk", "bulk|1|E|", "bulk|x|E|0", "bulk|1|E|-5", "bulk|1||0", "rest|1|E|0", "bulk|1|E|0|5", "bulk|1|E|0|x=E",
      "bulk|1|E|0|5=", "bulk|99999999999999999999|E|0", "bulk|1|E|0|1=E|extra"})
  void aPositionThisClassDidNotWriteIsRefusedByName(String value) {
    assertThatThrownBy(() -> BulkCursor.parse(new SnapshotPosition(value)))
        .isInstanceOf(AdapterException.class).hasMessageContaining("not a Marketo bulk snapshot position");
    assertThat(BulkCursor.describe(new SnapshotPosition(value), JAN, MONTH)).isEmpty();
  }

  @Test
  void windowsLeftCountTheOneBegunAndNoneOnceNowIsReached() {
    BulkCursor cursor = BulkCursor.start(JAN);

    assertThat(cursor.windowsLeft(JAN, MONTH)).isZero();
    assertThat(cursor.windowsLeft(JAN.plusSeconds(1), MONTH)).isEqualTo(1);
    assertThat(cursor.windowsLeft(JAN.plus(MONTH), MONTH)).isEqualTo(1);
    assertThat(cursor.windowsLeft(JAN.plus(MONTH).plusMillis(1), MONTH)).isEqualTo(2);
    assertThat(cursor.windowsLeft(JAN.minusSeconds(1), MONTH)).isZero();
  }

  @Test
  void movingOnKeepsTheExportsStartedAhead() {
    BulkCursor cursor = new BulkCursor(JAN, "E1", 10, new TreeMap<>(Map.of(JAN.plus(MONTH), "E2")));

    BulkCursor next = cursor.nextWindow(JAN.plus(MONTH));

    assertThat(next.exportRef()).isNull();
    assertThat(next.rowsRead()).isZero();
    assertThat(next.ahead()).containsEntry(JAN.plus(MONTH), "E2");
    assertThat(cursor.at("E1", 20).rowsRead()).isEqualTo(20);
    assertThat(BulkCursor.jobId(BulkCursor.idsOnlyRef("E3"))).isEqualTo("E3");
    assertThat(BulkCursor.idsOnly("E3")).isFalse();
  }

  @Test
  void theDescriptionNamesTheWindowTheExportAndWhatIsLeft() {
    BulkCursor cursor = new BulkCursor(JAN, "E7", 300, new TreeMap<>(Map.of(JAN.plus(MONTH), "E8")));

    assertThat(BulkCursor.describe(cursor.position(), JAN.plus(MONTH.multipliedBy(3)), MONTH)).contains(
        "bulk export window from 2024-01-01 (31 days), 3 window(s) left, export E7, 300 row(s) of it applied, 1 export(s) started ahead");
    assertThat(BulkCursor.describe(BulkCursor.start(JAN).position(), JAN, MONTH).orElseThrow()).contains("export not created yet");
  }
}
