package io.unisync.marketo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The file's bytes; when the connection breaks, it asks again from the next byte with a {@code Range}
 * request. Every read is bounded by the deadline the reader sets (one page of rows): past it the read fails
 * instead of resuming, so a server that trickles the file cannot hold the sync.
 */
final class ResumingStream extends InputStream {
  private final MarketoHttp http;
  private final Clock clock;
  private final String path;
  private @Nullable BulkDownload current;
  private Instant deadline;
  private long position;
  private int resumes;

  ResumingStream(MarketoHttp http, Clock clock, String path) {
    this.http = http;
    this.clock = clock;
    this.path = path;
    this.deadline = clock.instant().plus(http.settings().requestTimeout());
  }

  void deadline(Instant value) {
    deadline = value;
    if (current != null) {
      current.deadline(value);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    while (true) {
      if (current == null) {
        current = http.download(path, position, deadline);
      }
      try {
        int n = current.read(buffer, offset, length);
        if (n > 0) {
          position += n;
          resumes = 0;
        }
        return n;
      } catch (IOException e) {
        current.close();
        current = null;
        if (!clock.instant().isBefore(deadline) || ++resumes >= http.settings().retry().attempts(io.unisync.core.retry.CallClass.BACKGROUND)) {
          throw e;
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
