package io.unisync.core.domain;

import io.unisync.core.error.InvalidValueException;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A sales activity recorded by the host, delivered to Marketo (all kinds) and Salesforce (the kinds its
 * admin setting enables). One record per kind; every record validates its fields in its compact
 * constructor and names the field that is wrong. Each record's {@code toString()} shows ids only.
 *
 * <p>Java 17 has no pattern-matching switch: use {@link #kind()} or {@code instanceof}; a test walks
 * {@code getPermittedSubclasses()} so that a new kind cannot go unhandled.
 */
public sealed interface Activity
    permits Activity.SendSalesEmail, Activity.OpenSalesEmail, Activity.ClickSalesEmail, Activity.RepliedToSalesEmail,
        Activity.SalesEmailBounced, Activity.SalesCallReceived, Activity.AddToSalesCampaign, Activity.RemovedFromSalesCampaign {

  /** {@return the idempotency key} */
  ActivityId id();

  /** {@return who the activity is about} */
  PersonId person();

  /** {@return when it happened (microsecond precision)} */
  Instant occurredAt();

  /** {@return who did it} */
  Seller seller();

  /** {@return which of the eight kinds this is (Java 17 has no pattern-matching switch)} */
  ActivityKind kind();

  /** {@return the kind's own attributes by name, in a fixed order; absent ones are left out} */
  Map<String, String> attributes();

  /** A seller sent a sales e-mail. */
  record SendSalesEmail(ActivityId id, PersonId person, Instant occurredAt, Seller seller, String subject,
      @Nullable String template) implements Activity {
    /**
     * Checks the values: a time, a subject, an optional template; each error names its field.
     *
     * @param id the activity's id, unique in Actions (delivery is idempotent on it)
     * @param person whom it concerns
     * @param occurredAt when it happened
     * @param seller who did it
     * @param subject the e-mail's subject
     * @param template the e-mail template's name, if one was used
     */
    public SendSalesEmail {
      occurredAt = ActivityRules.time(occurredAt);
      subject = ActivityRules.required("subject", subject);
      template = ActivityRules.text("template", template);
    }

    @Override
    public ActivityKind kind() {
      return ActivityKind.SEND_SALES_EMAIL;
    }

    @Override
    public Map<String, String> attributes() {
      return ActivityRules.map("subject", subject, "template", template);
    }

    @Override
    public String toString() {
      return ActivityRules.describe(this);
    }
  }

  /** The person opened a sales e-mail. */
  record OpenSalesEmail(ActivityId id, PersonId person, Instant occurredAt, Seller seller, String subject,
      @Nullable String template) implements Activity {
    /**
     * Checks the values: a time, a subject, an optional template; each error names its field.
     *
     * @param id the activity's id, unique in Actions (delivery is idempotent on it)
     * @param person whom it concerns
     * @param occurredAt when it happened
     * @param seller who did it
     * @param subject the e-mail's subject
     * @param template the e-mail template's name, if one was used
     */
    public OpenSalesEmail {
      occurredAt = ActivityRules.time(occurredAt);
      subject = ActivityRules.required("subject", subject);
      template = ActivityRules.text("template", template);
    }

    @Override
    public ActivityKind kind() {
      return ActivityKind.OPEN_SALES_EMAIL;
    }

    @Override
    public Map<String, String> attributes() {
      return ActivityRules.map("subject", subject, "template", template);
    }

    @Override
    public String toString() {
      return ActivityRules.describe(this);
    }
  }

  /** The person clicked a link in a sales e-mail. */
  record ClickSalesEmail(ActivityId id, PersonId person, Instant occurredAt, Seller seller, String subject, String link)
      implements Activity {
    /**
     * Checks the values: a time, a subject, a link that is a URL; each error names its field.
     *
     * @param id the activity's id, unique in Actions (delivery is idempotent on it)
     * @param person whom it concerns
     * @param occurredAt when it happened
     * @param seller who did it
     * @param subject the e-mail's subject
     * @param link the link clicked (a URL)
     */
    public ClickSalesEmail {
      occurredAt = ActivityRules.time(occurredAt);
      subject = ActivityRules.required("subject", subject);
      link = ActivityRules.requiredUrl("link", link);
    }

    @Override
    public ActivityKind kind() {
      return ActivityKind.CLICK_SALES_EMAIL;
    }

    @Override
    public Map<String, String> attributes() {
      return ActivityRules.map("subject", subject, "link", link);
    }

    @Override
    public String toString() {
      return ActivityRules.describe(this);
    }
  }

  /** The person replied to a sales e-mail. */
  record RepliedToSalesEmail(ActivityId id, PersonId person, Instant occurredAt, Seller seller, String subject)
      implements Activity {
    /**
     * Checks the values: a time and a subject; each error names its field.
     *
     * @param id the activity's id, unique in Actions (delivery is idempotent on it)
     * @param person whom it concerns
     * @param occurredAt when it happened
     * @param seller who did it
     * @param subject the e-mail's subject
     */
    public RepliedToSalesEmail {
      occurredAt = ActivityRules.time(occurredAt);
      subject = ActivityRules.required("subject", subject);
    }

    @Override
    public ActivityKind kind() {
      return ActivityKind.REPLIED_TO_SALES_EMAIL;
    }

    @Override
    public Map<String, String> attributes() {
      return ActivityRules.map("subject", subject);
    }

    @Override
    public String toString() {
      return ActivityRules.describe(this);
    }
  }

  /** A sales e-mail to the person bounced. */
  record SalesEmailBounced(ActivityId id, PersonId person, Instant occurredAt, Seller seller, String subject,
      @Nullable String bounceCategory, @Nullable String bounceDetails) implements Activity {
    /**
     * Checks the values: a time, a subject, the optional bounce category and details; each error names its field.
     *
     * @param id the activity's id, unique in Actions (delivery is idempotent on it)
     * @param person whom it concerns
     * @param occurredAt when it happened
     * @param seller who did it
     * @param subject the e-mail's subject
     * @param bounceCategory the bounce's category, if known
     * @param bounceDetails the bounce's details, if known
     */
    public SalesEmailBounced {
      occurredAt = ActivityRules.time(occurredAt);
      subject = ActivityRules.required("subject", subject);
      bounceCategory = ActivityRules.text("bounceCategory", bounceCategory);
      bounceDetails = ActivityRules.text("bounceDetails", bounceDetails);
    }

    @Override
    public ActivityKind kind() {
      return ActivityKind.SALES_EMAIL_BOUNCED;
    }

    @Override
    public Map<String, String> attributes() {
      return ActivityRules.map("subject", subject, "bounceCategory", bounceCategory, "bounceDetails", bounceDetails);
    }

    @Override
    public String toString() {
      return ActivityRules.describe(this);
    }
  }

  /** A sales call with the person. */
  record SalesCallReceived(ActivityId id, PersonId person, Instant occurredAt, Seller seller, @Nullable String subject,
      String callStatus, int durationSeconds, @Nullable String recordingUrl) implements Activity {
    /**
     * Checks the values: a time, an optional subject, a call status, a duration of 0 to 86,400 seconds; each error
     *     names its field.
     *
     * @param id the activity's id, unique in Actions (delivery is idempotent on it)
     * @param person whom it concerns
     * @param occurredAt when it happened
     * @param seller who did it
     * @param subject the e-mail's subject
     * @param callStatus how the call ended
     * @param durationSeconds the call's length, 0 to 86,400 seconds
     * @param recordingUrl the call recording's URL, if any
     */
    public SalesCallReceived {
      occurredAt = ActivityRules.time(occurredAt);
      subject = ActivityRules.text("subject", subject);
      callStatus = ActivityRules.required("callStatus", callStatus);
      if (durationSeconds < 0 || durationSeconds > 86_400) {
        throw new InvalidValueException("durationSeconds", "must be between 0 and 86400");
      }
      recordingUrl = ActivityRules.url("recordingUrl", recordingUrl);
    }

    @Override
    public ActivityKind kind() {
      return ActivityKind.SALES_CALL_RECEIVED;
    }

    @Override
    public Map<String, String> attributes() {
      return ActivityRules.map("subject", subject, "callStatus", callStatus, "durationSeconds", Integer.toString(durationSeconds),
          "recordingUrl", recordingUrl);
    }

    @Override
    public String toString() {
      return ActivityRules.describe(this);
    }
  }

  /** The person was added to a sales campaign (a cadence of e-mails and calls). */
  record AddToSalesCampaign(ActivityId id, PersonId person, Instant occurredAt, Seller seller, String campaignName,
      @Nullable String campaignUrl) implements Activity {
    /**
     * Checks the values: a time, a campaign name, an optional campaign URL; each error names its field.
     *
     * @param id the activity's id, unique in Actions (delivery is idempotent on it)
     * @param person whom it concerns
     * @param occurredAt when it happened
     * @param seller who did it
     * @param campaignName the sales campaign's name
     * @param campaignUrl the sales campaign's URL, if any
     */
    public AddToSalesCampaign {
      occurredAt = ActivityRules.time(occurredAt);
      campaignName = ActivityRules.required("campaignName", campaignName);
      campaignUrl = ActivityRules.url("campaignUrl", campaignUrl);
    }

    @Override
    public ActivityKind kind() {
      return ActivityKind.ADD_TO_SALES_CAMPAIGN;
    }

    @Override
    public Map<String, String> attributes() {
      return ActivityRules.map("campaignName", campaignName, "campaignUrl", campaignUrl);
    }

    @Override
    public String toString() {
      return ActivityRules.describe(this);
    }
  }

  /** The person was removed from a sales campaign. */
  record RemovedFromSalesCampaign(ActivityId id, PersonId person, Instant occurredAt, Seller seller, String campaignName,
      @Nullable String campaignUrl) implements Activity {
    /**
     * Checks the values: a time, a campaign name, an optional campaign URL; each error names its field.
     *
     * @param id the activity's id, unique in Actions (delivery is idempotent on it)
     * @param person whom it concerns
     * @param occurredAt when it happened
     * @param seller who did it
     * @param campaignName the sales campaign's name
     * @param campaignUrl the sales campaign's URL, if any
     */
    public RemovedFromSalesCampaign {
      occurredAt = ActivityRules.time(occurredAt);
      campaignName = ActivityRules.required("campaignName", campaignName);
      campaignUrl = ActivityRules.url("campaignUrl", campaignUrl);
    }

    @Override
    public ActivityKind kind() {
      return ActivityKind.REMOVED_FROM_SALES_CAMPAIGN;
    }

    @Override
    public Map<String, String> attributes() {
      return ActivityRules.map("campaignName", campaignName, "campaignUrl", campaignUrl);
    }

    @Override
    public String toString() {
      return ActivityRules.describe(this);
    }
  }
}
