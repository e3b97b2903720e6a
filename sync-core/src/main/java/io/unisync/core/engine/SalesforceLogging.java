package io.unisync.core.engine;

import io.unisync.core.domain.ActivityKind;

/**
 * The Salesforce admin setting: which activities are logged as Tasks. Campaign membership changes are
 * never logged to Salesforce; they go to Marketo only.
 *
 * @param emails log e-mail activities (send, open, click, reply, bounce)
 * @param calls log calls
 * @param openReminderTasks keep open reminder tasks in sync with Salesforce Tasks
 */
public record SalesforceLogging(boolean emails, boolean calls, boolean openReminderTasks) {

  /** {@return everything on} */
  public static SalesforceLogging all() {
    return new SalesforceLogging(true, true, true);
  }

  /** {@return nothing to Salesforce} */
  public static SalesforceLogging none() {
    return new SalesforceLogging(false, false, false);
  }

  /**
   * Whether this kind of activity goes to Salesforce.
   *
   * @param kind the activity kind
   * @return whether it goes to Salesforce
   */
  public boolean includes(ActivityKind kind) {
    switch (kind.group()) {
      case EMAIL:
        return emails;
      case CALL:
        return calls;
      default:
        return false;
    }
  }
}
