package io.unisync.core.domain;

import io.unisync.core.error.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a source keeps each of the 11 standard fields and the sales owner: the source's field names. The
 * mapping itself is fixed (first name goes to first name); only the names the source uses can vary.
 *
 * @param names the source field name for each {@link PersonField}; all 11 are required
 * @param ownerField the source field holding the sales owner's id (eligibility)
 */
public record SourceFields(Map<PersonField, String> names, String ownerField) {

  /**
   * Checks the names: every field and the owner named, no name blank; lists every problem.
   *
   * @param names the source field name for each {@link PersonField}; all 11 are required
   * @param ownerField the source field holding the sales owner's id (eligibility)
   */
  public SourceFields {
    List<String> problems = new ArrayList<>();
    for (PersonField field : PersonField.values()) {
      String name = names.get(field);
      if (name == null || name.isBlank()) {
        problems.add("source field name for " + field.label() + " is missing");
      }
    }
    if (ownerField == null || ownerField.isBlank()) {
      problems.add("source field name for the sales owner is missing");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("SourceFields", problems);
    }
    names = Collections.unmodifiableMap(new EnumMap<>(names));
  }

  /**
   * Marketo's REST names (see the Marketo reference): {@code firstName}, {@code lastName},
   * {@code sfdcContactId}, {@code sfdcLeadId}, {@code id}, {@code company}, {@code title}, {@code email},
   * {@code phone}, {@code linkedInProfileURL}, {@code leadSource}; owner {@code sfdcLeadOwnerId}.
   *
   * @return the standard names
   */
  public static SourceFields standard() {
    Map<PersonField, String> names = new EnumMap<>(PersonField.class);
    names.put(PersonField.FIRST_NAME, "firstName");
    names.put(PersonField.LAST_NAME, "lastName");
    names.put(PersonField.SALESFORCE_CONTACT_ID, "sfdcContactId");
    names.put(PersonField.SALESFORCE_LEAD_ID, "sfdcLeadId");
    names.put(PersonField.MARKETO_ID, "id");
    names.put(PersonField.COMPANY, "company");
    names.put(PersonField.TITLE, "title");
    names.put(PersonField.EMAIL, "email");
    names.put(PersonField.PHONE, "phone");
    names.put(PersonField.LINKEDIN_URL, "linkedInProfileURL");
    names.put(PersonField.SOURCE, "leadSource");
    return new SourceFields(names, "sfdcLeadOwnerId");
  }

  /**
   * A copy with one field read from another source field name.
   *
   * @param field the field
   * @param sourceName the source field it is read from
   * @return the copy
   */
  public SourceFields withName(PersonField field, String sourceName) {
    Map<PersonField, String> copy = new EnumMap<>(names);
    copy.put(field, sourceName);
    return new SourceFields(copy, ownerField);
  }

  /**
   * A copy with the owner read from another source field name.
   *
   * @param sourceName the source field the owner is read from
   * @return the copy
   */
  public SourceFields withOwnerField(String sourceName) {
    return new SourceFields(names, sourceName);
  }

  /**
   * The source field name of one standard field.
   *
   * @param field the field
   * @return its source field name
   */
  public String nameOf(PersonField field) {
    return java.util.Objects.requireNonNull(names.get(field), field::name); // every field has a name (checked on construction)
  }

  /** {@return every source field the sync reads: the 11 mapped fields and the owner field} */
  public Set<String> allSourceNames() {
    Set<String> all = new LinkedHashSet<>(names.values());
    all.add(ownerField);
    return Collections.unmodifiableSet(all);
  }
}
