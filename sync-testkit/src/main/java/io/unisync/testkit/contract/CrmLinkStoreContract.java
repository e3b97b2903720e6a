package io.unisync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.unisync.core.port.Fence;
import io.unisync.core.port.Leases;
import io.unisync.core.error.LeaseLostException;
import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.PersonId;
import io.unisync.core.port.CrmLinkStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The behaviour of every {@link CrmLinkStore}: a fresh, empty one per test. */
public abstract class CrmLinkStoreContract {

  /**
   * A fresh, empty store. Called before each test.
   *
   * @return the store
   */
  protected abstract CrmLinkStore newStore();

  /** {@return the leases that fence this implementation's stores (shared with them, as one database is)} */
  protected abstract Leases leases();

  @Test
  void linksRoundTripAndAreReplaced() {
    CrmLinkStore store = newStore();
    Instant t0 = Instant.parse("2026-04-01T09:00:00Z");
    CrmLinks contact = new CrmLinks(PersonId.of(1), null, "003000000000000001", "001000000000000001",
        List.of("006000000000000001", "006000000000000002"), t0);
    CrmLinks lead = new CrmLinks(PersonId.of(2), "00Q000000000000002", null, null, List.of(), t0);
    store.save(List.of(contact, lead));

    assertThat(store.find(List.of(PersonId.of(1), PersonId.of(2), PersonId.of(3))))
        .containsEntry(PersonId.of(1), contact).containsEntry(PersonId.of(2), lead).doesNotContainKey(PersonId.of(3));

    CrmLinks converted = new CrmLinks(PersonId.of(2), null, "003000000000000009", null, List.of(), t0.plusSeconds(60));
    store.save(List.of(converted));
    assertThat(store.find(List.of(PersonId.of(2)))).containsEntry(PersonId.of(2), converted);
    assertThat(converted.who()).contains("003000000000000009");
    assertThat(lead.what()).as("a lead's Task has no What").isEmpty();
    assertThat(contact.what()).contains("006000000000000001");
  }

  @Test
  void linkWritesUnderALostLeaseCommitNothing() {
    CrmLinkStore store = newStore();
    Instant t0 = Instant.parse("2026-04-01T09:00:00Z");
    TakeOver lease = TakeOver.begin(leases());
    CrmLinkStore first = store.fencedBy(lease.first());
    CrmLinks one = new CrmLinks(PersonId.of(1), "00Q000000000000001", null, null, List.of(), t0);
    first.save(List.of(one));
    Fence second = lease.takeOver();

    assertThatThrownBy(() -> first.save(List.of(new CrmLinks(PersonId.of(1), null, "003000000000000001", null, List.of(), t0),
        new CrmLinks(PersonId.of(2), "00Q000000000000002", null, null, List.of(), t0)))).isInstanceOf(LeaseLostException.class);

    assertThat(store.find(List.of(PersonId.of(1), PersonId.of(2)))).containsExactly(java.util.Map.entry(PersonId.of(1), one));
    store.fencedBy(second).save(List.of(new CrmLinks(PersonId.of(2), "00Q000000000000002", null, null, List.of(), t0)));
    assertThat(store.find(List.of(PersonId.of(2)))).hasSize(1);
  }
}
