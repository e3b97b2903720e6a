package io.unisync.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestedTest {

  @Test
  void recordsNobodyAskedForAreRefusedAndCounted() {
    Requested asked = Requested.ids(List.of("5", "6"));

    assertThat(asked.admits("5")).isTrue();
    assertThat(asked.admits("7")).isFalse();
    assertThat(asked.admits("8")).isFalse();
    assertThat(asked.admits("6")).isTrue();
    assertThat(asked.refused()).isEqualTo(2);
  }

  @Test
  void aKeyComparesTheFormsOneIdTakes() {
    Requested asked = Requested.ids(List.of("00Q000000000001"), id -> id.length() == 18 ? id.substring(0, 15) : id);

    assertThat(asked.admits("00Q000000000001AAA")).isTrue();
    assertThat(asked.admits("00Q000000000002AAA")).isFalse();
  }
}
