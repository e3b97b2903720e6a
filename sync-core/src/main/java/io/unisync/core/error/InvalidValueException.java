package io.unisync.core.error;

/**
 * A value failed validation. {@link #field()} names the field; the message names the field and, where the
 * value belongs to a record, the record, but never repeats the offending value (it may be personal data).
 *
 * <p>The engine never lets this escape a sync run for a source record: it turns it into a rejection
 * value, quarantines the record with the message as its reason, and carries on.
 */
public final class InvalidValueException extends SyncException {

  private static final long serialVersionUID = 1L;

  /** The field that is wrong, e.g. {@code email}. */
  private final String field;

  /**
   * {@code field} is wrong: {@code problem} says how (never quoting a personal value).
   *
   * @param field the field's name
   * @param problem what is wrong with it
   */
  public InvalidValueException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** {@return the name of the field that failed} */
  public String field() {
    return field;
  }
}
