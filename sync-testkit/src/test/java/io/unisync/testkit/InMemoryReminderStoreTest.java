package io.unisync.testkit;

import java.time.Clock;
import io.unisync.core.port.Leases;
import io.unisync.core.port.ReminderStore;
import io.unisync.testkit.contract.ReminderStoreContract;

class InMemoryReminderStoreTest extends ReminderStoreContract {

  final InMemoryLeases leases = new InMemoryLeases(Clock.systemUTC());
  @Override
  protected ReminderStore newStore() {
    return new InMemoryReminderStore(leases);
  }

  @Override
  protected Leases leases() {
    return leases;
  }
}
