package io.unisync.jdbc.internal;

/**
 * Makes arbitrary text storable in PostgreSQL and H2 alike: NUL (which PostgreSQL refuses) and unpaired
 * surrogates become U+FFFD, and over-long text is cut at a code-point boundary with a marker. Used for
 * the quarantine, whose content is by definition text that failed validation.
 */
final class StorableText {

  static final char REPLACEMENT = '\uFFFD';

  private StorableText() {}

  static String of(String text, int maxChars) {
    StringBuilder out = null;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean bad;
      if (Character.isHighSurrogate(c)) {
        bad = i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1));
        if (!bad) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        bad = c == '\u0000' || Character.isLowSurrogate(c);
      }
      if (bad && out == null) {
        out = new StringBuilder(length).append(text, 0, i);
      }
      if (out != null) {
        out.append(bad ? REPLACEMENT : c);
      }
    }
    String clean = out == null ? text : out.toString();
    if (clean.length() <= maxChars) {
      return clean;
    }
    String marker = "…[truncated " + clean.length() + " chars]";
    int cut = maxChars - marker.length();
    if (cut > 0 && Character.isLowSurrogate(clean.charAt(cut))) {
      cut--;
    }
    return clean.substring(0, Math.max(0, cut)) + marker;
  }
}
