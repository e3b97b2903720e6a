package io.unisync.marketo.internal;

import io.unisync.core.error.AdapterException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.wire.ServerText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One export's file, downloaded whole into a temporary file, checked against its job (size, row count, SHA-256), and
 * open for reading its rows in order. Rows are counted as they are taken: all of them, and those that read well. The
 * temporary file is deleted on {@link #close()} (on POSIX at once, see {@code Spooled}). Not thread-safe.
 */
final class ExportFile implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExportFile.class);
  /** A record longer than this is taken for an unclosed quote (13 fields of 255 characters fit many times). */
  private static final int MAX_RECORD_BYTES = 64 * 1024;

  private final String exportId;
  private final long expected;
  private final Path file;
  private final CsvRows rowsIterator;
  private CsvRows.@Nullable Row next;
  private long rows;
  private long readable;

  private ExportFile(String exportId, long expected, Path file, CsvRows rowsIterator) {
    this.exportId = exportId;
    this.expected = expected;
    this.file = file;
    this.rowsIterator = rowsIterator;
  }

  /** The export's reference (its job id, perhaps prefixed {@code ids:}). */
  String exportId() {
    return exportId;
  }

  /** The rows its job counted. */
  long expected() {
    return expected;
  }

  /** Rows taken so far (those skipped on a resume included). */
  long rows() {
    return rows;
  }

  /** Rows taken so far that read well. */
  long readable() {
    return readable;
  }

  /** Whether another row follows; reads it ahead. */
  boolean hasNext() {
    if (next == null) {
      next = rowsIterator.next();
    }
    return next != null;
  }

  /** The next row, counted; call after {@link #hasNext()} said true. */
  CsvRows.Row take() {
    CsvRows.Row row = java.util.Objects.requireNonNull(next, "take() after hasNext()");
    next = null;
    rows++;
    if (row.problem() == null) {
      readable++;
    }
    return row;
  }

  /** Closes the rows and deletes the local copy. */
  @Override
  public void close() {
    try {
      rowsIterator.close();
    } catch (IOException | RuntimeException ignored) {
      // the local copy is abandoned either way
    }
    deleteQuietly(file);
  }

  /**
   * Downloads export {@code exportId}'s file (see {@link #spool}), opens it and skips the {@code skipRows} rows a
   * previous process already applied.
   *
   * @throws UnusableExportFile when the file cannot be this export's (too big, too many rows): export the window again
   */
  static ExportFile open(MarketoHttp http, Clock clock, String exportId, long expected, long announcedBytes, String checksum, long skipRows) {
    Spooled spooled = spool(http, clock, exportId, announcedBytes, expected, checksum);
    Path file = spooled.file();
    InputStream in = null;
    try {
      in = new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(spooled.channel()), 1 << 16);
      CsvRows rows = new CsvRows(in, MAX_RECORD_BYTES);
      if (!rows.header().contains("id")) {
        throw new AdapterException("Marketo export " + exportId + ": its header has no id column (" + rows.header().size()
            + " columns, the first '" + ServerText.printable(rows.header().isEmpty() ? "" : rows.header().get(0))
            + "'); no row of it can be read, nothing of its window was applied");
      }
      ExportFile opened = new ExportFile(exportId, expected, file, rows);
      while (opened.rows < skipRows && opened.hasNext()) { // what a previous process already applied
        opened.take();
      }
      return opened;
    } catch (java.io.UncheckedIOException e) {
      closeQuietly(in);
      spooled.discard();
      throw new RetryableAdapterException("reading Marketo export " + exportId + " from its local copy failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(in);
      spooled.discard();
      throw e;
    }
  }

  /**
   * A downloaded export file, open for reading from its start. It is opened with {@code DELETE_ON_CLOSE}, which on
   * POSIX systems unlinks it at once: the open channel still reads it, and the disk space comes back when the channel
   * closes or the process dies, even by {@code kill -9}, so crashed processes leave no files behind. Elsewhere it is
   * deleted when the channel closes.
   */
  private record Spooled(Path file, java.nio.channels.FileChannel channel) {
    void discard() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // deleted below either way
      }
      deleteQuietly(file);
    }
  }

  /**
   * Downloads the export's file whole into a temporary file within {@link io.unisync.marketo.MarketoLimits#exportDownloadDeadline()},
   * computing its SHA-256 on the way, and returns it once the digest matches {@code checksum} ({@code sha256:<hex>}); a
   * mismatch downloads it once more, a second one fails. A job without a SHA-256 checksum is taken as it comes (logged).
   */
  private static Spooled spool(MarketoHttp http, Clock clock, String exportId, long announcedBytes, long expectedRows, String checksum) {
    // a file may differ a little from the size its job announced (line ends, a trailing newline); never by more than this
    long mostBytes = announcedBytes < 0 ? Long.MAX_VALUE : announcedBytes + Math.max(64 * 1024, announcedBytes / 100);
    boolean verify = checksum.regionMatches(true, 0, "sha256:", 0, 7);
    if (!verify) {
      LOG.warn("Marketo export {} has no SHA-256 fileChecksum ('{}'); its file is used unverified", exportId, ServerText.printable(checksum));
    }
    for (int attempt = 1; ; attempt++) {
      Spooled spooled;
      try {
        Path created = Files.createTempFile("unisync-export-", ".csv");
        try {
          spooled = new Spooled(created, java.nio.channels.FileChannel.open(created, java.nio.file.StandardOpenOption.READ,
              java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.DELETE_ON_CLOSE));
        } catch (IOException | RuntimeException e) {
          deleteQuietly(created);
          throw e;
        }
      } catch (IOException e) {
        throw new AdapterException("no temporary file for Marketo export " + exportId + ": " + e.getMessage(), e);
      }
      Path file = spooled.file();
      String actual;
      try (ResumingStream in = new ResumingStream(http, clock, "/bulk/v1/leads/export/" + BulkCursor.jobId(exportId) + "/file.json")) {
        // not closed here: closing would close the channel, and with it the file
        java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(spooled.channel()), 1 << 16);
        in.deadline(clock.instant().plus(http.settings().limits().exportDownloadDeadline()));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        long bytes = 0;
        CsvLineCount lines = new CsvLineCount();
        for (int n = in.read(buffer, 0, buffer.length); n >= 0; n = in.read(buffer, 0, buffer.length)) {
          bytes += n;
          if (bytes > mostBytes) {
            throw new UnusableExportFile("Marketo export " + exportId + ": its file went past the " + announcedBytes
                + " bytes its job announced (stopped at " + bytes + "); nothing of its window was applied");
          }
          lines.add(buffer, n);
          sha.update(buffer, 0, n);
          out.write(buffer, 0, n);
        }
        if (lines.rowsAtLeast() > expectedRows) {
          throw new UnusableExportFile("Marketo export " + exportId + ": its file holds at least " + lines.rowsAtLeast()
              + " rows, its job counted " + expectedRows + "; nothing of its window was applied");
        }
        out.flush();
        spooled.channel().position(0);
        actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
      } catch (IOException | java.io.UncheckedIOException e) {
        spooled.discard();
        throw new RetryableAdapterException("downloading Marketo export " + exportId + " failed: " + e.getMessage(), e);
      } catch (NoSuchAlgorithmException e) {
        spooled.discard();
        throw new IllegalStateException("this JVM has no SHA-256", e);
      } catch (RuntimeException e) {
        spooled.discard();
        throw e;
      }
      if (!verify || checksum.equalsIgnoreCase(actual)) {
        return spooled;
      }
      spooled.discard();
      if (attempt >= 2) {
        throw new AdapterException("Marketo export " + exportId + ": the downloaded file does not match the job's fileChecksum, "
            + "twice (expected " + ServerText.printable(checksum) + ", got " + actual + "); nothing of its window was applied");
      }
      LOG.warn("Marketo export {}: the downloaded file does not match its fileChecksum; downloading it again", exportId);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete the temporary export file {} ({})", file, e.getMessage());
    }
  }

  private static void closeQuietly(@Nullable InputStream stream) {
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (IOException ignored) {
      // abandoned either way
    }
  }
}
