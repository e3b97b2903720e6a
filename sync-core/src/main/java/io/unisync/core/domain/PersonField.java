package io.unisync.core.domain;

import io.unisync.core.error.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The 11 fields of the standard mapping, with the rule each value must satisfy.
 *
 * <p>Every text value is trimmed; blank becomes absent. Control characters (NUL included) and unpaired
 * UTF-16 surrogates are refused everywhere, so a value that passes here can be stored by any database
 * without surprises. Lengths count Unicode code points.
 */
public enum PersonField {
  /** {@code firstName}, at most 255 characters. */
  FIRST_NAME("firstName", 255),
  /** {@code lastName}, at most 255 characters. */
  LAST_NAME("lastName", 255),
  /** {@code salesforceContactId}, at most 18 characters. */
  SALESFORCE_CONTACT_ID("salesforceContactId", 18),
  /** {@code salesforceLeadId}, at most 18 characters. */
  SALESFORCE_LEAD_ID("salesforceLeadId", 18),
  /** {@code marketoId}, at most 19 characters. */
  MARKETO_ID("marketoId", 19),
  /** {@code company}, at most 255 characters. */
  COMPANY("company", 255),
  /** {@code title}, at most 255 characters. */
  TITLE("title", 255),
  /** {@code email}, at most 254 characters. */
  EMAIL("email", 254),
  /** {@code phone}, at most 64 characters. */
  PHONE("phone", 64),
  /** {@code linkedinUrl}, at most 2048 characters. */
  LINKEDIN_URL("linkedinUrl", 2048),
  /** {@code source}, at most 255 characters. */
  SOURCE("source", 255);

  private final String label;
  private final int maxLength;

  PersonField(String label, int maxLength) {
    this.label = label;
    this.maxLength = maxLength;
  }

  /** {@return the field's name in Unisync's own vocabulary, used in messages and column names} */
  public String label() {
    return label;
  }

  /** {@return longest accepted value, in Unicode code points} */
  public int maxLength() {
    return maxLength;
  }

  /**
   * Validates and normalises one value of this field.
   *
   * @return the normalised value, or {@code null} when the input is absent or blank
   * @throws InvalidValueException naming this field when the value breaks the field's rule
   * @param raw the value as the source gave it
   */
  public @Nullable String normalise(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String value = raw.strip();
    if (value.isEmpty()) {
      return null;
    }
    checkCharacters(value);
    int length = value.codePointCount(0, value.length());
    if (length > maxLength) {
      throw invalid("is " + length + " characters long; at most " + maxLength + " are allowed");
    }
    switch (this) {
      case MARKETO_ID:
        checkMarketoId(value);
        return value;
      case SALESFORCE_CONTACT_ID:
      case SALESFORCE_LEAD_ID:
        checkSalesforceId(value);
        return value;
      case EMAIL:
        checkEmail(value);
        return value.toLowerCase(Locale.ROOT);
      case LINKEDIN_URL:
        checkUrl(value);
        return value;
      default:
        return value;
    }
  }

  /**
   * Applies this field's rule to a value that belongs to another field (an activity attribute, say), so
   * the error names {@code label}.
   *
   * @param label the name the error gives
   * @param raw the value as the source gave it
   * @return the normalised value, or {@code null} when the input is absent or blank
   */
  public @Nullable String normaliseAs(String label, @Nullable String raw) {
    try {
      return normalise(raw);
    } catch (InvalidValueException e) {
      throw new InvalidValueException(label, java.util.Objects.requireNonNullElse(e.getMessage(), "").substring(this.label.length() + 2));
    }
  }

  private void checkCharacters(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\u0000') {
        throw invalid("contains a NUL character");
      }
      if (Character.isISOControl(c)) {
        throw invalid("contains the control character U+" + hex(c));
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        throw invalid("contains an unpaired UTF-16 surrogate U+" + hex(c));
      }
      if (Character.isLowSurrogate(c)) {
        throw invalid("contains an unpaired UTF-16 surrogate U+" + hex(c));
      }
    }
  }

  private void checkMarketoId(String value) {
    long id;
    try {
      id = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalid("is not a whole number");
    }
    if (id <= 0) {
      throw invalid("must be a positive number");
    }
  }

  private void checkSalesforceId(String value) {
    if (value.length() != 15 && value.length() != 18) {
      throw invalid("must be a 15 or 18 character Salesforce id");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
        throw invalid("must contain only letters and digits");
      }
    }
  }

  private void checkEmail(String value) {
    int at = value.indexOf('@');
    if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
      throw invalid("is not an e-mail address (expected exactly one '@' between a local part and a domain)");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isWhitespace(value.charAt(i))) {
        throw invalid("is not an e-mail address (contains white space)");
      }
    }
    if (value.indexOf('.', at) < 0) {
      throw invalid("is not an e-mail address (the domain has no dot)");
    }
  }

  private void checkUrl(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
      throw invalid("must be an http or https URL");
    }
    try {
      URI uri = new URI(value);
      if (uri.getHost() == null) {
        throw invalid("must be an absolute URL with a host");
      }
    } catch (URISyntaxException e) {
      throw invalid("is not a valid URL");
    }
  }

  private InvalidValueException invalid(String problem) {
    return new InvalidValueException(label, problem);
  }

  private static String hex(char c) {
    return String.format(Locale.ROOT, "%04X", (int) c);
  }
}
