package io.unisync.core.wire;

import org.jspecify.annotations.Nullable;

/**
 * Text that came from a server, made fit to go into a message or a quarantine reason: bounded in length and without
 * control characters (a hostile answer must not forge log lines or fill a log).
 */
public final class ServerText {

  /** The most characters of server text in a message. */
  public static final int MESSAGE_CHARS = 200;
  /** The most characters of a server's record kept with a quarantined record. */
  public static final int QUARANTINE_CHARS = 1_000;

  private ServerText() {}

  /**
   * At most {@link #MESSAGE_CHARS} characters, control characters (line breaks included) shown as {@code ?}.
   *
   * @param text the text, or {@code null}
   * @return the printable text
   */
  public static String printable(@Nullable String text) {
    if (text == null) {
      return "null";
    }
    String cut = text.length() > MESSAGE_CHARS ? text.substring(0, MESSAGE_CHARS) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /**
   * At most {@link #QUARANTINE_CHARS} characters: a raw record kept beside its quarantine reason.
   *
   * @param text the text
   * @return the abbreviated text
   */
  public static String abbreviate(String text) {
    return text.length() > QUARANTINE_CHARS ? text.substring(0, QUARANTINE_CHARS) + "..." : text;
  }
}
