package io.unisync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.port.ActivityOutbox;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import io.unisync.testkit.SampleActivities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ActivityOutbox} must have. Provide a fresh, empty outbox per test. */
public abstract class ActivityOutboxContract {

  /** The time the tests start at. */
  protected static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
  /** The claims' length. */
  protected static final Duration LEASE = Duration.ofMinutes(2);
  /** The destination most tests use. */
  protected static final Destination MKTO = Destination.MARKETO;

  /** {@return a fresh, empty outbox} */
  protected abstract ActivityOutbox newOutbox();

  /** The outbox under test, fresh for each test. */
  protected ActivityOutbox outbox;

  @BeforeEach
  void createOutbox() {
    outbox = newOutbox();
  }

  /**
   * A draft of activity {@code n} about {@code person} for {@code destination}.
   *
   * @param destination the destination
   * @param n the activity's number
   * @param person the person's Marketo id
   * @return the draft
   */
  protected static OutboxDraft draft(Destination destination, long n, long person) {
    return new OutboxDraft(destination, SampleActivities.activity(n, person, T0), T0);
  }

  @Test
  void enqueueingIsIdempotentPerActivityAndDestination() {
    assertThat(outbox.enqueue(List.of(draft(MKTO, 1, 1), draft(Destination.SALESFORCE, 1, 1)))).isEqualTo(2);
    assertThat(outbox.enqueue(List.of(draft(MKTO, 1, 1)))).isZero();

    assertThat(outbox.counts(MKTO)).containsEntry(OutboxState.PENDING, 1L).containsEntry(OutboxState.DELIVERED, 0L)
        .containsEntry(OutboxState.DEAD, 0L);
    assertThat(outbox.counts(Destination.SALESFORCE)).containsEntry(OutboxState.PENDING, 1L);
  }

  @Test
  void aClaimLeasesDueEntriesOldestFirstUpToTheLimit() {
    outbox.enqueue(List.of(draft(MKTO, 1, 1), draft(MKTO, 2, 2), draft(MKTO, 3, 3)));
    outbox.enqueue(List.of(new OutboxDraft(MKTO, SampleActivities.activity(4, 4, T0), T0.plusSeconds(600))));

    List<OutboxEntry> claimed = outbox.claim(MKTO, 2, T0, LEASE);

    assertThat(claimed).extracting(e -> e.activity().id().value()).containsExactly("act-1", "act-2");
    assertThat(claimed).allSatisfy(e -> {
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(e.leaseToken()).isNotBlank();
      assertThat(e.state()).isEqualTo(OutboxState.PENDING);
    });
    assertThat(outbox.claim(MKTO, 10, T0, LEASE)).extracting(e -> e.activity().id().value())
        .as("leased entries and entries not yet due are not claimed").containsExactly("act-3");
  }

  @Test
  void everyKindOfActivityComesBackEqual() {
    List<Activity> all = SampleActivities.oneOfEachKind(T0);
    List<OutboxDraft> drafts = new ArrayList<>();
    all.forEach(a -> drafts.add(new OutboxDraft(MKTO, a, T0)));
    outbox.enqueue(drafts);

    assertThat(outbox.claim(MKTO, 20, T0, LEASE)).extracting(OutboxEntry::activity).containsExactlyElementsOf(all);
  }

  @Test
  void completedEntriesAreDeliveredAndNotClaimedAgain() {
    outbox.enqueue(List.of(draft(MKTO, 1, 1), draft(MKTO, 2, 2)));
    List<OutboxEntry> claimed = outbox.claim(MKTO, 10, T0, LEASE);

    assertThat(outbox.complete(claimed, T0.plusSeconds(1))).isEqualTo(2);

    assertThat(outbox.claim(MKTO, 10, T0.plus(Duration.ofHours(1)), LEASE)).isEmpty();
    assertThat(outbox.counts(MKTO)).containsEntry(OutboxState.DELIVERED, 2L).containsEntry(OutboxState.PENDING, 0L);
  }

  @Test
  void anExpiredLeaseMakesTheEntryClaimableAgainAndTheOldHolderLosesIt() {
    outbox.enqueue(List.of(draft(MKTO, 1, 1)));
    List<OutboxEntry> first = outbox.claim(MKTO, 10, T0, LEASE);

    assertThat(outbox.claim(MKTO, 10, T0.plus(LEASE).minusSeconds(1), LEASE)).as("still leased").isEmpty();
    List<OutboxEntry> second = outbox.claim(MKTO, 10, T0.plus(LEASE).plusSeconds(1), LEASE);

    assertThat(second).hasSize(1);
    assertThat(second.get(0).attempts()).isEqualTo(2);
    assertThat(outbox.complete(first, T0.plus(LEASE).plusSeconds(2))).as("the crashed holder's ack is void").isZero();
    assertThat(outbox.retryLater(first.get(0), "late", T0.plusSeconds(999), T0.plus(LEASE).plusSeconds(2))).isFalse();
    assertThat(outbox.complete(second, T0.plus(LEASE).plusSeconds(3))).isEqualTo(1);
  }

