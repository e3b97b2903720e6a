package io.unisync.core.port;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a person's marketing history, for the Smart Grid.
 *
 * @param id the source's id of the activity (Marketo's {@code marketoGUID})
 * @param type a readable type, e.g. "Visit Web Page", "Open Email", "Send Sales Email"
 * @param occurredAt when it happened
 * @param primary the main attribute (page, e-mail, campaign name...), possibly empty
 * @param attributes further attributes by name
 */
public record MarketingActivity(String id, String type, Instant occurredAt, String primary, Map<String, String> attributes) {

  /**
   * Copies the attributes.
   *
   * @param id the source's id of the activity (Marketo's {@code marketoGUID})
   * @param type a readable type, e.g. "Visit Web Page", "Open Email", "Send Sales Email"
   * @param occurredAt when it happened
   * @param primary the main attribute (page, e-mail, campaign name...), possibly empty
   * @param attributes further attributes by name
   */
  public MarketingActivity {
    attributes = Map.copyOf(attributes);
  }
}
