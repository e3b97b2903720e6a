package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The export queue model on which the initial sync's "× the lower bound" figures rest, without HTTP: instants in, instants out. */
class ExportQueueModelTest {

  // 10:00 in Chicago (CDT)
  static final Instant T = Instant.parse("2026-03-10T15:00:00Z");
  static final ExportModel MODEL = ExportModel.marketo(); // 30 s wait, 5,000 rows/s, 2 slots, 10 places

  final ExportQueueModel queue = new ExportQueueModel(MODEL);
  final List<BulkJob> jobs = new ArrayList<>();
  long order;

  BulkJob queued(Instant at, long rows) {
    BulkJob job = new BulkJob(List.of("id"), T, T.plusSeconds(1), at);
    job.status = "Queued";
    job.queuedAt = at;
    job.queueOrder = ++order;
    job.records = rows; // what measure would find
    job.size = rows * 100;
    jobs.add(job);
    return job;
  }

  void advance(Instant now) {
    queue.advance(jobs, now, job -> { }); // records and size are set by the test
  }

  @Test
  void twoSlotsProcessInQueueOrderAfterTheWaitAndTheThirdTakesTheFirstSlotFreed() {
    BulkJob a = queued(T, 10_000); // 2 s of processing
    BulkJob b = queued(T, 20_000); // 4 s
    BulkJob c = queued(T, 5_000); // 1 s

    advance(T.plusSeconds(29));
    assertThat(jobs).extracting(j -> j.status).containsOnly("Queued");

    advance(T.plusSeconds(60));
    assertThat(a.startedAt).isEqualTo(T.plusSeconds(30));
    assertThat(a.finishedAt).isEqualTo(T.plusSeconds(32));
    assertThat(b.startedAt).isEqualTo(T.plusSeconds(30));
    assertThat(b.finishedAt).isEqualTo(T.plusSeconds(34));
    assertThat(c.startedAt).as("the first slot freed, not before it").isEqualTo(T.plusSeconds(32));
    assertThat(c.finishedAt).isEqualTo(T.plusSeconds(33));
    assertThat(jobs).extracting(j -> j.status).containsOnly("Completed");
    assertThat(queue.bytesToday(T.plusSeconds(60))).isEqualTo(35_000 * 100);
  }

  @Test
  void oneBigStepGivesTheSameHistoryAsManySmallOnes() {
    for (int i = 0; i < 6; i++) {
      queued(T.plusSeconds(i * 7L), 3_000 + i * 11_000L);
    }
    List<BulkJob> stepped = new ArrayList<>(jobs);
    ExportQueueModel other = new ExportQueueModel(MODEL);
    List<BulkJob> jumped = new ArrayList<>();
    for (BulkJob j : stepped) {
      BulkJob copy = new BulkJob(j.fields, j.startAt, j.endAt, j.createdAt);
      copy.status = "Queued";
      copy.queuedAt = j.queuedAt;
      copy.queueOrder = j.queueOrder;
      copy.records = j.records;
      copy.size = j.size;
      jumped.add(copy);
    }

    for (int s = 0; s <= 300; s++) {
      advance(T.plusSeconds(s));
    }
    other.advance(jumped, T.plusSeconds(300), job -> { });

    for (int i = 0; i < stepped.size(); i++) {
      assertThat(jumped.get(i).startedAt).as("job " + i + " started").isEqualTo(stepped.get(i).startedAt);
      assertThat(jumped.get(i).finishedAt).as("job " + i + " finished").isEqualTo(stepped.get(i).finishedAt);
    }
  }

  @Test
  void aJobQueuedLateWaitsItsOwnThirtySecondsEvenWithASlotFree() {
    queued(T, 5_000);
    advance(T.plusSeconds(100));
    BulkJob late = queued(T.plusSeconds(100), 5_000);

    advance(T.plusSeconds(200));

    assertThat(late.startedAt).isEqualTo(T.plusSeconds(130));
  }

  @Test
  void tenPlacesFillTheQueueAndACancelledProcessingJobFreesItsSlotAtOnce() {
    for (int i = 0; i < 10; i++) {
      queued(T, 50_000); // 10 s each
    }
    assertThat(queue.full(jobs)).isTrue();
    advance(T.plusSeconds(31));
    BulkJob processing = jobs.stream().filter(j -> j.status.equals("Processing")).findFirst().orElseThrow();
    processing.status = "Cancelled";
    processing.finishedAt = null;
    queue.freed(T.plusSeconds(31));

    advance(T.plusSeconds(31));

    assertThat(queue.full(jobs)).isFalse();
    assertThat(jobs.get(2).startedAt).as("the third job takes the freed slot").isEqualTo(T.plusSeconds(31));
  }

  @Test
  void theAllowanceIsSpentByCompletedFilesAndComesBackAtMidnightInChicago() {
    ExportQueueModel small = new ExportQueueModel(MODEL.withDailyBytes(1_500_000));
    queued(T, 10_000); // 1,000,000 bytes
    queued(T, 10_000);
    small.advance(jobs, T.plusSeconds(60), job -> { });

    assertThat(small.allowanceSpent(T.plusSeconds(60))).isTrue();
    assertThat(small.allowanceSpent(Instant.parse("2026-03-11T04:59:59Z"))).as("23:59:59 in Chicago").isTrue();
    assertThat(small.allowanceSpent(Instant.parse("2026-03-11T05:00:00Z"))).as("midnight in Chicago").isFalse();
  }
}
