package io.unisync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.unisync.core.port.Fence;
import io.unisync.core.port.Leases;
import io.unisync.core.error.LeaseLostException;
import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.ReminderTask;
import io.unisync.core.port.ReminderStore;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour of every {@link ReminderStore}: a fresh, empty one per test. */
public abstract class ReminderStoreContract {

  /** The time the tests start at. */
  protected static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  /**
   * A fresh, empty store. Called before each test.
   *
   * @return the store
   */
  protected abstract ReminderStore newStore();

  /** {@return the leases that fence this implementation's stores (shared with them, as one database is)} */
  protected abstract Leases leases();

  /** The store of the test under way. */
  protected ReminderStore store;

  @BeforeEach
  void create() {
    store = newStore();
  }

  /**
   * An open reminder modified at {@code at}.
   *
   * @param id its id
   * @param at when it was modified
   * @return the reminder
   */
  protected static ReminderTask reminder(String id, Instant at) {
    return new ReminderTask(id, PersonId.of(7), "Call back about pricing ✓", LocalDate.parse("2026-04-10"), false, at, null);
  }

  @Test
  void aSavedReminderRoundTripsAndWaitsForThePush() {
    store.save(reminder("r1", T0), false);

    assertThat(store.find("r1")).contains(reminder("r1", T0));
    assertThat(store.unpushed(10)).containsExactly(reminder("r1", T0));
  }

  @Test
  void pushingRecordsTheCrmIdAndClearsTheQueueUnlessChangedMeanwhile() {
    store.save(reminder("r1", T0), false);
    store.save(reminder("r2", T0.plusSeconds(1)), false);

    store.markPushed("r1", "00T000000000000001", T0);
    store.save(reminder("r2", T0.plusSeconds(5)).completed(true, T0.plusSeconds(5)), false);
    store.markPushed("r2", "00T000000000000002", T0.plusSeconds(1));

    assertThat(store.findByCrmId("00T000000000000001")).map(ReminderTask::id).contains("r1");
    assertThat(store.unpushed(10)).extracting(ReminderTask::id).as("r2 changed after the pushed version").containsExactly("r2");
  }

  @Test
  void aReminderTheCrmRefusedToCreateLeavesTheQueueWithoutATaskId() {
    store.save(reminder("r1", T0), false);

    store.markPushed("r1", null, T0);

    assertThat(store.unpushed(10)).isEmpty();
    assertThat(store.find("r1").orElseThrow().crmId()).isNull();
  }

  @Test
  void aChangeFromTheCrmIsNotQueuedForThePush() {
    store.save(reminder("r1", T0).withCrmId("00T000000000000009"), true);

    assertThat(store.unpushed(10)).isEmpty();
    assertThat(store.findByCrmId("00T000000000000009")).isPresent();
  }

  @Test
  void aDeletedReminderIsGoneAndNoLongerQueued() {
    store.save(reminder("r1", T0), false);

    assertThat(store.delete("r1")).isTrue();
    assertThat(store.delete("r1")).isFalse();
    assertThat(store.find("r1")).isEmpty();
    assertThat(store.unpushed(10)).isEmpty();
  }

  @Test
  void theQueueIsOldestChangeFirstAndBounded() {
    store.save(reminder("late", T0.plusSeconds(10)), false);
    store.save(reminder("early", T0), false);

    assertThat(store.unpushed(1)).extracting(ReminderTask::id).containsExactly("early");
  }

  @Test
  void reminderWritesUnderALostLeaseCommitNothing() {
    TakeOver lease = TakeOver.begin(leases());
    ReminderStore first = store.fencedBy(lease.first());
    first.save(reminder("r1", T0), false);
    Fence second = lease.takeOver();

    assertThatThrownBy(() -> first.save(reminder("r2", T0), false)).isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(() -> first.markPushed("r1", "00T000000000000001", T0)).isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(() -> first.delete("r1")).isInstanceOf(LeaseLostException.class);

    assertThat(store.find("r2")).isEmpty();
    assertThat(store.unpushed(10)).containsExactly(reminder("r1", T0));
    assertThat(store.fencedBy(second).delete("r1")).isTrue();
  }
}
