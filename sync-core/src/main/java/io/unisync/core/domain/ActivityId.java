package io.unisync.core.domain;

import io.unisync.core.error.InvalidValueException;

/**
 * The idempotency key of an activity: recording or delivering the same id twice has the effect of once.
 * Hosts choose it (their own event id, or a random UUID kept with the event).
 *
 * @param value 1 to 100 characters from {@code [A-Za-z0-9._:-]}
 */
public record ActivityId(String value) {

  /**
   * Checks the id: 1 to 100 characters from A-Z, a-z, 0-9, '.', '_', ':' and '-'.
   *
   * @param value 1 to 100 characters from {@code [A-Za-z0-9._:-]}
   */
  public ActivityId {
    if (value == null || value.isEmpty() || value.length() > 100
        || !value.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            || c == '.' || c == '_' || c == ':' || c == '-')) {
      throw new InvalidValueException("activityId", "must be 1 to 100 characters from A-Z, a-z, 0-9, '.', '_', ':' and '-'");
    }
  }

  /**
   * The id {@code value}.
   *
   * @param value the id
   * @return the id
   */
  public static ActivityId of(String value) {
    return new ActivityId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
