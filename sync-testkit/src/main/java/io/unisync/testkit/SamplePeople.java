package io.unisync.testkit;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Deterministic sample data: the same id always gives the same person. Values are valid for every field
 * rule and include non-ASCII names every seventh id.
 */
public final class SamplePeople {

  private SamplePeople() {}

  /** A valid person with every field set. */
  public static Person person(long id) {
    return Person.of(PersonId.of(id), values(id));
  }

  /** The values of {@link #person(long)} keyed by field (without the id). */
  public static Map<PersonField, String> values(long id) {
    Map<PersonField, String> v = new EnumMap<>(PersonField.class);
    v.put(PersonField.FIRST_NAME, id % 7 == 0 ? "Zoë-" + id : "First" + id);
    v.put(PersonField.LAST_NAME, id % 7 == 0 ? "Ñúñez 🚀" : "Last" + id);
    v.put(PersonField.SALESFORCE_CONTACT_ID, salesforceId("003", id));
    v.put(PersonField.SALESFORCE_LEAD_ID, salesforceId("00Q", id));
    v.put(PersonField.COMPANY, "Company " + (id % 50));
    v.put(PersonField.TITLE, "Title " + (id % 13));
    v.put(PersonField.EMAIL, "person" + id + "@example.com");
    v.put(PersonField.PHONE, "+1 555 " + String.format(Locale.ROOT, "%07d", id % 10_000_000));
    v.put(PersonField.LINKEDIN_URL, "https://www.linkedin.com/in/person-" + id);
    v.put(PersonField.SOURCE, id % 2 == 0 ? "Web" : "Trade Show");
    return v;
  }

  /**
   * The same person as source values under the given field names, with a sales owner (or without, when
   * {@code owner} is null).
   */
  public static Map<String, String> sourceValues(long id, SourceFields fields, @Nullable String owner) {
    Map<String, String> source = new HashMap<>();
    values(id).forEach((field, value) -> source.put(fields.nameOf(field), value));
    source.put(fields.nameOf(PersonField.MARKETO_ID), Long.toString(id));
    if (owner != null) {
      source.put(fields.ownerField(), owner);
    }
    return source;
  }

  /** An 18-character Salesforce-style id with the given 3-character prefix. */
  public static String salesforceId(String prefix, long id) {
    return prefix + String.format(Locale.ROOT, "%015d", id);
  }
}
