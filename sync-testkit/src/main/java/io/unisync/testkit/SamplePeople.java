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

  /**
   * A valid person with every field set.
   *
   * @param id the Marketo id
   * @return the person
   */
  public static Person person(long id) {
    return Person.of(PersonId.of(id), values(id));
  }

  /**
   * The values of {@link #person(long)} keyed by field (without the id).
   *
   * @param id the Marketo id
   * @return the values
   */
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
   *
   * @param id the Marketo id
   * @param fields the source field names
   * @param owner the sales owner's id, or {@code null}
   * @return the values by source field name
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

  /**
   * An 18-character Salesforce-style id with the given 3-character prefix.
   *
   * @param prefix the key prefix, e.g. {@code 003} for a contact
   * @param id a number unique among the ids made
   * @return the id
   */
  public static String salesforceId(String prefix, long id) {
    return prefix + String.format(Locale.ROOT, "%015d", id);
  }
}
