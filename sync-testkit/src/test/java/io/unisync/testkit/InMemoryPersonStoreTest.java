package io.unisync.testkit;

import io.unisync.core.port.PersonStore;
import io.unisync.testkit.contract.PersonStoreContract;

class InMemoryPersonStoreTest extends PersonStoreContract {

  @Override
  protected PersonStore newStore() {
    return new InMemoryPersonStore();
  }

  @Override
  protected FaultyStore newStoreWithCheckpointFault() {
    InMemoryPersonStore store = new InMemoryPersonStore(new FaultPlan());
    return new FaultyStore(store, () -> store.faults().failNext(InMemoryPersonStore.APPLY_BEFORE_CHECKPOINT, 1));
  }
}
