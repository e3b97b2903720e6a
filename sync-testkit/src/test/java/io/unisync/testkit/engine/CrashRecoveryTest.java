package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncOptions;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.StoredPerson;
import io.unisync.testkit.ExpectedPeople;
import io.unisync.testkit.FaultPlan;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.InjectedFault;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.SamplePeople;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A crash at every step of every page, then a restart: the store must end equal to the source's eligible
 * people, and at the moment of the crash the checkpoint must never be ahead of the committed data.
 */
class CrashRecoveryTest {

  static final int PEOPLE = 23;
  static final int PAGE = 5;
  static final List<String> INITIAL_STEPS = List.of(
      InMemoryPersonSource.CURRENT_POSITION,
      InMemoryPersonSource.READ_SNAPSHOT,
      InMemoryPersonStore.APPLY,
      InMemoryPersonStore.APPLY_BEFORE_CHECKPOINT,
      InMemoryPersonStore.APPLY_AFTER_COMMIT);
  static final List<String> INCREMENTAL_STEPS = List.of(
      InMemoryPersonSource.READ_CHANGES,
      InMemoryPersonSource.READ_CURRENT,
      InMemoryPersonStore.APPLY,
      InMemoryPersonStore.APPLY_BEFORE_CHECKPOINT,
      InMemoryPersonStore.APPLY_AFTER_COMMIT);

  /** One world: a source, a store and the plan of faults they share. */
  static final class World {
    final ManualClock clock = ManualClock.startingAtEpochOf2026();
    final FaultPlan faults = new FaultPlan();
    final SourceFields fields = SourceFields.standard();
    final InMemoryPersonSource source = new InMemoryPersonSource(clock, fields, faults).withMaxReadBatch(3);
    final InMemoryPersonStore store = new InMemoryPersonStore(faults);

    World() {
      for (long id = 1; id <= PEOPLE; id++) {
        clock.advance(Duration.ofSeconds(1));
        source.put(id, SamplePeople.sourceValues(id, fields, id % 5 == 0 ? null : "005000000000001AAA"));
      }
    }

    SyncEngine engine() {
      return SyncEngine.builder().personSource(source).personStore(store).clock(clock)
          .options(SyncOptions.defaults().withSnapshotPageSize(PAGE).withChangeBatchSize(4)).build();
    }

    void makeChanges() {
      clock.advance(Duration.ofSeconds(1));
      source.update(1, fields.nameOf(PersonField.TITLE), "Promoted");
      source.update(2, fields.ownerField(), "");
      source.update(5, fields.ownerField(), "005000000000009AAA");
      source.delete(3);
      source.merge(4, 6);
      source.put(40, SamplePeople.sourceValues(40, fields, "005000000000001AAA"));
      source.update(7, "leadScore", "12");
      source.update(8, fields.nameOf(PersonField.EMAIL), SamplePeople.person(9).email());
    }

    void finish() {
      faults.clear();
      SyncEngine restarted = engine();
      restarted.initialSync();
      SyncReport pass;
      do {
        pass = restarted.syncChanges();
      } while (!pass.complete());
    }
  }

  static Stream<Arguments> initialCrashes() {
    World clean = new World();
    clean.engine().initialSync();
    List<Arguments> cases = new ArrayList<>();
    for (String step : INITIAL_STEPS) {
      for (int n = 1; n <= clean.faults.calls(step); n++) {
        cases.add(Arguments.of(step, n));
      }
    }
    assertThat(cases).hasSizeGreaterThan(15);
    return cases.stream();
  }

  static Stream<Arguments> incrementalCrashes() {
    World clean = new World();
    clean.engine().initialSync();
    clean.makeChanges();
    FaultPlan counted = clean.faults;
    Map<String, Integer> before = new HashMap<>();
    INCREMENTAL_STEPS.forEach(step -> before.put(step, counted.calls(step)));
    clean.engine().syncChanges();
    List<Arguments> cases = new ArrayList<>();
    for (String step : INCREMENTAL_STEPS) {
      for (int n = 1; n <= counted.calls(step) - before.get(step); n++) {
        cases.add(Arguments.of(step, n));
      }
    }
    assertThat(cases).hasSizeGreaterThan(10);
    return cases.stream();
  }

  @ParameterizedTest(name = "crash at {0} call {1}")
  @MethodSource("initialCrashes")
  void aCrashDuringTheInitialSyncResumesToTheEligibleSet(String step, int call) {
    World world = new World();
    world.faults.failOnCall(step, call);

    assertThatThrownBy(() -> world.engine().initialSync()).isInstanceOf(InjectedFault.class);
    assertCheckpointNotAheadOfData(world);

    world.makeChanges(); // the world goes on while we are down
    world.finish();

    assertThat(ExpectedPeople.storedIn(world.store)).isEqualTo(ExpectedPeople.eligibleIn(world.source, world.fields));
  }

  @ParameterizedTest(name = "crash at {0} call {1}")
  @MethodSource("incrementalCrashes")
  void aCrashDuringAnIncrementalPassResumesToTheEligibleSet(String step, int call) {
    World world = new World();
    world.engine().initialSync();
    world.makeChanges();
    world.faults.failOnCall(step, call);

    assertThatThrownBy(() -> world.engine().syncChanges()).isInstanceOf(InjectedFault.class);
    world.finish();

    assertThat(ExpectedPeople.storedIn(world.store)).isEqualTo(ExpectedPeople.eligibleIn(world.source, world.fields));
  }

  /** Every eligible person up to the stored snapshot position is in the store, as the source had them. */
  private static void assertCheckpointNotAheadOfData(World world) {
    Checkpoint checkpoint = world.store.checkpoint().orElse(null);
    if (checkpoint == null || checkpoint.snapshotPosition() == null) {
      return;
    }
    long upTo = Long.parseLong(checkpoint.snapshotPosition().value().substring("after-id:".length()));
    Map<PersonId, Person> expected = ExpectedPeople.eligibleIn(world.source, world.fields);
    Map<PersonId, Person> stored = ExpectedPeople.storedIn(world.store);
    expected.forEach((id, person) -> {
      if (id.value() <= upTo) {
        assertThat(stored.get(id)).as("person %s is behind the checkpoint and must be stored", id).isEqualTo(person);
      }
    });
  }
}
