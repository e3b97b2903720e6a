package io.unisync.testkit;

import io.unisync.core.port.ActivityOutbox;
import io.unisync.testkit.contract.ActivityOutboxContract;

class InMemoryActivityOutboxTest extends ActivityOutboxContract {
  @Override
  protected ActivityOutbox newOutbox() {
    return new InMemoryActivityOutbox();
  }
}
