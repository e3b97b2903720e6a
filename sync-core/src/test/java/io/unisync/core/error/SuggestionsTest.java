package io.unisync.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private final List<String> known = List.of("unisync.schedule.delivery", "unisync.schedule.person-sync", "bulkPollSeconds");

  @Test
  void aTypoGetsTheNearestName() {
    assertThat(Suggestions.closest("unisync.shedule.delivery", known)).contains("unisync.schedule.delivery");
    assertThat(Suggestions.closest("bulkpollseconds", known)).as("case aside").contains("bulkPollSeconds");
  }

  @Test
  void aNameFarFromEveryKnownOneGetsNone() {
    assertThat(Suggestions.closest("colour", known)).isEmpty();
    assertThat(Suggestions.closest("x", List.of())).isEmpty();
  }

  @Test
  void theDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("same", "same")).isZero();
  }
}
