package io.unisync.core.domain;

/**
 * The eight kinds of sales activity, with the name Marketo shows and the group a Salesforce admin setting
 * switches on or off.
 */
public enum ActivityKind {
  SEND_SALES_EMAIL("Send Sales Email", Group.EMAIL),
  OPEN_SALES_EMAIL("Open Sales Email", Group.EMAIL),
  CLICK_SALES_EMAIL("Click Sales Email", Group.EMAIL),
  REPLIED_TO_SALES_EMAIL("Replied to Sales Email", Group.EMAIL),
  SALES_EMAIL_BOUNCED("Sales Email Bounced", Group.EMAIL),
  SALES_CALL_RECEIVED("Sales Call Received", Group.CALL),
  ADD_TO_SALES_CAMPAIGN("Add to Sales Campaign", Group.CAMPAIGN),
  REMOVED_FROM_SALES_CAMPAIGN("Removed from Sales Campaign", Group.CAMPAIGN);

  /** How a Salesforce admin groups activities when choosing what to log as Tasks. */
  public enum Group {
    EMAIL,
    CALL,
    CAMPAIGN
  }

  private final String displayName;
  private final Group group;

  ActivityKind(String displayName, Group group) {
    this.displayName = displayName;
    this.group = group;
  }

  /** The activity's name as Marketo shows it, e.g. "Send Sales Email". */
  public String displayName() {
    return displayName;
  }

  public Group group() {
    return group;
  }
}
