package io.unisync.core.store;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.domain.ActivityKind;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.Seller;
import io.unisync.core.error.AdapterException;
import io.unisync.core.error.InvalidValueException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stable text form of an {@link Activity}, for stores that keep activities as text (the JDBC outbox).
 * One {@code key=value} line per field; backslash, CR and LF in values are escaped. Versioned by its first
 * line so the format can evolve. Decoding re-validates through the records' constructors.
 */
public final class ActivityCodec {

  private static final String VERSION = "unisync-activity-v1";

  private ActivityCodec() {}

  /**
   * The activity as text.
   *
   * @param activity the activity
   * @return the text
   */
  public static String encode(Activity activity) {
    StringBuilder out = new StringBuilder(256).append(VERSION).append('\n');
    line(out, "kind", activity.kind().name());
    line(out, "id", activity.id().value());
    line(out, "person", Long.toString(activity.person().value()));
    line(out, "occurredAt", activity.occurredAt().toString());
    line(out, "seller", activity.seller().id());
    if (activity.seller().salesforceUserId() != null) {
      line(out, "sellerSalesforceUserId", activity.seller().salesforceUserId());
    }
    activity.attributes().forEach((name, value) -> line(out, "a." + name, value));
    return out.toString();
  }

  /**
   * Reads an activity back.
   *
   * @throws AdapterException when the text is not an encoded activity (the message says which field)
   * @param text the text
   * @return the activity
   */
  public static Activity decode(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length == 0 || !lines[0].equals(VERSION)) {
      throw new AdapterException("stored activity has an unknown format (expected first line " + VERSION + ")");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      int eq = lines[i].indexOf('=');
      if (eq <= 0) {
        throw new AdapterException("stored activity has a malformed line " + i);
      }
      fields.put(lines[i].substring(0, eq), unescape(lines[i].substring(eq + 1)));
    }
    try {
      ActivityKind kind = ActivityKind.valueOf(get(fields, "kind"));
      ActivityId id = ActivityId.of(get(fields, "id"));
      PersonId person = PersonId.of(get(fields, "person"));
      Instant at = Instant.parse(get(fields, "occurredAt"));
      Seller seller = new Seller(get(fields, "seller"), fields.get("sellerSalesforceUserId"));
      return build(kind, id, person, at, seller, fields);
    } catch (IllegalArgumentException | DateTimeParseException | InvalidValueException e) {
      throw new AdapterException("stored activity could not be decoded: " + e.getMessage(), e);
    }
  }

  private static Activity build(ActivityKind kind, ActivityId id, PersonId person, Instant at, Seller seller, Map<String, String> f) {
    switch (kind) {
      case SEND_SALES_EMAIL:
        return new Activity.SendSalesEmail(id, person, at, seller, get(f, "a.subject"), f.get("a.template"));
      case OPEN_SALES_EMAIL:
        return new Activity.OpenSalesEmail(id, person, at, seller, get(f, "a.subject"), f.get("a.template"));
      case CLICK_SALES_EMAIL:
        return new Activity.ClickSalesEmail(id, person, at, seller, get(f, "a.subject"), get(f, "a.link"));
      case REPLIED_TO_SALES_EMAIL:
        return new Activity.RepliedToSalesEmail(id, person, at, seller, get(f, "a.subject"));
      case SALES_EMAIL_BOUNCED:
        return new Activity.SalesEmailBounced(id, person, at, seller, get(f, "a.subject"), f.get("a.bounceCategory"), f.get("a.bounceDetails"));
      case SALES_CALL_RECEIVED:
        return new Activity.SalesCallReceived(id, person, at, seller, f.get("a.subject"), get(f, "a.callStatus"),
            Integer.parseInt(get(f, "a.durationSeconds")), f.get("a.recordingUrl"));
      case ADD_TO_SALES_CAMPAIGN:
        return new Activity.AddToSalesCampaign(id, person, at, seller, get(f, "a.campaignName"), f.get("a.campaignUrl"));
      case REMOVED_FROM_SALES_CAMPAIGN:
        return new Activity.RemovedFromSalesCampaign(id, person, at, seller, get(f, "a.campaignName"), f.get("a.campaignUrl"));
      default:
        throw new IllegalArgumentException("unknown activity kind " + kind);
    }
  }

  private static String get(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new IllegalArgumentException("field " + name + " is missing");
    }
    return value;
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(key).append('=');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        default: out.append(c);
      }
    }
    out.append('\n');
  }

  private static String unescape(String value) {
    if (value.indexOf('\\') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
