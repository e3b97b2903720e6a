package io.unisync.marketo.internal;

import io.unisync.core.port.CallBudget;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * An open bulk export file ({@link MarketoHttp#download}): its reads are bounded by a deadline the reader moves;
 * closing it frees the concurrency slot it holds.
 */
public final class BulkDownload extends FilterInputStream {
  private final DeadlineStream body;
  private final CallBudget.CallPermit permit;

  BulkDownload(DeadlineStream body, CallBudget.CallPermit permit) {
    super(body);
    this.body = body;
    this.permit = permit;
  }

  /** Reads after {@code deadline} fail (with an {@link IOException}) instead of waiting. */
  public void deadline(Instant deadline) {
    body.deadline(deadline);
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      permit.close(); // once: later closes do nothing
    }
  }

  /** Reads and drops {@code bytes} bytes: a server that ignored a range request sent the file from its start. */
  static void skipFully(InputStream in, long bytes) throws IOException {
    long left = bytes;
    byte[] sink = new byte[8192];
    while (left > 0) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        throw new IOException("the file ended before byte " + bytes + " while skipping to the resume point");
      }
      left -= n;
    }
  }
}
