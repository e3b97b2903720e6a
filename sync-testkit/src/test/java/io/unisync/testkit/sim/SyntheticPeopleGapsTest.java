package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An id space with gaps: deleted ids are in no read and no export, and the same ids are gone every time. */
class SyntheticPeopleGapsTest {

  static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aShareOfTheIdsIsGoneTheSameOnesEveryTime() {
    SyntheticPeople people = new SyntheticPeople(10_000, 3, FIRST, Duration.ofMinutes(1)).withDeletedShare(0.3);

    long existing = java.util.stream.LongStream.rangeClosed(1, 10_000).filter(people::exists).count();

    assertThat(existing).isBetween(6_800L, 7_200L);
    assertThat(java.util.stream.LongStream.rangeClosed(1, 10_000).filter(people::exists).count()).isEqualTo(existing);
    assertThat(people.exists(0)).isFalse();
    assertThat(people.exists(10_001)).isFalse();
    assertThat(new SyntheticPeople(10_000, 3, FIRST, Duration.ofMinutes(1)).exists(5)).as("no gaps unless asked").isTrue();
    assertThatThrownBy(() -> people.withDeletedShare(1.0)).hasMessageContaining("deletedShare");
  }

  @Test
  void deletedIdsAreInNoReadAndNoExport() throws Exception {
    SyntheticPeople people = new SyntheticPeople(600, 5, FIRST, Duration.ofMinutes(1)).withDeletedShare(0.3);
    ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
    try (MarketoSimulator sim = MarketoSimulator.start(people, MarketoSimulator.Options.unlimited(), clock)) {
      long gone = java.util.stream.LongStream.rangeClosed(1, 600).filter(id -> !people.exists(id)).findFirst().orElseThrow();
      long there = java.util.stream.LongStream.rangeClosed(1, 600).filter(people::exists).findFirst().orElseThrow();

      assertThat(sim.lead(gone)).isEmpty();
      assertThat(sim.lead(there)).isPresent();
      List<Long> ids = sim.existingIds();
      assertThat(ids).doesNotContain(gone).contains(there);
      SimCalls calls = new SimCalls(sim);
      String token = calls.token();
      JsonNode read = calls.json(calls.call("GET", "/rest/v1/leads.json?filterType=id&filterValues=" + gone + "," + there + "&fields=id", null,
          token));
      assertThat(read.path("result")).extracting(r -> r.path("id").asLong()).containsExactly(there);

      String created = calls.json(calls.call("POST", "/bulk/v1/leads/export/create.json",
          "{\"fields\":[\"id\"],\"format\":\"CSV\",\"filter\":{\"createdAt\":{\"startAt\":\"2026-01-01T00:00:00Z\","
              + "\"endAt\":\"2026-01-31T00:00:00Z\"}}}", token)).path("result").get(0).path("exportId").asString();
      calls.call("POST", "/bulk/v1/leads/export/" + created + "/enqueue.json", null, token);
      calls.call("GET", "/bulk/v1/leads/export/" + created + "/status.json", null, token);
      String csv = new String(calls.call("GET", "/bulk/v1/leads/export/" + created + "/file.json", null, token).body(),
          java.nio.charset.StandardCharsets.UTF_8);
      List<String> rows = csv.lines().skip(1).toList();
      assertThat(rows).hasSize(ids.size()).doesNotContain(Long.toString(gone)).contains(Long.toString(there));
    }
  }
}
