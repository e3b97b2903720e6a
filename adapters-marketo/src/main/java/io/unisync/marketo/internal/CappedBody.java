package io.unisync.marketo.internal;

import java.io.ByteArrayOutputStream;
import io.unisync.core.error.AdapterException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read whole, but never more than a cap: past it the subscription is cancelled and the body
 * completes with an {@link AdapterException} saying so (not retryable: the same question gets the same answer). Together with a deadline on the response future this bounds both the
 * memory and the time one answer can take, whatever the server sends.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

  private final long cap;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Flow.@org.jspecify.annotations.Nullable Subscription subscription;

  CappedBody(long cap) {
    this.cap = cap;
  }

  static HttpResponse.BodyHandler<byte[]> handler(long cap) {
    return info -> new CappedBody(cap);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      if (bytes.size() + (long) item.remaining() > cap) {
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
        bytes.reset();
        result.completeExceptionally(new AdapterException("the answer exceeded " + cap
            + " bytes and was discarded (MarketoLimits.maxResponseBytes)"));
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }
}
