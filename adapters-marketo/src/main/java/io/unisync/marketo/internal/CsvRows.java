package io.unisync.marketo.internal;

import io.unisync.core.error.AdapterException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a bulk export's CSV (RFC 4180: comma separated, fields optionally in double quotes, {@code ""} for a
 * quote, line breaks allowed inside quotes) one record at a time, so that a broken record is reported as such
 * and the records after it are still read:
 *
 * <ul>
 *   <li>a field that is not valid UTF-8, a stray or unclosed quote, or a column count other than the
 *       header's makes a {@link Row} with a {@link Row#problem() problem} naming the field;
 *   <li>a quote left open would otherwise swallow the lines after it: a record over several lines that does
 *       not read whole, or one longer than {@code maxRecordBytes}, is cut at its first line break, that line
 *       reported broken, and reading goes on with the next line;
 *   <li>records are counted the same way every time for the same bytes, so a resumed reader can skip what
 *       was read before.
 * </ul>
 * Only the header must be whole: without it no row can be read, and the file fails.
 */
final class CsvRows implements AutoCloseable {

  /**
   * One record.
   *
   * @param number 1 for the first record after the header
   * @param values by header name; for a broken record, what could be read
   * @param problem null for a whole record, else what is wrong, naming the column
   * @param raw a broken record's text (invalid bytes replaced), for the quarantine; empty for a whole one
   */
  record Row(long number, java.util.Map<String, String> values, @Nullable String problem, String raw) {}

  private static final int NEWLINE = '\n';

  private final InputStream in;
  private final int maxRecordBytes;
  private final List<String> header;
  private byte[] buffer = new byte[64 * 1024];
  private int pos;
  private int limit;
  private long number;

  CsvRows(InputStream in, int maxRecordBytes) {
    this.in = in;
    this.maxRecordBytes = maxRecordBytes;
    byte[] first = nextRecord();
    if (first == null) {
      throw new AdapterException("the export file is empty: it has no header line");
    }
    Parsed parsed = parse(first, null);
    if (parsed.problem != null) {
      throw new AdapterException("the export file's header line cannot be read: " + parsed.problem);
    }
    List<String> fields = new java.util.ArrayList<>(parsed.fields);
    if (!fields.isEmpty() && fields.get(0) != null && fields.get(0).startsWith("\uFEFF")) {
      fields.set(0, fields.get(0).substring(1)); // a UTF-8 byte order mark before the first column's name
    }
    this.header = java.util.Collections.unmodifiableList(fields);
  }

  List<String> header() {
    return header;
  }

  /** The next record, or null at the end of the file. */
  @Nullable Row next() {
    byte[] record = nextRecord();
    if (record == null) {
      return null;
    }
    number++;
    Parsed parsed = parse(record, header);
    int newline = indexOf(record, (byte) NEWLINE);
    if (newline >= 0 && (parsed.problem != null || parsed.fields.size() != header.size())) {
      // A record over several lines that does not read whole is a quote gone wrong, not a field with line
      // breaks: its first line is the broken record, and the lines after it are read again on their own.
      byte[] rest = Arrays.copyOfRange(record, newline + 1, record.length + (endedAtLineBreak ? 1 : 0));
      if (endedAtLineBreak) {
        rest[rest.length - 1] = NEWLINE; // the line break that ended the record ends its last line
      }
      unread(rest);
      record = stripCr(Arrays.copyOfRange(record, 0, newline));
      parsed = parse(record, header);
      overlong = true;
    }
    java.util.Map<String, String> values = new java.util.HashMap<>();
    for (int i = 0; i < Math.min(parsed.fields.size(), header.size()); i++) {
      String value = parsed.fields.get(i);
      if (value != null) {
        values.put(header.get(i), value);
      }
    }
    String problem = parsed.problem;
    if (problem == null && parsed.fields.size() != header.size()) {
      problem = "has " + parsed.fields.size() + " columns, the header has " + header.size();
    }
    if (problem == null && overlong) {
      problem = "an unclosed quote or a line longer than " + maxRecordBytes + " bytes; the line was read on its own";
    }
    overlong = false;
    // the text is kept only for a broken record, for the quarantine
    return new Row(number, values, problem, problem == null ? "" : new String(record, StandardCharsets.UTF_8));
  }

  private boolean overlong;
  /** Whether the record {@link #nextRecord()} returned last ended at a line break (consumed) rather than the file's end. */
  private boolean endedAtLineBreak;

