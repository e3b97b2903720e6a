package io.unisync.core.wire;

import io.unisync.core.error.AdapterException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A response body read whole, but never more than a cap: past it the subscription is cancelled, what was read is
 * dropped and {@link #failure()} completes with an {@link AdapterException} naming the cap and the setting that holds
 * it (not retryable: the same question gets the same answer). It counts the bytes it has seen so {@link Exchange#await}
 * can tell a body that still moves from one that stalled.
 *
 * <p>An adapter gives it to the JDK client with {@code HttpResponse.BodySubscribers.fromSubscriber(body,
 * BoundedBody::bytes)} and waits with {@link Exchange#await}, which also watches {@link #failure()}. One body per
 * request; the client calls it from one thread at a time.
 */
public final class BoundedBody implements Flow.Subscriber<List<ByteBuffer>> {

  private final long cap;
  private final String setting;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<Void> failure = new CompletableFuture<>();
  private final AtomicLong seen = new AtomicLong();
  private Flow.@Nullable Subscription subscription;

  /**
   * @param cap the most bytes kept
   * @param setting where the cap is set, for the message ("MarketoLimits.maxResponseBytes")
   */
  public BoundedBody(long cap, String setting) {
    if (cap <= 0) {
      throw new IllegalArgumentException("cap must be positive, was " + cap);
    }
    this.cap = cap;
    this.setting = setting;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (failure.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      seen.addAndGet(item.remaining());
      if (bytes.size() + (long) item.remaining() > cap) {
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
        bytes.reset();
        failure.completeExceptionally(new AdapterException("the answer exceeded " + cap + " bytes and was discarded (" + setting + ")"));
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable error) {
    // the client completes the response future with the same error; nothing is kept here
  }

  @Override
  public void onComplete() {
    // the client's finisher calls bytes()
  }

  /** {@return the whole body; called by the client once it is complete} */
  public byte[] bytes() {
    return bytes.toByteArray();
  }

  /**
   * Completes exceptionally when the body went past its cap; never completes normally.
   *
   * @return the future
   */
  public CompletableFuture<Void> failure() {
    return failure;
  }

  /** {@return bytes seen so far, those past the cap included} */
  public long seen() {
    return seen.get();
  }
}
