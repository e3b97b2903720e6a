package io.unisync.core.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A person as the Actions store holds them: exactly the 11 fields of the standard mapping. The Marketo id
 * is the identity; every other field may be absent.
 *
 * <p>The compact constructor validates and normalises every field ({@link PersonField#normalise}) and
 * throws {@link io.unisync.core.error.InvalidValueException} naming the field that is wrong.
 * {@link #toString()} shows only the id, so a person can never leak personal data into a log line.
 */
public record Person(
    PersonId id,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String salesforceContactId,
    @Nullable String salesforceLeadId,
    @Nullable String company,
    @Nullable String title,
    @Nullable String email,
    @Nullable String phone,
    @Nullable String linkedinUrl,
    @Nullable String source) {

  /**
   * Normalises every field by its rule ({@link PersonField#normalise}); an error names the field.
   *
   * @param id the Marketo id, the identity
   * @param firstName the first name
   * @param lastName the last name
   * @param salesforceContactId the Salesforce contact id
   * @param salesforceLeadId the Salesforce lead id
   * @param company the company
   * @param title the job title
   * @param email the e-mail address (several people may share one)
   * @param phone the phone number
   * @param linkedinUrl the LinkedIn profile URL
   * @param source the lead source
   */
  public Person {
    firstName = PersonField.FIRST_NAME.normalise(firstName);
    lastName = PersonField.LAST_NAME.normalise(lastName);
    salesforceContactId = PersonField.SALESFORCE_CONTACT_ID.normalise(salesforceContactId);
    salesforceLeadId = PersonField.SALESFORCE_LEAD_ID.normalise(salesforceLeadId);
    company = PersonField.COMPANY.normalise(company);
    title = PersonField.TITLE.normalise(title);
    email = PersonField.EMAIL.normalise(email);
    phone = PersonField.PHONE.normalise(phone);
    linkedinUrl = PersonField.LINKEDIN_URL.normalise(linkedinUrl);
    source = PersonField.SOURCE.normalise(source);
  }

  /**
   * Builds a person from field values keyed by {@link PersonField}. {@link PersonField#MARKETO_ID} in
   * {@code values} is ignored: the id argument is the identity.
   *
   * @param id the person's Marketo id
   * @param values the other fields' values; absent fields are empty
   * @return the person
   */
  public static Person of(PersonId id, Map<PersonField, String> values) {
    Map<PersonField, String> v = values.isEmpty() ? Map.of() : new EnumMap<>(values);
    return new Person(
        id,
        v.get(PersonField.FIRST_NAME),
        v.get(PersonField.LAST_NAME),
        v.get(PersonField.SALESFORCE_CONTACT_ID),
        v.get(PersonField.SALESFORCE_LEAD_ID),
        v.get(PersonField.COMPANY),
        v.get(PersonField.TITLE),
        v.get(PersonField.EMAIL),
        v.get(PersonField.PHONE),
        v.get(PersonField.LINKEDIN_URL),
        v.get(PersonField.SOURCE));
  }

  /**
   * The value of one field, the Marketo id included (as its decimal string).
   *
   * @param field the field
   * @return its value, empty when the person has none
   */
  public Optional<String> value(PersonField field) {
    return Optional.ofNullable(rawValue(field));
  }

  private @Nullable String rawValue(PersonField field) {
    switch (field) {
      case FIRST_NAME: return firstName;
      case LAST_NAME: return lastName;
      case SALESFORCE_CONTACT_ID: return salesforceContactId;
      case SALESFORCE_LEAD_ID: return salesforceLeadId;
      case MARKETO_ID: return Long.toString(id.value());
      case COMPANY: return company;
      case TITLE: return title;
      case EMAIL: return email;
      case PHONE: return phone;
      case LINKEDIN_URL: return linkedinUrl;
      case SOURCE: return source;
      default: throw new IllegalArgumentException("unknown field " + field);
    }
  }

  /** {@return all present values keyed by field, in {@link PersonField} order} */
  public Map<PersonField, String> values() {
    Map<PersonField, String> values = new EnumMap<>(PersonField.class);
    for (PersonField field : PersonField.values()) {
      String value = rawValue(field);
      if (value != null) {
        values.put(field, value);
      }
    }
    return Collections.unmodifiableMap(values);
  }

  /**
   * A copy with one field replaced (or cleared with {@code null}); the id cannot be replaced.
   *
   * @param field the field to replace
   * @param value its new value, {@code null} to clear it
   * @return the copy
   */
  public Person with(PersonField field, @Nullable String value) {
    if (field == PersonField.MARKETO_ID) {
      throw new IllegalArgumentException("a person's Marketo id is its identity and cannot be replaced");
    }
    Map<PersonField, String> values = new EnumMap<>(PersonField.class);
    values.putAll(values());
    if (value == null) {
      values.remove(field);
    } else {
      values.put(field, value);
    }
    return of(id, values);
  }

  /** {@return the digest of the 11 fields; equal for equal people} */
  public Fingerprint fingerprint() {
    List<@Nullable String> values = new ArrayList<>(PersonField.values().length);
    for (PersonField field : PersonField.values()) {
      values.add(rawValue(field));
    }
    return Fingerprint.of(values);
  }

  /** Shows the id only: the other fields are personal data. */
  @Override
  public String toString() {
    return "Person[id=" + id + ", fields=" + Arrays.toString(values().keySet().stream().map(PersonField::label).toArray()) + "]";
  }
}
