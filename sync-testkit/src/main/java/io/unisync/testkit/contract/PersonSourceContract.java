package io.unisync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.port.ChangeBatch;
import io.unisync.core.port.PersonChange;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.core.port.SourcePosition;
import io.unisync.testkit.SamplePeople;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PersonSource} must have. Extend it and provide a {@link Fixture}: the source
 * under test plus a way to change the data behind it (directly for a fake, through the simulator for an
 * HTTP adapter).
 */
public abstract class PersonSourceContract {

  /** The source under test and the levers that change its data. */
  public interface Fixture {
    /** {@return the source under test} */
    PersonSource source();

    /**
     * Creates a person with these values, keyed by the source's field names.
     *
     * @param id the Marketo id
     * @param values the values
     */
    void create(long id, java.util.Map<String, String> values);

    /**
     * Sets one field of an existing person.
     *
     * @param id the Marketo id
     * @param field the source field
     * @param value the value
     */
    void update(long id, String field, String value);

    /**
     * Deletes a person.
     *
     * @param id the Marketo id
     */
    void delete(long id);

    /**
     * Merges {@code loser} into {@code winner}.
     *
     * @param winner the surviving id
     * @param loser the id merged away
     */
    void merge(long winner, long loser);

    /**
     * Makes changes made from now on visible to the change feed. Sources with a clock-based feed advance
     * their clock here; others do nothing.
     */
    default void settle() {}
  }

  /**
   * A fresh fixture over an empty source. Called before each test.
   *
   * @return the fixture
   */
  protected abstract Fixture newFixture();

  /** The fixture of the test under way. */
  protected Fixture fixture;
  /** The source of the test under way. */
  protected PersonSource source;
  /** The source's field names. */
  protected SourceFields fields;

  @BeforeEach
  void createFixture() {
    fixture = newFixture();
    source = fixture.source();
    fields = source.fields();
  }

  @Test
  void anEmptySourceHasAnEmptySnapshot() {
    List<SourceRecord> all = readWholeSnapshot(Optional.empty(), 100);

    assertThat(all).isEmpty();
  }

