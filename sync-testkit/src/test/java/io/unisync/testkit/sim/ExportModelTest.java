package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exports with a fixed overhead per job: each job's queue wait and start-up drawn within the preset's bounds. */
class ExportModelTest {

  static final Instant T = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void eachJobsWaitsFallWithinTheBoundsDifferFromJobToJobAndRepeatForTheSameSeed() {
    ExportModel model = ExportModel.documentedExamples();
    Set<Duration> waits = new HashSet<>();
    for (long order = 1; order <= 200; order++) {
      Duration wait = model.queueWaitOf(order);
      Duration startup = model.startupOf(order);
      assertThat(wait).isBetween(Duration.ofSeconds(26), Duration.ofSeconds(77));
      assertThat(startup).isBetween(Duration.ofSeconds(99), Duration.ofSeconds(21 * 60 + 21));
      assertThat(model.queueWaitOf(order)).as("the same job, asked again").isEqualTo(wait);
      waits.add(wait);
    }
    assertThat(waits).as("drawn, not fixed").hasSizeGreaterThan(150);
    assertThat(model.withSeed(7).queueWaitOf(1)).isNotEqualTo(model.queueWaitOf(1));
    assertThat(ExportModel.marketo().queueWaitOf(5)).as("fixed bounds: the fixed wait").isEqualTo(Duration.ofSeconds(30));
    assertThat(ExportModel.marketo().processingOf(5, 10_000)).as("no start-up, 5,000 rows/s").isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aSmallJobTakesMinutesUnderTheDocumentedExamplesWhateverItsRows() {
    ExportModel model = ExportModel.documentedExamples();
    ExportQueueModel queue = new ExportQueueModel(model);
    List<BulkJob> jobs = new ArrayList<>();
    BulkJob job = new BulkJob(List.of("id"), T, T.plusSeconds(1), T);
    job.status = "Queued";
    job.queuedAt = T;
    job.queueOrder = 1;
    job.records = 59;
    job.size = 5_900;
    jobs.add(job);

    queue.advance(jobs, T.plusSeconds(26 + 99 - 1), j -> { });
    assertThat(job.status).as("not done before the shortest wait and start-up").isNotEqualTo("Completed");

    queue.advance(jobs, T.plusSeconds(77 + 21 * 60 + 21 + 1), j -> { });
    assertThat(job.status).isEqualTo("Completed");
    assertThat(job.startedAt).isEqualTo(T.plus(model.queueWaitOf(1)));
    assertThat(job.finishedAt).isEqualTo(job.startedAt.plus(model.startupOf(1)).plusMillis(12)); // 59 rows at 5,000/s
  }

  @Test
  void thePresetsBracketEachOtherAndBadBoundsAreRefused() {
    assertThat(ExportModel.optimistic().startupMax()).isLessThan(ExportModel.documentedExamples().startupMax());
    assertThat(ExportModel.documentedExamples().startupMax()).isLessThan(ExportModel.pessimistic().startupMax());
    assertThat(ExportModel.optimistic().queueWaitMax()).isLessThan(ExportModel.pessimistic().queueWait());
    assertThatThrownBy(() -> ExportModel.marketo().withWaits(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("each maximum at least its minimum");
  }
}
