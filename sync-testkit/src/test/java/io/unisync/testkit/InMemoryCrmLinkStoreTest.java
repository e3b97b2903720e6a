package io.unisync.testkit;

import java.time.Clock;
import io.unisync.core.port.Leases;
import io.unisync.core.port.CrmLinkStore;
import io.unisync.testkit.contract.CrmLinkStoreContract;

class InMemoryCrmLinkStoreTest extends CrmLinkStoreContract {

  final InMemoryLeases leases = new InMemoryLeases(Clock.systemUTC());
  @Override
  protected CrmLinkStore newStore() {
    return new InMemoryCrmLinkStore(leases);
  }

  @Override
  protected Leases leases() {
    return leases;
  }
}
