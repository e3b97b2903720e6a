package io.unisync.core.port;

import io.unisync.core.error.InvalidValueException;

/** The rule both position types share: stores must be able to keep them as plain text. */
final class PositionText {

  static final int MAX_LENGTH = 4000;

  private PositionText() {}

  static void check(String what, String value) {
    if (value.isBlank()) {
      throw new InvalidValueException(what, "must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidValueException(what, "is longer than " + MAX_LENGTH + " characters");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || Character.isSurrogate((char) c))) {
      throw new InvalidValueException(what, "must not contain control characters or surrogates");
    }
  }
}