  @Test
  void theSnapshotReturnsEveryRecordOnceAcrossPagesWithinThePageSize() {
    for (long id = 1; id <= 25; id++) {
      fixture.create(id, SamplePeople.sourceValues(id, fields, "005000000000001AAA"));
    }
    fixture.settle();

    List<String> ids = readWholeSnapshot(Optional.empty(), 7).stream().map(SourceRecord::sourceId).toList();
    assertThat(ids).hasSize(25).doesNotHaveDuplicates();
    assertThat(ids.stream().map(Long::parseLong).collect(Collectors.toSet()))
        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 25).boxed().collect(Collectors.toSet()));
  }

  @Test
  void aSnapshotPositionResumesTheSnapshotInANewReader() {
    for (long id = 1; id <= 10; id++) {
      fixture.create(id, SamplePeople.sourceValues(id, fields, "005000000000001AAA"));
    }
    fixture.settle();
    // read up to and including the first page that has records
    SnapshotPage first;
    Optional<SnapshotPosition> position = Optional.empty();
    int guard = 0;
    do {
      first = source.readSnapshot(position, 4);
      position = Optional.of(first.resumeAfter());
    } while (first.records().isEmpty() && !first.last() && ++guard < 1_000);
    assertThat(first.records()).as("a page with records").isNotEmpty();
    // A position survives a restart as text.
    SnapshotPosition restored = new SnapshotPosition(first.resumeAfter().value());

    Set<String> rest = new HashSet<>();
    readWholeSnapshot(Optional.of(restored), 4).forEach(r -> rest.add(r.sourceId()));

    Set<String> firstIds = first.records().stream().map(SourceRecord::sourceId).collect(Collectors.toSet());
    assertThat(rest).doesNotContainAnyElementsOf(firstIds);
    assertThat(rest.size() + firstIds.size()).isEqualTo(10);
  }

  @Test
  void snapshotRecordsCarryTheirValuesUnderTheSourceFieldNames() {
    fixture.create(7, SamplePeople.sourceValues(7, fields, "005000000000007AAA"));
    fixture.settle();

    SourceRecord record = readWholeSnapshot(Optional.empty(), 10).get(0);

    assertThat(record.sourceId()).isEqualTo("7");
    assertThat(record.value(fields.nameOf(PersonField.LAST_NAME))).contains("Ñúñez 🚀");
    assertThat(record.value(fields.nameOf(PersonField.EMAIL))).contains("person7@example.com");
    assertThat(record.value(fields.ownerField())).contains("005000000000007AAA");
    assertThat(record.updatedAt()).isNotNull();
  }

  @Test
  void changesAfterAPositionIncludeCreatesUpdatesDeletesAndMerges() {
    fixture.create(1, SamplePeople.sourceValues(1, fields, "005000000000001AAA"));
    fixture.create(2, SamplePeople.sourceValues(2, fields, "005000000000001AAA"));
    fixture.create(3, SamplePeople.sourceValues(3, fields, "005000000000001AAA"));
    fixture.settle();
    SourcePosition start = source.currentPosition();

    fixture.create(4, SamplePeople.sourceValues(4, fields, "005000000000001AAA"));
    fixture.update(1, fields.nameOf(PersonField.TITLE), "Chief Tester");
    fixture.delete(2);
    fixture.merge(4, 3);
    fixture.settle();

    List<PersonChange> changes = readAll(start);
    assertThat(changes).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(PersonChange.Updated.class,
        u -> assertThat(u.id()).isEqualTo(PersonId.of(4))));
    assertThat(changes).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(PersonChange.Updated.class, u -> {
      assertThat(u.id()).isEqualTo(PersonId.of(1));
      assertThat(u.changedFields().isEmpty() || u.changedFields().contains(fields.nameOf(PersonField.TITLE))).isTrue();
    }));
    assertThat(changes).contains(new PersonChange.Deleted(PersonId.of(2)));
    assertThat(changes).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(PersonChange.Merged.class, m -> {
      assertThat(m.winner()).isEqualTo(PersonId.of(4));
      assertThat(m.losers()).containsExactly(PersonId.of(3));
    }));
  }

  @Test
  void nothingChangedMeansNoChangesAndNoMore() {
    fixture.create(1, SamplePeople.sourceValues(1, fields, "005000000000001AAA"));
    fixture.settle();
    SourcePosition now = source.currentPosition();

    ChangeBatch batch = source.readChanges(now, 100);

    assertThat(batch.changes()).isEmpty();
    assertThat(batch.hasMore()).isFalse();
  }

  @Test
  void aSourceThatForgetsTellsUntilWhenAPositionWasReadThroughAndReadingOnNeverMovesItBack() {
    if (source.feedRetention().isEmpty()) {
      assertThat(source.readThrough(source.currentPosition())).as("a source that keeps its feed has nothing to tell").isEmpty();
      return;
    }
    assertThat(source.feedRetention().get().shortest()).isPositive();
    SourcePosition start = source.currentPosition();
    java.time.Instant startedThrough = source.readThrough(start).orElseThrow(); // a new position was read through now
    fixture.create(1, SamplePeople.sourceValues(1, fields, "005000000000001AAA"));
    fixture.settle();

    SourcePosition position = start;
    ChangeBatch batch;
    int batches = 0;
    do {
      batch = source.readChanges(position, 100);
      position = batch.next();
    } while (batch.hasMore() && ++batches < 50);

    assertThat(source.readThrough(position)).as("read to its end: read through at least as late as before")
        .hasValueSatisfying(through -> assertThat(through).isAfterOrEqualTo(startedThrough));
  }

  @Test
  void readingTheSamePositionTwiceGivesTheSameChanges() {
    SourcePosition start = source.currentPosition();
    fixture.create(1, SamplePeople.sourceValues(1, fields, "005000000000001AAA"));
    fixture.update(1, fields.nameOf(PersonField.COMPANY), "Acme");
    fixture.settle();

    List<PersonId> first = readAll(start).stream().flatMap(c -> c.affected().stream()).toList();
    List<PersonId> second = readAll(start).stream().flatMap(c -> c.affected().stream()).toList();

    assertThat(first).isNotEmpty();
    assertThat(second).containsExactlyElementsOf(first);
  }

  @Test
  void readCurrentReturnsPresentPeopleAndOmitsDeletedAndMergedOnes() {
    for (long id = 1; id <= 4; id++) {
      fixture.create(id, SamplePeople.sourceValues(id, fields, "005000000000001AAA"));
    }
    fixture.delete(2);
    fixture.merge(4, 3);
    fixture.settle();

    List<SourceRecord> current = source.readCurrent(List.of(PersonId.of(1), PersonId.of(2), PersonId.of(3), PersonId.of(4), PersonId.of(99)));

    assertThat(current).extracting(SourceRecord::sourceId).containsExactlyInAnyOrder("1", "4");
  }

  @Test
  void readCurrentAcceptsAFullBatch() {
    int max = source.maxReadBatch();
    List<PersonId> ids = new ArrayList<>();
    for (long id = 1; id <= max; id++) {
      ids.add(PersonId.of(id));
    }
    fixture.create(1, SamplePeople.sourceValues(1, fields, "005000000000001AAA"));
    fixture.settle();

    assertThat(source.readCurrent(ids)).extracting(SourceRecord::sourceId).containsExactly("1");
  }

  @Test
  void readCurrentSeesTheLatestValues() {
    fixture.create(5, SamplePeople.sourceValues(5, fields, "005000000000001AAA"));
    fixture.update(5, fields.nameOf(PersonField.TITLE), "Updated Title");
    fixture.settle();

    SourceRecord record = source.readCurrent(List.of(PersonId.of(5))).get(0);

    assertThat(record.value(fields.nameOf(PersonField.TITLE))).contains("Updated Title");
  }

  /** Reads the snapshot from a position to its last page. */
  @Test
  void aCensusListsEveryPersonOnceWithWhatEligibilityReads() {
    for (long id = 1; id <= 12; id++) {
      fixture.create(id, SamplePeople.sourceValues(id, fields, id % 3 == 0 ? "" : "005000000000001AAA"));
    }
    fixture.settle();

    for (boolean waiting : new boolean[] {true, false}) {
      List<SourceRecord> census = readWholeCensus(5, waiting);

      assertThat(census.stream().map(SourceRecord::sourceId).toList()).as(waiting ? "readCensus" : "readCensusIfReady")
          .hasSize(12).doesNotHaveDuplicates();
      for (SourceRecord record : census) {
        long id = Long.parseLong(record.sourceId());
        assertThat(record.value(fields.ownerField()).filter(owner -> !owner.isBlank()).isPresent()).as("owner of %d", id)
            .isEqualTo(id % 3 != 0);
      }
    }
  }

  /**
   * The whole census, read as a reconciliation reads it: waiting, or asking again while a page is not ready.
   *
   * @param pageSize records per page
   * @param waiting whether to wait for each page
   * @return the records
   */
  protected List<SourceRecord> readWholeCensus(int pageSize, boolean waiting) {
    List<SourceRecord> all = new ArrayList<>();
    Optional<SnapshotPosition> position = Optional.empty();
    for (int asks = 0; asks < 100_000; asks++) {
      Optional<SnapshotPage> ready = waiting ? Optional.of(source.readCensus(position, pageSize))
          : source.readCensusIfReady(position, pageSize);
      if (ready.isEmpty()) {
        continue; // not ready: a reconciliation verifies stored people meanwhile
      }
      all.addAll(ready.get().records());
      if (ready.get().last()) {
        return all;
      }
      position = Optional.of(ready.get().resumeAfter());
    }
    throw new AssertionError("the census did not end within 100000 asks");
  }

  /**
   * The whole snapshot from {@code from}, page by page.
   *
   * @param from where to start, or empty for the beginning
   * @param pageSize records per page
   * @return the records
   */
  protected List<SourceRecord> readWholeSnapshot(Optional<SnapshotPosition> from, int pageSize) {
    List<SourceRecord> all = new ArrayList<>();
    Optional<SnapshotPosition> position = from;
    for (int pages = 0; pages < 10_000; pages++) {
      SnapshotPage page = source.readSnapshot(position, pageSize);
      assertThat(page.records().size()).isLessThanOrEqualTo(pageSize);
      all.addAll(page.records());
      if (page.last()) {
        return all;
      }
      position = Optional.of(page.resumeAfter());
    }
    throw new AssertionError("the snapshot did not end within 10000 pages");
  }

  /**
   * Reads the feed from {@code start} until it has no more.
   *
   * @param start the position
   * @return the changes
   */
  protected List<PersonChange> readAll(SourcePosition start) {
    List<PersonChange> all = new ArrayList<>();
    SourcePosition position = start;
    for (int i = 0; i < 1_000; i++) {
      ChangeBatch batch = source.readChanges(position, 2);
      all.addAll(batch.changes());
      position = batch.next();
      if (!batch.hasMore()) {
        return all;
      }
    }
    throw new AssertionError("the change feed did not end within 1000 batches");
  }
}
