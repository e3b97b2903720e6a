package io.unisync.testkit;

import io.unisync.core.port.CrmLinkStore;
import io.unisync.testkit.contract.CrmLinkStoreContract;

class InMemoryCrmLinkStoreTest extends CrmLinkStoreContract {
  @Override
  protected CrmLinkStore newStore() {
    return new InMemoryCrmLinkStore();
  }
}
