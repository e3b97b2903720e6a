package io.unisync.marketo.internal;

import io.unisync.core.port.CallBudget;
import io.unisync.core.port.CallLimits;
import io.unisync.testkit.contract.CallBudgetContract;
import java.time.Clock;

class LocalCallBudgetTest extends CallBudgetContract {

  private CallBudget last;

  @Override
  protected CallBudget newBudget(CallLimits limits) {
    last = new LocalCallBudget(limits, Clock.systemUTC());
    return last;
  }

  @Override
  protected CallBudget sameInstanceElsewhere() {
    return last; // one process: one budget
  }
}
