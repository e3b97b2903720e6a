package io.unisync.testkit;

import io.unisync.core.error.RetryableAdapterException;

/**
 * The failure a fake throws at a step its {@link FaultPlan} names: it stands for a crash, timeout or lost
 * connection at exactly that point.
 */
public final class InjectedFault extends RetryableAdapterException {

  private static final long serialVersionUID = 1L;

  /** The step that failed. */
  private final String step;

  /**
   * A fault injected at {@code step}.
   *
   * @param step the step
   */
  public InjectedFault(String step) {
    super("injected fault at step '" + step + "'");
    this.step = step;
  }

  /** {@return the step that failed} */
  public String step() {
    return step;
  }
}
