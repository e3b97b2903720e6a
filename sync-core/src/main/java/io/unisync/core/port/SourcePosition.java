package io.unisync.core.port;

/**
 * A position in a source's change feed, opaque to everyone but the source that made it. Stores persist
 * it as text; it must survive a restart.
 *
 * @param value the source's encoding of the position; non-blank, at most 4000 characters
 */
public record SourcePosition(String value) {

  /**
   * Checks the text: not blank, bounded, printable.
   *
   * @param value the source's encoding of the position; non-blank, at most 4000 characters
   */
  public SourcePosition {
    PositionText.check("source position", value);
  }
}
