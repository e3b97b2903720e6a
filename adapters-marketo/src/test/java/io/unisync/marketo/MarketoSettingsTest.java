package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.ActivityKind;
import io.unisync.core.error.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketoSettingsTest {

  static final URI URL = URI.create("https://284-RPR-133.mktorest.com");

  @Test
  void theBuilderStartsAtTheDocumentedDefaults() {
    MarketoSettings settings = MarketoSettings.builder(URL, "id", "secret").build();

    assertThat(settings).isEqualTo(MarketoSettings.of(URL, "id", "secret"));
    assertThat(settings.rateLimit().calls()).isEqualTo(MarketoRateLimit.DEFAULT_CALLS).isEqualTo(100);
    assertThat(settings.rateLimit().window()).isEqualTo(MarketoRateLimit.DEFAULT_WINDOW).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.rateLimit().concurrent()).isEqualTo(10);
    assertThat(settings.rateLimit().dailyQuota()).isEqualTo(50_000);
    assertThat(settings.snapshot().start()).isEqualTo(MarketoSnapshot.DEFAULT_START);
    assertThat(settings.snapshot().pollInterval()).isEqualTo(MarketoSnapshot.DEFAULT_POLL_INTERVAL).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.snapshot().window()).isEqualTo(Duration.ofDays(31));
    assertThat(settings.feeds().changeTypeIds()).containsExactly(12, 13);
    assertThat(settings.activityTypes().apiNames()).containsEntry(ActivityKind.SEND_SALES_EMAIL, "unisyncSendSalesEmail");
  }

  @Test
  void everyKnobHasASetterAndToBuilderKeepsTheRest() {
    MarketoSettings changed = MarketoSettings.of(URL, "id", "secret").toBuilder()
        .tokenRefreshMargin(Duration.ofSeconds(90))
        .feeds(MarketoFeeds.defaults().toBuilder().changeTypeIds(List.of(13)).mergeTypeId(33).overlap(Duration.ofMinutes(2))
            .smartGridTypeIds(List.of(1, 2)).build())
        .snapshot(MarketoSnapshot.defaults().toBuilder().window(Duration.ofDays(7)).build())
        .activityTypes(MarketoActivityTypes.defaults().toBuilder().apiName(ActivityKind.SALES_CALL_RECEIVED, "ourCall").build())
        .build();

    MarketoSettings again = changed.toBuilder().build();

    assertThat(again).isEqualTo(changed).hasSameHashCodeAs(changed);
    assertThat(changed.tokenRefreshMargin()).isEqualTo(Duration.ofSeconds(90));
    assertThat(changed.feeds().changeTypeIds()).containsExactly(13);
    assertThat(changed.feeds().mergeTypeId()).isEqualTo(33);
    assertThat(changed.feeds().overlap()).isEqualTo(Duration.ofMinutes(2));
    assertThat(changed.feeds().smartGridTypeIds()).containsExactly(1, 2);
    assertThat(changed.activityTypes().apiNames()).containsEntry(ActivityKind.SALES_CALL_RECEIVED, "ourCall");
    assertThat(changed.snapshot().pollInterval()).as("untouched").isEqualTo(MarketoSnapshot.DEFAULT_POLL_INTERVAL);
  }

  @Test
  void theWithMethodsAreTheBuilderInShort() {
    MarketoSettings base = MarketoSettings.of(URL, "id", "secret");
    Instant start = Instant.parse("2020-01-01T00:00:00Z");

    assertThat(base.withBulk(true, start, Duration.ofDays(10), Duration.ZERO)).isEqualTo(base.toBuilder()
        .snapshot(MarketoSnapshot.defaults().toBuilder().start(start).window(Duration.ofDays(10)).pollInterval(Duration.ZERO).build()).build());
    assertThat(base.withRateLimit(50, Duration.ofSeconds(10), 5, 0.5)).isEqualTo(base.toBuilder()
        .rateLimit(MarketoRateLimit.defaults().toBuilder().calls(50).window(Duration.ofSeconds(10)).concurrent(5).share(0.5).build()).build());
    assertThat(base.withRateLimit(50, Duration.ofSeconds(10), 5, 0.5).callLimits().calls()).as("the library's share").isEqualTo(25);
  }

  @Test
  void eachBuildListsEveryProblemOfItsKnobsAtOnceAndNeverTheSecret() {
    assertThatThrownBy(() -> MarketoSettings.builder(URI.create("http://example.com/"), "", "s3cr3t-value").requestTimeout(Duration.ofMillis(5))
        .tokenRefreshMargin(Duration.ofSeconds(-1)).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(String.join("\n", e.problems()))
            .contains("baseUrl", "clientId", "requestTimeout", "tokenRefreshMargin"))
        .hasMessageNotContaining("s3cr3t-value");
    assertThatThrownBy(() -> MarketoRateLimit.defaults().toBuilder().calls(0).share(1.5).dailyQuota(0).window(Duration.ZERO).concurrent(0).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(5));
    assertThatThrownBy(() -> MarketoSnapshot.defaults().toBuilder().window(Duration.ofDays(40)).pollInterval(Duration.ofSeconds(-1))
        .restPagingMaxId(0).build()).isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(3));
    assertThatThrownBy(() -> MarketoSnapshot.defaults().toBuilder().bulk(false).mixed(true).scanQuotaShare(0).scanTopMargin(-1)
        .scanTopLookback(Duration.ZERO).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(String.join("\n", e.problems()))
            .contains("snapshot.mixed", "snapshot.scanQuotaShare", "snapshot.scanTopMargin", "snapshot.scanTopLookback"));
    assertThatThrownBy(() -> MarketoFeeds.defaults().toBuilder().changeTypeIds(List.of()).smartGridTypeIds(Arrays.asList(1, null))
        .overlap(Duration.ofSeconds(-1)).mergeTypeId(0).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(4));
    assertThatThrownBy(() -> MarketoActivityTypes.defaults().toBuilder().apiName(ActivityKind.SALES_CALL_RECEIVED, " ").build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).singleElement().asString().contains("SALES_CALL_RECEIVED"));
    assertThat(MarketoSettings.of(URL, "id", "s3cr3t-value").toString()).doesNotContain("s3cr3t-value");
  }

  @Test
  void theLimitsAreBuiltLikeEverySettingsClass() {
    MarketoLimits defaults = MarketoLimits.builder().build();
    assertThat(defaults).isEqualTo(MarketoLimits.defaults());
    assertThat(defaults.maxResponseBytes()).isEqualTo(MarketoLimits.DEFAULT_MAX_RESPONSE_BYTES).isEqualTo(16L << 20);
    assertThat(defaults.bulkQueuePlaces()).isEqualTo(MarketoLimits.DEFAULT_BULK_QUEUE_PLACES).isEqualTo(9);
    assertThat(defaults.restFallbackCallsPerDay()).isEqualTo(MarketoLimits.DEFAULT_REST_FALLBACK_CALLS_PER_DAY);

    MarketoLimits changed = defaults.toBuilder().maxExportPolls(5).quietFeedRotation(false).futureTolerance(Duration.ZERO)
        .exportAllowanceBytes(1_000).build();
    assertThat(changed.toBuilder().build()).isEqualTo(changed).hasSameHashCodeAs(changed);
    assertThat(changed).isEqualTo(defaults.withMaxExportPolls(5).withQuietFeedRotation(false).withFutureTolerance(Duration.ZERO)
        .withExportAllowanceBytes(1_000));
    assertThatThrownBy(() -> defaults.toBuilder().maxResponseBytes(1).maxExportPolls(0).maxEmptyPages(-1).bulkQueuePlaces(11)
        .exportAllowanceBytes(0).restFallbackCallsPerDay(-1).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(6));
  }
}
