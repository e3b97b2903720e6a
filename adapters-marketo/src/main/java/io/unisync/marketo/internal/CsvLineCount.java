package io.unisync.marketo.internal;

/**
 * Counts the records of a CSV file as its bytes go by, from below: line breaks outside quotes that end a line with
 * something on it, the header's excluded. {@link CsvRows} reads at least as many rows (it splits a broken quote into
 * lines), so a count above the job's tells before any row is applied that the file is not the one the job describes.
 */
final class CsvLineCount {
  private long lines;
  private boolean quoted;
  private boolean content;

  void add(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b == '"') {
        quoted = !quoted;
        content = true;
      } else if (b == '\n' && !quoted) {
        if (content) {
          lines++;
        }
        content = false;
      } else if (b != '\r') {
        content = true;
      }
    }
  }

  /** Rows after the header, at least. */
  long rowsAtLeast() {
    return Math.max(0, lines + (content && !quoted ? 1 : 0) - 1);
  }
}
