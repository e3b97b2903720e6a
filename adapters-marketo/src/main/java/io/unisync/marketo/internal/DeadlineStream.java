package io.unisync.marketo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A streamed response body whose every read is bounded: by an idle time (no byte for that long) and by a
 * deadline the reader sets and moves (for a bulk file: one page of rows). A server that trickles a body or
 * stops sending makes {@link #read} fail with an {@link HttpTimeoutException} instead of blocking for ever. It asks for one
 * chunk at a time, so at most one chunk of the body is held in memory. Closing it cancels the download.
 */
final class DeadlineStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Clock clock;
  private final Duration idle;
  private volatile Instant deadline;
  private volatile Flow.@org.jspecify.annotations.Nullable Subscription subscription;
  private Iterator<ByteBuffer> chunk = List.<ByteBuffer>of().iterator();
  private ByteBuffer current = ByteBuffer.allocate(0);
  private boolean ended;
  private boolean closed;

  DeadlineStream(Clock clock, Duration idle, Instant deadline) {
    this.clock = clock;
    this.idle = idle;
    this.deadline = deadline;
  }

  /** Moves the deadline (before each page). */
  void deadline(Instant value) {
    this.deadline = value;
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    queue.add(items);
  }

  @Override
  public void onError(Throwable failure) {
    queue.add(failure);
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!current.hasRemaining()) {
      if (chunk.hasNext()) {
        current = chunk.next();
        continue;
      }
      if (ended) {
        return -1;
      }
      if (closed) {
        throw new IOException("the download was closed");
      }
      next();
    }
    int n = Math.min(length, current.remaining());
    current.get(buffer, offset, n);
    return n;
  }

  @SuppressWarnings("unchecked")
  private void next() throws IOException {
    long left = Duration.between(clock.instant(), deadline).toMillis();
    if (left <= 0) {
      cancel();
      throw new HttpTimeoutException("the download's deadline passed");
    }
    Object item;
    try {
      item = queue.poll(Math.min(left, idle.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new IOException("interrupted while downloading", e);
    }
    if (item == null) {
      cancel();
      throw new HttpTimeoutException("no data arrived for " + Math.min(left, idle.toMillis()) + " ms");
    }
    if (item == END) {
      ended = true;
    } else if (item instanceof Throwable failure) {
      ended = true;
      throw failure instanceof IOException io ? io : new IOException(failure);
    } else {
      chunk = ((List<ByteBuffer>) item).iterator();
      Flow.Subscription s = subscription;
      if (s != null) {
        s.request(1);
      }
    }
  }

  private void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    closed = true;
  }

  @Override
  public void close() {
    if (!ended && !closed) {
      cancel();
    }
    closed = true;
  }
}
