package io.unisync.core.domain;

/**
 * The eight kinds of sales activity, with the name Marketo shows and the group a Salesforce admin setting
 * switches on or off.
 */
public enum ActivityKind {
  /** The "Send Sales Email" activity. */
  SEND_SALES_EMAIL("Send Sales Email", Group.EMAIL),
  /** The "Open Sales Email" activity. */
  OPEN_SALES_EMAIL("Open Sales Email", Group.EMAIL),
  /** The "Click Sales Email" activity. */
  CLICK_SALES_EMAIL("Click Sales Email", Group.EMAIL),
  /** The "Replied to Sales Email" activity. */
  REPLIED_TO_SALES_EMAIL("Replied to Sales Email", Group.EMAIL),
  /** The "Sales Email Bounced" activity. */
  SALES_EMAIL_BOUNCED("Sales Email Bounced", Group.EMAIL),
  /** The "Sales Call Received" activity. */
  SALES_CALL_RECEIVED("Sales Call Received", Group.CALL),
  /** The "Add to Sales Campaign" activity. */
  ADD_TO_SALES_CAMPAIGN("Add to Sales Campaign", Group.CAMPAIGN),
  /** The "Removed from Sales Campaign" activity. */
  REMOVED_FROM_SALES_CAMPAIGN("Removed from Sales Campaign", Group.CAMPAIGN);

  /** How a Salesforce admin groups activities when choosing what to log as Tasks. */
  public enum Group {
    /** The e-mail kinds: Salesforce gets them when the admin setting for e-mails is on. */
    EMAIL,
    /** The call kind: Salesforce gets it when the admin setting for calls is on. */
    CALL,
    /** Campaign membership: Marketo only, never Salesforce. */
    CAMPAIGN
  }

  private final String displayName;
  private final Group group;

  ActivityKind(String displayName, Group group) {
    this.displayName = displayName;
    this.group = group;
  }

  /**
   * The activity's name as Marketo shows it, e.g. "Send Sales Email".
   *
   * @return the display name
   */
  public String displayName() {
    return displayName;
  }

  /** {@return which admin setting decides whether this kind also goes to Salesforce} */
  public Group group() {
    return group;
  }
}
