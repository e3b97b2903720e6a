package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SalesforceLogging;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.error.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The engine's options are built like every settings class: defaults as public constants, {@code toBuilder()}, one
 * setter per knob, every problem at once in {@code build()}; the with-methods are unchecked shorthands that the engine's
 * {@code build()} checks.
 */
class OptionsBuilderTest {

  @Test
  void syncOptionsStartAtTheirConstantsAndRoundTrip() {
    SyncOptions defaults = SyncOptions.builder().build();
    assertThat(defaults).isEqualTo(SyncOptions.defaults());
    assertThat(defaults.snapshotPageSize()).isEqualTo(SyncOptions.DEFAULT_SNAPSHOT_PAGE_SIZE).isEqualTo(300);
    assertThat(defaults.changeBatchSize()).isEqualTo(SyncOptions.DEFAULT_CHANGE_BATCH_SIZE);
    assertThat(defaults.maxChangeBatchesPerPass()).isEqualTo(SyncOptions.DEFAULT_MAX_CHANGE_BATCHES_PER_PASS);
    assertThat(defaults.maxEmptyBatchesPerPass()).isEqualTo(SyncOptions.DEFAULT_MAX_EMPTY_BATCHES_PER_PASS);
    assertThat(defaults.maxSnapshotPagesPerPass()).isEqualTo(SyncOptions.DEFAULT_MAX_SNAPSHOT_PAGES_PER_PASS);

    SyncOptions changed = defaults.toBuilder().snapshotPageSize(1_000).changeBatchSize(50).maxChangeBatchesPerPass(7)
        .maxEmptyBatchesPerPass(2).maxSnapshotPagesPerPass(9).build();
    assertThat(changed.toBuilder().build()).isEqualTo(changed).hasSameHashCodeAs(changed);
    assertThat(changed).isEqualTo(defaults.withSnapshotPageSize(1_000).withChangeBatchSize(50).withMaxChangeBatchesPerPass(7)
        .withMaxEmptyBatchesPerPass(2).withMaxSnapshotPagesPerPass(9));
  }

  @Test
  void syncOptionsListEveryProblemAtBuild() {
    assertThatThrownBy(() -> SyncOptions.builder().snapshotPageSize(0).changeBatchSize(20_000).maxChangeBatchesPerPass(0)
        .maxEmptyBatchesPerPass(0).maxSnapshotPagesPerPass(0).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(5));
  }

  @Test
  void activityOptionsStartAtTheirConstantsAndRoundTrip() {
    ActivityOptions defaults = ActivityOptions.builder().build();
    assertThat(defaults).isEqualTo(ActivityOptions.defaults());
    assertThat(defaults.maxAttempts()).isEqualTo(ActivityOptions.DEFAULT_MAX_ATTEMPTS);
    assertThat(defaults.initialBackoff()).isEqualTo(ActivityOptions.DEFAULT_INITIAL_BACKOFF);
    assertThat(defaults.maxBackoff()).isEqualTo(ActivityOptions.DEFAULT_MAX_BACKOFF);
    assertThat(defaults.lease()).isEqualTo(ActivityOptions.DEFAULT_LEASE);
    assertThat(defaults.claimMargin()).isEqualTo(ActivityOptions.DEFAULT_CLAIM_MARGIN);
    assertThat(defaults.crmLinkRefresh()).isEqualTo(ActivityOptions.DEFAULT_CRM_LINK_REFRESH);
    assertThat(defaults.maxBatchesPerPass()).isEqualTo(ActivityOptions.DEFAULT_MAX_BATCHES_PER_PASS);

    ActivityOptions changed = defaults.toBuilder().maxAttempts(3).backoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
        .lease(Duration.ofSeconds(20)).claimMargin(Duration.ofSeconds(5)).maxBatchesPerPass(2).salesforce(SalesforceLogging.none())
        .blockWhenStatusUnknown(false).crmLinkRefresh(Duration.ZERO).build();
    assertThat(changed.toBuilder().build()).isEqualTo(changed).hasSameHashCodeAs(changed);
    assertThat(changed.blockWhenStatusUnknown()).isFalse();
  }

  @Test
  void aWithChainMayPassThroughValuesValidOnlyTogetherAndTheEngineChecksTheEnd() {
    // a 20 s lease with the default 30 s margin is invalid; with a 5 s margin it is fine: the chain must not throw halfway
    ActivityOptions chained = ActivityOptions.defaults().withLease(Duration.ofSeconds(20)).withClaimMargin(Duration.ofSeconds(5));
    assertThat(chained.lease()).isEqualTo(Duration.ofSeconds(20));

    assertThatThrownBy(() -> ActivityOptions.builder().lease(Duration.ofSeconds(20)).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).singleElement().asString()
            .contains("claimMargin"));
    assertThatThrownBy(() -> SyncEngine.builder().activityOptions(ActivityOptions.defaults().withLease(Duration.ofSeconds(20))).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).anySatisfy(p ->
            assertThat(p).contains("activityOptions.claimMargin")));
  }
}