  @Test
  void retryLaterKeepsTheReasonAndWaitsUntilDue() {
    outbox.enqueue(List.of(draft(MKTO, 1, 1)));
    OutboxEntry claimed = outbox.claim(MKTO, 10, T0, LEASE).get(0);

    assertThat(outbox.retryLater(claimed, "503 from Marketo", T0.plusSeconds(60), T0.plusSeconds(1))).isTrue();

    assertThat(outbox.claim(MKTO, 10, T0.plusSeconds(59), LEASE)).isEmpty();
    List<OutboxEntry> again = outbox.claim(MKTO, 10, T0.plusSeconds(60), LEASE);
    assertThat(again).singleElement().satisfies(e -> {
      assertThat(e.attempts()).isEqualTo(2);
      assertThat(e.lastError()).isEqualTo("503 from Marketo");
    });
  }

  @Test
  void deadLettersKeepTheirReasonAndCanBeReplayed() {
    outbox.enqueue(List.of(draft(MKTO, 1, 1), draft(MKTO, 2, 2)));
    List<OutboxEntry> claimed = outbox.claim(MKTO, 10, T0, LEASE);

    assertThat(outbox.deadLetter(claimed.get(0), "1004 lead not found", T0)).isTrue();
    outbox.complete(List.of(claimed.get(1)), T0);

    assertThat(outbox.deadLetters(MKTO, 0, 10)).singleElement().satisfies(e -> {
      assertThat(e.activity().id()).isEqualTo(ActivityId.of("act-1"));
      assertThat(e.state()).isEqualTo(OutboxState.DEAD);
      assertThat(e.lastError()).isEqualTo("1004 lead not found");
    });
    assertThat(outbox.counts(MKTO)).containsEntry(OutboxState.DEAD, 1L).containsEntry(OutboxState.DELIVERED, 1L);

    assertThat(outbox.replay(MKTO, List.of(ActivityId.of("act-1"), ActivityId.of("act-2")), T0.plusSeconds(5)))
        .as("only dead entries are replayed").isEqualTo(1);
    assertThat(outbox.claim(MKTO, 10, T0.plusSeconds(5), LEASE)).singleElement()
        .satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
  }

  @Test
  void aPersonsLaterActivityWaitsForTheEarlierOne() {
    outbox.enqueue(List.of(draft(MKTO, 1, 7), draft(MKTO, 2, 7), draft(MKTO, 3, 8)));

    List<OutboxEntry> claimed = outbox.claim(MKTO, 10, T0, LEASE);
    assertThat(claimed).extracting(e -> e.activity().id().value()).containsExactly("act-1", "act-3");

    outbox.retryLater(claimed.get(0), "try later", T0.plusSeconds(30), T0);
    assertThat(outbox.claim(MKTO, 10, T0.plusSeconds(10), LEASE)).as("act-2 waits behind act-1's retry").isEmpty();

    List<OutboxEntry> retried = outbox.claim(MKTO, 10, T0.plusSeconds(30), LEASE);
    assertThat(retried).extracting(e -> e.activity().id().value()).containsExactly("act-1");
    outbox.complete(retried, T0.plusSeconds(31));
    assertThat(outbox.claim(MKTO, 10, T0.plusSeconds(31), LEASE)).extracting(e -> e.activity().id().value()).containsExactly("act-2");
  }

  @Test
  void destinationsAreIndependent() {
    outbox.enqueue(List.of(draft(MKTO, 1, 1), draft(Destination.SALESFORCE, 1, 1)));

    assertThat(outbox.claim(MKTO, 10, T0, LEASE)).extracting(OutboxEntry::destination).containsExactly(MKTO);
    assertThat(outbox.claim(Destination.SALESFORCE, 10, T0, LEASE)).extracting(OutboxEntry::destination)
        .containsExactly(Destination.SALESFORCE);
  }

  @Test
  void concurrentClaimsNeverReturnTheSameEntry() throws Exception {
    int total = 2_000;
    List<OutboxDraft> drafts = new ArrayList<>();
    for (long n = 1; n <= total; n++) {
      drafts.add(draft(MKTO, n, n));
    }
    for (int from = 0; from < total; from += 500) {
      outbox.enqueue(drafts.subList(from, from + 500));
    }
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      workers.add(pool.submit(() -> {
        start.await();
        List<OutboxEntry> batch;
        while (!(batch = outbox.claim(MKTO, 50, T0, LEASE)).isEmpty()) {
          batch.forEach(e -> seen.add(e.activity().id().value()));
          outbox.complete(batch, T0);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    Set<String> unique = new HashSet<>(seen);
    assertThat(seen).as("double claims").hasSize(unique.size());
    assertThat(unique).hasSize(total);
    assertThat(outbox.counts(MKTO)).containsEntry(OutboxState.DELIVERED, (long) total);
  }
}
