package io.unisync.core.domain;

import io.unisync.core.error.InvalidValueException;

/**
 * A person's identity: the Marketo lead id. Never the e-mail address: two Marketo records that share an
 * address are two people with two ids.
 *
 * @param value the Marketo id, a positive number
 */
public record PersonId(long value) implements Comparable<PersonId> {

  /**
   * Checks the id: a positive number.
   *
   * @param value the Marketo id, a positive number
   */
  public PersonId {
    if (value <= 0) {
      throw new InvalidValueException(PersonField.MARKETO_ID.label(), "must be a positive number");
    }
  }

  /**
   * Parses a Marketo id as sources hand it over (a decimal string).
   *
   * @param marketoId the decimal id
   * @return the person's id
   */
  public static PersonId of(String marketoId) {
    String normalised = PersonField.MARKETO_ID.normalise(marketoId);
    if (normalised == null) {
      throw new InvalidValueException(PersonField.MARKETO_ID.label(), "is missing");
    }
    return new PersonId(Long.parseLong(normalised));
  }

  /**
   * The person with Marketo id {@code marketoId}.
   *
   * @param marketoId the id
   * @return the person's id
   */
  public static PersonId of(long marketoId) {
    return new PersonId(marketoId);
  }

  @Override
  public int compareTo(PersonId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
