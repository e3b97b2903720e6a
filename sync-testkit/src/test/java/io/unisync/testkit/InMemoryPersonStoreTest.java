package io.unisync.testkit;

import java.time.Clock;
import io.unisync.core.port.Leases;
import io.unisync.core.port.PersonStore;
import io.unisync.testkit.contract.PersonStoreContract;

class InMemoryPersonStoreTest extends PersonStoreContract {

  final InMemoryLeases leases = new InMemoryLeases(Clock.systemUTC());

  @Override
  protected PersonStore newStore() {
    return new InMemoryPersonStore(leases);
  }

  @Override
  protected FaultyStore newStoreWithCheckpointFault() {
    InMemoryPersonStore store = new InMemoryPersonStore(new FaultPlan());
    return new FaultyStore(store, () -> store.faults().failNext(InMemoryPersonStore.APPLY_BEFORE_CHECKPOINT, 1));
  }

  @Override
  protected Leases leases() {
    return leases;
  }
}
