package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketoSettingsTest {

  static final URI URL = URI.create("https://284-RPR-133.mktorest.com");

  @Test
  void theBuilderStartsAtTheDocumentedDefaults() {
    MarketoSettings settings = MarketoSettings.builder(URL, "id", "secret").build();

    assertThat(settings).isEqualTo(MarketoSettings.of(URL, "id", "secret"));
    assertThat(settings.callsPerWindow()).isEqualTo(MarketoSettings.DEFAULT_CALLS_PER_WINDOW).isEqualTo(100);
    assertThat(settings.rateWindow()).isEqualTo(MarketoSettings.DEFAULT_RATE_WINDOW).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.maxConcurrent()).isEqualTo(10);
    assertThat(settings.snapshotStart()).isEqualTo(MarketoSettings.DEFAULT_SNAPSHOT_START);
    assertThat(settings.bulkPollInterval()).isEqualTo(MarketoSettings.DEFAULT_BULK_POLL_INTERVAL);
    assertThat(settings.bulkWindow()).isEqualTo(Duration.ofDays(31));
  }

  @Test
  void everyKnobHasASetterAndToBuilderKeepsTheRest() {
    MarketoSettings changed = MarketoSettings.of(URL, "id", "secret").toBuilder()
        .tokenRefreshMargin(Duration.ofSeconds(90)).changeActivityTypeIds(List.of(13)).mergeActivityTypeId(33)
        .changeOverlap(Duration.ofMinutes(2)).smartGridActivityTypeIds(List.of(1, 2)).bulkWindow(Duration.ofDays(7)).build();

    MarketoSettings again = changed.toBuilder().build();

    assertThat(again).isEqualTo(changed).hasSameHashCodeAs(changed);
    assertThat(changed.tokenRefreshMargin()).isEqualTo(Duration.ofSeconds(90));
    assertThat(changed.changeActivityTypeIds()).containsExactly(13);
    assertThat(changed.mergeActivityTypeId()).isEqualTo(33);
    assertThat(changed.changeOverlap()).isEqualTo(Duration.ofMinutes(2));
    assertThat(changed.smartGridActivityTypeIds()).containsExactly(1, 2);
    assertThat(changed.bulkPollInterval()).as("untouched").isEqualTo(MarketoSettings.DEFAULT_BULK_POLL_INTERVAL);
  }

  @Test
  void theWithMethodsAreTheBuilderInShort() {
    MarketoSettings base = MarketoSettings.of(URL, "id", "secret");
    Instant start = Instant.parse("2020-01-01T00:00:00Z");

    assertThat(base.withBulk(true, start, Duration.ofDays(10), Duration.ZERO))
        .isEqualTo(base.toBuilder().snapshotStart(start).bulkWindow(Duration.ofDays(10)).bulkPollInterval(Duration.ZERO).build());
    assertThat(base.withRateLimit(50, Duration.ofSeconds(10), 5, 0.5))
        .isEqualTo(base.toBuilder().callsPerWindow(50).rateWindow(Duration.ofSeconds(10)).maxConcurrent(5).budgetShare(0.5).build());
  }

  @Test
  void buildListsEveryProblemAtOnceAndNeverTheSecret() {
    MarketoSettings.Builder bad = MarketoSettings.builder(URI.create("http://example.com/"), "", "s3cr3t-value")
        .callsPerWindow(0).budgetShare(1.5).bulkWindow(Duration.ofDays(40)).smartGridActivityTypeIds(List.of())
        .changeOverlap(Duration.ofSeconds(-1)).requestTimeout(Duration.ofMillis(5));

    assertThatThrownBy(bad::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
      assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(8);
      assertThat(String.join("\n", e.problems())).contains("baseUrl", "clientId", "callsPerWindow", "budgetShare", "bulkWindow",
          "smartGridActivityTypeIds", "changeOverlap", "requestTimeout");
    }).hasMessageNotContaining("s3cr3t-value");
    assertThat(MarketoSettings.of(URL, "id", "s3cr3t-value").toString()).doesNotContain("s3cr3t-value");
  }
}
