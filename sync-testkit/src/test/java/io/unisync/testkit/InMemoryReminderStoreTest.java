package io.unisync.testkit;

import io.unisync.core.port.ReminderStore;
import io.unisync.testkit.contract.ReminderStoreContract;

class InMemoryReminderStoreTest extends ReminderStoreContract {
  @Override
  protected ReminderStore newStore() {
    return new InMemoryReminderStore();
  }
}
