package io.unisync.core.retry;

/** How patient a call may be: the class picks its attempts and total deadline from the {@link RetryPolicy}. */
public enum CallClass {
  /**
   * A seller is waiting (the e-mail send gate, the Smart Grid): a short deadline, by default one attempt, and a
   * failure answered at once so the caller can fail closed.
   */
  INTERACTIVE,
  /** The sync, delivery and two-way passes: several attempts with backoff, within a patient deadline. */
  BACKGROUND
}
