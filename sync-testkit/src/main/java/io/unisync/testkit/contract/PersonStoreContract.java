package io.unisync.testkit.contract;

import io.unisync.core.port.Fence;
import io.unisync.core.port.Leases;
import io.unisync.core.error.LeaseLostException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.error.SyncException;
import io.unisync.core.port.ApplyResult;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.PersonRemoval;
import io.unisync.core.port.PersonStore;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.core.port.SourcePosition;
import io.unisync.core.port.StoreBatch;
import io.unisync.core.port.StoredPerson;
import io.unisync.testkit.SamplePeople;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PersonStore} must have. Extend it, create a fresh, empty store in
 * {@link #newStore()}, and run it on every database you support.
 */
public abstract class PersonStoreContract {

  /** A store whose next checkpoint write fails after its upserts were written, and the way to arm it. */
  public record FaultyStore(PersonStore store, Runnable failNextCheckpointWrite) {}

  /**
   * A fresh, empty store. Called before each test.
   *
   * @return the store
   */
  protected abstract PersonStore newStore();

  /**
   * A fresh, empty store that, once {@link FaultyStore#failNextCheckpointWrite()} ran, fails its next
   * {@link PersonStore#apply} after writing the people and before writing the checkpoint (for example
   * through a connection that refuses the checkpoint statement).
   *
   * @return the store
   */
  protected abstract FaultyStore newStoreWithCheckpointFault();

  /** {@return the leases that fence this implementation's stores (shared with them, as one database is)} */
  protected abstract Leases leases();

  /** The time the tests start at. */
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  /** A change position. */
  protected static final SourcePosition P1 = new SourcePosition("position-1");
  /** A later change position. */
  protected static final SourcePosition P2 = new SourcePosition("position-2");

  /** The store of the test under way. */
  protected PersonStore store;

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void aNewStoreIsEmptyAndHasNoCheckpoint() {
    assertThat(store.checkpoint()).isEmpty();
    assertThat(store.count()).isZero();
    assertThat(store.page(null, 10)).isEmpty();
    assertThat(store.findById(PersonId.of(1))).isEmpty();
    assertThat(store.quarantineCount()).isZero();
  }

  @Test
  void applyStoresPeopleTogetherWithTheCheckpoint() {
    ApplyResult result = store.apply(batch(upserts(1, 2, 3), List.of(), Checkpoint.snapshot(P1, new SnapshotPosition("page-1"))));

    assertThat(result).isEqualTo(new ApplyResult(3, 0, 0, 0, 0));
    assertThat(store.count()).isEqualTo(3);
    assertThat(store.checkpoint()).contains(Checkpoint.snapshot(P1, new SnapshotPosition("page-1")));
  }

  @Test
  void everyFieldRoundTripsIncludingUnicodeEmojiAndAbsentValues() {
    Person full = SamplePeople.person(7); // non-ASCII first and last name, emoji
    Person sparse = new Person(PersonId.of(8), null, "Only-Last", null, null, null, null, null, null, null, null);
    store.apply(batch(List.of(PersonUpsert.of(full, T0), PersonUpsert.of(sparse, T0)), List.of(), Checkpoint.incremental(P1)));

    StoredPerson stored = store.findById(PersonId.of(7)).orElseThrow();
    assertThat(stored.person()).isEqualTo(full);
    assertThat(stored.person().lastName()).isEqualTo("Ñúñez 🚀");
    assertThat(stored.fingerprint()).isEqualTo(full.fingerprint());
    assertThat(stored.sourceUpdatedAt()).isEqualTo(T0);
    assertThat(store.findById(PersonId.of(8)).orElseThrow().person()).isEqualTo(sparse);
  }

  @Test
  void maximumLengthValuesRoundTrip() {
    Person longest = SamplePeople.person(9)
        .with(PersonField.COMPANY, "🚀".repeat(PersonField.COMPANY.maxLength()))
        .with(PersonField.LINKEDIN_URL, "https://x.io/" + "a".repeat(PersonField.LINKEDIN_URL.maxLength() - 13));
    store.apply(batch(List.of(PersonUpsert.of(longest, T0)), List.of(), Checkpoint.incremental(P1)));

    assertThat(store.findById(PersonId.of(9)).orElseThrow().person()).isEqualTo(longest);
  }

  @Test
  void findByEmailIgnoresCaseAndReturnsEveryPersonSharingTheAddress() {
    Person a = SamplePeople.person(10).with(PersonField.EMAIL, "shared@example.com");
    Person b = SamplePeople.person(11).with(PersonField.EMAIL, "Shared@Example.com");
    Person c = SamplePeople.person(12);
    store.apply(batch(List.of(PersonUpsert.of(b, T0), PersonUpsert.of(a, T0), PersonUpsert.of(c, T0)), List.of(), Checkpoint.incremental(P1)));

    assertThat(store.findByEmail("SHARED@example.COM")).extracting(p -> p.person().id())
        .containsExactly(PersonId.of(10), PersonId.of(11));
    assertThat(store.findByEmail("nobody@example.com")).isEmpty();
  }

  @Test
  void findBySalesforceIdMatchesContactAndLeadIds() {
    Person contact = SamplePeople.person(13).with(PersonField.SALESFORCE_CONTACT_ID, "003000000000000777")
        .with(PersonField.SALESFORCE_LEAD_ID, null);
    Person lead = SamplePeople.person(14).with(PersonField.SALESFORCE_CONTACT_ID, null)
        .with(PersonField.SALESFORCE_LEAD_ID, "00Q000000000000777");
    store.apply(batch(List.of(PersonUpsert.of(contact, T0), PersonUpsert.of(lead, T0), PersonUpsert.of(SamplePeople.person(15), T0)),
        List.of(), Checkpoint.incremental(P1)));

    assertThat(store.findBySalesforceId("003000000000000777")).extracting(p -> p.person().id()).containsExactly(PersonId.of(13));
    assertThat(store.findBySalesforceId("00Q000000000000777")).extracting(p -> p.person().id()).containsExactly(PersonId.of(14));
    assertThat(store.findBySalesforceId("003999999999999999")).isEmpty();
  }

  @Test
  void pagesFollowNumericIdOrder() {
    long[] ids = {100, 9, 10, 2, 1000, 11, 1, 99};
    store.apply(batch(upserts(ids), List.of(), Checkpoint.incremental(P1)));

    List<Long> seen = new ArrayList<>();
    PersonId after = null;
    List<StoredPerson> page;
    do {
      page = store.page(after, 3);
      assertThat(page.size()).isLessThanOrEqualTo(3);
      for (StoredPerson p : page) {
        seen.add(p.person().id().value());
        after = p.person().id();
      }
    } while (!page.isEmpty());
    assertThat(seen).containsExactly(1L, 2L, 9L, 10L, 11L, 99L, 100L, 1000L);
  }

  @Test
  void anOlderSourceVersionNeverReplacesANewerOne() {
    Person newer = SamplePeople.person(20).with(PersonField.TITLE, "Newer");
    Person older = SamplePeople.person(20).with(PersonField.TITLE, "Older");
    store.apply(batch(List.of(PersonUpsert.of(newer, T0.plusSeconds(60))), List.of(), Checkpoint.incremental(P1)));

    ApplyResult result = store.apply(batch(List.of(PersonUpsert.of(older, T0)), List.of(), Checkpoint.incremental(P2)));

    assertThat(result.stale()).isEqualTo(1);
    assertThat(result.written()).isZero();
    assertThat(store.findById(PersonId.of(20)).orElseThrow().person().title()).isEqualTo("Newer");
    assertThat(store.checkpoint()).contains(Checkpoint.incremental(P2));
  }

  @Test
  void anEqualFingerprintIsNotRewritten() {
    store.apply(batch(upserts(30), List.of(), Checkpoint.incremental(P1)));

    ApplyResult result = store.apply(batch(List.of(PersonUpsert.of(SamplePeople.person(30), T0.plusSeconds(5))), List.of(), Checkpoint.incremental(P2)));

    assertThat(result).isEqualTo(new ApplyResult(0, 1, 0, 0, 0));
    assertThat(store.findById(PersonId.of(30)).orElseThrow().sourceUpdatedAt())
        .as("the row was not rewritten, so it keeps its first version").isEqualTo(T0);
  }

  @Test
  void aChangedPersonIsRewrittenWithTheNewVersion() {
    store.apply(batch(upserts(31), List.of(), Checkpoint.incremental(P1)));
    Person changed = SamplePeople.person(31).with(PersonField.PHONE, "+44 20 7946 0000");

    ApplyResult result = store.apply(batch(List.of(PersonUpsert.of(changed, T0.plusSeconds(5))), List.of(), Checkpoint.incremental(P2)));

    assertThat(result.written()).isEqualTo(1);
    StoredPerson stored = store.findById(PersonId.of(31)).orElseThrow();
    assertThat(stored.person().phone()).isEqualTo("+44 20 7946 0000");
    assertThat(stored.sourceUpdatedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void removalsDeleteStoredPeopleAndIgnoreAbsentOnes() {
    store.apply(batch(upserts(40, 41, 42), List.of(), Checkpoint.incremental(P1)));

    ApplyResult result = store.apply(batch(List.of(), List.of(
        new PersonRemoval(PersonId.of(40), PersonRemoval.Reason.GONE, null),
        new PersonRemoval(PersonId.of(41), PersonRemoval.Reason.INELIGIBLE, T0.plusSeconds(1)),
        new PersonRemoval(PersonId.of(999), PersonRemoval.Reason.MERGED, null)), Checkpoint.incremental(P2)));

    assertThat(result.removed()).isEqualTo(2);
    assertThat(store.findById(PersonId.of(40))).isEmpty();
    assertThat(store.findById(PersonId.of(41))).isEmpty();
    assertThat(store.findById(PersonId.of(42))).isPresent();
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void aRemovalFromAnOlderVersionKeepsTheNewerPerson() {
    store.apply(batch(List.of(PersonUpsert.of(SamplePeople.person(50), T0.plusSeconds(60))), List.of(), Checkpoint.incremental(P1)));

    ApplyResult result = store.apply(batch(List.of(), List.of(
        new PersonRemoval(PersonId.of(50), PersonRemoval.Reason.INELIGIBLE, T0)), Checkpoint.incremental(P2)));

    assertThat(result.stale()).isEqualTo(1);
    assertThat(store.findById(PersonId.of(50))).isPresent();
  }

  @Test
  void rejectedRecordsAreQuarantinedWithReasonAndPayloadInOrder() {
    List<QuarantinedRecord> rejected = List.of(
        new QuarantinedRecord("", "Rejected a record without an id: field marketoId is missing", "{\"sourceId\":\"\"}", T0),
        new QuarantinedRecord("61", "Rejected record '61': field email is not an e-mail address", "{\"x\":\"a\\u0000b\"}", T0),
        new QuarantinedRecord("62", "reason three", "{}", T0.plusSeconds(1)));
    ApplyResult result = store.apply(new StoreBatch(upserts(60), List.of(), rejected, Checkpoint.incremental(P1)));

    assertThat(result.quarantined()).isEqualTo(3);
    assertThat(store.quarantineCount()).isEqualTo(3);
    assertThat(store.quarantined(0, 10)).containsExactlyElementsOf(rejected);
    assertThat(store.quarantined(1, 1)).containsExactly(rejected.get(1));
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void aLaterCheckpointReplacesTheEarlierOne() {
    store.apply(StoreBatch.checkpointOnly(Checkpoint.snapshotStarting(P1)));
    store.apply(StoreBatch.checkpointOnly(Checkpoint.snapshot(P1, new SnapshotPosition("after-id:300"))));
    store.apply(StoreBatch.checkpointOnly(Checkpoint.incremental(P2)));

    assertThat(store.checkpoint()).contains(Checkpoint.incremental(P2));
  }

  @Test
  void aFullPageOfThreeHundredCommitsAtOnce() {
    long[] ids = LongStream.rangeClosed(1_000, 1_299).toArray();
    ApplyResult result = store.apply(batch(upserts(ids), List.of(), Checkpoint.incremental(P1)));

    assertThat(result.written()).isEqualTo(300);
    assertThat(store.count()).isEqualTo(300);
    assertThat(store.findById(PersonId.of(1_299)).orElseThrow().person()).isEqualTo(SamplePeople.person(1_299));
  }

  @Test
  void aFailureBetweenPeopleAndCheckpointWritesNeither() {
    FaultyStore faulty = newStoreWithCheckpointFault();
    PersonStore target = faulty.store();
    target.apply(batch(upserts(70, 71), List.of(), Checkpoint.snapshot(P1, new SnapshotPosition("page-1"))));

    faulty.failNextCheckpointWrite().run();
    Person changed = SamplePeople.person(70).with(PersonField.TITLE, "Changed");
    StoreBatch second = batch(List.of(PersonUpsert.of(changed, T0.plusSeconds(1)), PersonUpsert.of(SamplePeople.person(72), T0)),
        List.of(new PersonRemoval(PersonId.of(71), PersonRemoval.Reason.GONE, null)),
        Checkpoint.snapshot(P1, new SnapshotPosition("page-2")));
    assertThatThrownBy(() -> target.apply(second)).isInstanceOf(SyncException.class);

    assertThat(target.checkpoint()).contains(Checkpoint.snapshot(P1, new SnapshotPosition("page-1")));
    assertThat(target.findById(PersonId.of(70)).orElseThrow().person().title()).isEqualTo(SamplePeople.person(70).title());
    assertThat(target.findById(PersonId.of(71))).isPresent();
    assertThat(target.findById(PersonId.of(72))).isEmpty();

    // The store is usable again and the retried batch lands whole.
    target.apply(second);
    assertThat(target.checkpoint()).contains(Checkpoint.snapshot(P1, new SnapshotPosition("page-2")));
    assertThat(target.findById(PersonId.of(70)).orElseThrow().person().title()).isEqualTo("Changed");
    assertThat(target.findById(PersonId.of(71))).isEmpty();
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  /**
   * Upserts of the sample people with these ids.
   *
   * @param ids the ids
   * @return the upserts
   */
  protected static List<PersonUpsert> upserts(long... ids) {
    List<PersonUpsert> upserts = new ArrayList<>(ids.length);
    for (long id : ids) {
      upserts.add(PersonUpsert.of(SamplePeople.person(id), T0.truncatedTo(ChronoUnit.SECONDS)));
    }
    return upserts;
  }

  /**
   * A batch.
   *
   * @param upserts the upserts
   * @param removals the removals
   * @param checkpoint the checkpoint
   * @return the batch
   */
  protected static StoreBatch batch(List<PersonUpsert> upserts, List<PersonRemoval> removals, Checkpoint checkpoint) {
    return new StoreBatch(upserts, removals, List.of(), checkpoint);
  }

  @Test
  void aBatchUnderALostLeaseCommitsNothingNeitherPeopleNorCheckpoint() {
    TakeOver lease = TakeOver.begin(leases());
    PersonStore first = store.fencedBy(lease.first());
    first.apply(batch(upserts(1), List.of(), Checkpoint.incremental(P1)));
    Fence second = lease.takeOver();

    assertThatThrownBy(() -> first.apply(batch(upserts(2, 3), List.of(new PersonRemoval(PersonId.of(1), PersonRemoval.Reason.GONE, null)), Checkpoint.incremental(P2))))
        .isInstanceOfSatisfying(LeaseLostException.class, e -> {
          assertThat(e.heldEpoch()).isEqualTo(lease.first().epoch());
          assertThat(e.currentEpoch()).isEqualTo(second.epoch());
          assertThat(e.isRetryable()).isFalse();
        });

    assertThat(store.count()).as("nothing of the stale batch").isEqualTo(1);
    assertThat(store.findById(PersonId.of(1))).isPresent();
    assertThat(store.checkpoint()).contains(Checkpoint.incremental(P1));
    store.fencedBy(second).apply(batch(upserts(2), List.of(), Checkpoint.incremental(P2)));
    assertThat(store.checkpoint()).contains(Checkpoint.incremental(P2));
  }

  @Test
  void aFenceOnALeaseThatDoesNotExistIsRefused() {
    assertThatThrownBy(() -> store.fencedBy(new Fence("no-such-lease-" + java.util.UUID.randomUUID(), 1))
        .apply(batch(upserts(1), List.of(), Checkpoint.incremental(P1)))).isInstanceOf(LeaseLostException.class);
    assertThat(store.count()).isZero();
  }

  @Test
  void recordsQuarantinedOutsideABatchAreKeptWithTheirReasonAndLeaveTheCheckpoint() {
    store.apply(batch(upserts(1), List.of(), Checkpoint.incremental(P1)));
    QuarantinedRecord row = new QuarantinedRecord("00Q000000000000001", "Salesforce Lead 00Q000000000000001: SystemModstamp 'yesterday'"
        + " is not a date and time", "{SystemModstamp=yesterday}", T0);

    store.quarantine(List.of(row));

    assertThat(store.quarantineCount()).isEqualTo(1);
    assertThat(store.quarantined(0, 10)).singleElement().satisfies(q -> {
      assertThat(q.sourceId()).isEqualTo("00Q000000000000001");
      assertThat(q.reason()).contains("SystemModstamp");
    });
    assertThat(store.checkpoint()).contains(Checkpoint.incremental(P1));
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void aQuarantineUnderALostLeaseWritesNothing() {
    TakeOver lease = TakeOver.begin(leases());
    PersonStore first = store.fencedBy(lease.first());
    lease.takeOver();

    assertThatThrownBy(() -> first.quarantine(List.of(new QuarantinedRecord("x", "reason", "", T0))))
        .isInstanceOf(LeaseLostException.class);
    assertThat(store.quarantineCount()).isZero();
  }
}