  /** The bytes of the next record, without its line break; null at the end. */
  private byte @Nullable [] nextRecord() {
    ByteArrayOutputStream record = new ByteArrayOutputStream(256);
    boolean quoted = false;
    endedAtLineBreak = false;
    while (true) {
      int b = nextByte();
      if (b < 0) {
        if (record.size() == 0) {
          return null;
        }
        if (quoted) {
          return cutAtFirstLine(record.toByteArray());
        }
        return stripCr(record.toByteArray());
      }
      if (b == '"') {
        quoted = !quoted;
      } else if (b == NEWLINE && !quoted) {
        endedAtLineBreak = true;
        return stripCr(record.toByteArray());
      }
      record.write(b);
      if (record.size() > maxRecordBytes) {
        return cutAtFirstLine(record.toByteArray());
      }
    }
  }

  /** A record that never closed its quote: its first line is the record, the rest is read again. */
  private byte[] cutAtFirstLine(byte[] record) {
    overlong = true;
    int newline = -1;
    for (int i = 0; i < record.length; i++) {
      if (record[i] == NEWLINE) {
        newline = i;
        break;
      }
    }
    if (newline < 0) {
      skipLine(); // one line longer than the limit: drop the rest of it
      return stripCr(record);
    }
    unread(Arrays.copyOfRange(record, newline + 1, record.length));
    return stripCr(Arrays.copyOfRange(record, 0, newline));
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private void skipLine() {
    int b;
    do {
      b = nextByte();
    } while (b >= 0 && b != NEWLINE);
  }

  private void unread(byte[] bytes) {
    byte[] joined = new byte[bytes.length + (limit - pos)];
    System.arraycopy(bytes, 0, joined, 0, bytes.length);
    System.arraycopy(buffer, pos, joined, bytes.length, limit - pos);
    buffer = joined.length >= 64 * 1024 ? joined : Arrays.copyOf(joined, 64 * 1024);
    pos = 0;
    limit = joined.length;
  }

  private int nextByte() {
    if (pos == limit) {
      try {
        if (buffer.length > 64 * 1024) {
          buffer = new byte[64 * 1024];
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
          return -1;
        }
        pos = 0;
        limit = n;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return buffer[pos++] & 0xff;
  }

  private static byte[] stripCr(byte[] record) {
    return record.length > 0 && record[record.length - 1] == '\r' ? Arrays.copyOf(record, record.length - 1) : record;
  }

  private static final class Parsed {
    final List<String> fields = new ArrayList<>();
    @Nullable String problem;
  }

  /** Splits a record into fields; the first problem found is kept, naming the column. */
  private static Parsed parse(byte[] record, @Nullable List<String> header) {
    Parsed parsed = new Parsed();
    int i = 0;
    int column = 0;
    while (true) {
      ByteArrayOutputStream field = new ByteArrayOutputStream();
      String problem = null;
      if (i < record.length && record[i] == '"') {
        i++;
        boolean closed = false;
        while (i < record.length) {
          if (record[i] == '"') {
            if (i + 1 < record.length && record[i + 1] == '"') {
              field.write('"');
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          field.write(record[i++]);
        }
        if (!closed) {
          problem = "an unclosed quote";
        } else if (i < record.length && record[i] != ',') {
          problem = "text after a closing quote";
          while (i < record.length && record[i] != ',') {
            i++;
          }
        }
      } else {
        while (i < record.length && record[i] != ',') {
          if (record[i] == '"') {
            problem = "a stray quote";
          }
          field.write(record[i++]);
        }
      }
      String name = header != null && column < header.size() ? header.get(column) : "column " + (column + 1);
      String text = decode(field.toByteArray());
      if (text == null) {
        problem = problem == null ? "invalid UTF-8" : problem;
      }
      if (problem != null && parsed.problem == null) {
        parsed.problem = "field '" + name + "' has " + problem;
      }
      parsed.fields.add(text);
      column++;
      if (i >= record.length) {
        return parsed;
      }
      i++; // the comma
      if (i == record.length) {
        parsed.fields.add("");
        return parsed;
      }
    }
  }

  /** One strict decoder per thread: a reader decodes every field of every row. */
  private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT));

  private static @Nullable String decode(byte[] bytes) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.US_ASCII); // the common case: no decoder needed
    }
    try {
      return UTF8.get().reset().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
