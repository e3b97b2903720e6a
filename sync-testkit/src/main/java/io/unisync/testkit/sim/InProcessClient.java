package io.unisync.testkit.sim;

import io.unisync.testkit.sim.HostileServer.Reply;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * An {@link HttpClient} that hands each request to a {@link HostileServer}'s scripts in the same JVM, without a socket:
 * for generated suites of thousands of answers where what is tested is the client's reading, not the network. Every
 * reply kind behaves as it does over a socket, as far as a client can tell: bytes arrive only as the body subscriber
 * asks for them (an endless answer runs until the client cancels), a truncated one ends in an {@link IOException}, a
 * dropped connection fails the exchange, a hung one never answers, a trickle waits between its chunks. The body
 * subscribers the client uses are the JDK's own, so a cap, a deadline or a stall is met exactly as on the wire.
 */
final class InProcessClient extends HttpClient {

  private final HostileServer server;
  private final ExecutorService exchanges = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "in-process-exchange");
    t.setDaemon(true);
    return t;
  });

  InProcessClient(HostileServer server) {
    this.server = server;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
    try {
      return sendAsync(request, handler).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
    exchanges.execute(() -> {
      try {
        exchange(request, handler, result);
      } catch (IOException e) {
        result.completeExceptionally(e);
      } catch (RuntimeException e) {
        result.completeExceptionally(new IOException(e));
      } catch (Error e) {
        result.completeExceptionally(e); // as it is: the client's caller must see an Error, never a network failure
        throw e;
      }
    });
    return result;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
      HttpResponse.@Nullable PushPromiseHandler<T> pushPromiseHandler) {
    return sendAsync(request, handler);
  }

  private <T> void exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, CompletableFuture<HttpResponse<T>> result)
      throws IOException {
    Map<String, String> headers = new HashMap<>();
    request.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    URI uri = request.uri();
    HostileServer.Request seen = new HostileServer.Request(request.method(), uri.getPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(),
        body(request), Map.copyOf(headers));
    Reply reply = server.reply(seen);
    if (reply instanceof HostileServer.Drop) {
      result.completeExceptionally(new IOException("the connection closed without an answer"));
    } else if (reply instanceof HostileServer.Hang) {
      return; // never answers; the client's deadline ends the wait (and cancels)
    } else if (reply instanceof HostileServer.Bytes bytes) {
      Map<String, List<String>> answerHeaders = new HashMap<>();
      answerHeaders.put("Content-Type", List.of(bytes.contentType()));
      bytes.headers().forEach((k, v) -> answerHeaders.put(k, List.of(v)));
      answerHeaders.put("Content-Length", List.of(Integer.toString(bytes.body().length)));
      respond(request, handler, result, bytes.status(), answerHeaders, new Chunks(List.of(bytes.body()), false, Duration.ZERO, null));
    } else if (reply instanceof HostileServer.Truncated truncated) {
      byte[] cut = java.util.Arrays.copyOf(truncated.body(), truncated.cutAt());
      respond(request, handler, result, 200, Map.of("Content-Type", List.of("text/csv"),
          "Content-Length", List.of(Integer.toString(truncated.body().length))), new Chunks(List.of(cut), false, Duration.ZERO,
          new IOException("the connection closed before the body's end")));
    } else if (reply instanceof HostileServer.Trickle trickle) {
      List<byte[]> chunks = new ArrayList<>();
      for (int at = 0; at < trickle.body().length; at += trickle.chunkBytes()) {
        chunks.add(java.util.Arrays.copyOfRange(trickle.body(), at, Math.min(trickle.body().length, at + trickle.chunkBytes())));
      }
      respond(request, handler, result, 200, Map.of("Content-Type", List.of("application/json")),
          new Chunks(chunks, false, trickle.interval(), null));
    } else if (reply instanceof HostileServer.Endless endless) {
      respond(request, handler, result, 200, Map.of("Content-Type", List.of("application/json")),
          new Chunks(List.of(endless.chunk()), true, Duration.ZERO, null));
    }
  }

  /** What a body is made of: its chunks (repeated for ever when endless), the wait between them, how it ends. */
  private record Chunks(List<byte[]> parts, boolean endless, Duration interval, @Nullable IOException failure) {}

  private <T> void respond(HttpRequest request, HttpResponse.BodyHandler<T> handler, CompletableFuture<HttpResponse<T>> result,
      int status, Map<String, List<String>> headerMap, Chunks chunks) {
    HttpHeaders headers = HttpHeaders.of(headerMap, (k, v) -> true);
    HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {
      @Override
      public int statusCode() {
        return status;
      }

      @Override
      public HttpHeaders headers() {
        return headers;
      }

      @Override
      public Version version() {
        return Version.HTTP_1_1;
      }
    });
    Demand demand = new Demand();
    subscriber.onSubscribe(demand);
    subscriber.getBody().whenComplete((body, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(new Response<>(request, status, headers, body));
      }
    });
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        demand.cancel(); // the client gave up waiting: the server stops sending
      }
    });
    int index = 0;
    while (index < chunks.parts().size() || chunks.endless()) {
      if (!demand.await(1)) {
        return; // cancelled: a client that stops reading drops the connection
      }
      if (index > 0 && !chunks.interval().isZero() && server.pause(chunks.interval())) {
        return;
      }
      byte[] part = chunks.parts().get(chunks.endless() ? 0 : index);
      subscriber.onNext(List.of(ByteBuffer.wrap(part)));
      server.sent(part.length);
      index++;
      if (chunks.endless() && server.isClosed()) {
        return;
      }
    }
    IOException failure = chunks.failure();
    if (failure != null) {
      subscriber.onError(failure);
    } else {
      subscriber.onComplete();
    }
  }

  /** The subscriber's demand, waited on by the sending thread. */
  private static final class Demand implements Flow.Subscription {
    private long requested; // guarded by this
    private boolean cancelled; // guarded by this

    @Override
    public synchronized void request(long n) {
      requested = n == Long.MAX_VALUE || requested + n < 0 ? Long.MAX_VALUE : requested + n;
      notifyAll();
    }

    @Override
    public synchronized void cancel() {
      cancelled = true;
      notifyAll();
    }

    /** Waits until {@code n} items may be sent and takes them; false once cancelled. */
    synchronized boolean await(long n) {
      while (!cancelled && requested < n) {
        try {
          wait(1_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      if (cancelled) {
        return false;
      }
      if (requested != Long.MAX_VALUE) {
        requested -= n;
      }
      return true;
    }
  }

  private static byte[] body(HttpRequest request) throws IOException {
    HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
    if (publisher == null) {
      return new byte[0];
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer item) {
        byte[] bytes = new byte[item.remaining()];
        item.get(bytes);
        out.write(bytes, 0, bytes.length);
      }

      @Override
      public void onError(Throwable throwable) {
        done.completeExceptionally(throwable);
      }

      @Override
      public void onComplete() {
        done.complete(out.toByteArray());
      }
    });
    try {
      return done.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the request body", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the request body could not be read", e);
    }
  }

  /** A completed answer. */
  private record Response<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body) implements HttpResponse<T> {
    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.empty();
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default SSL context", e);
    }
  }

  @Override
  public SSLParameters sslParameters() {
    return new SSLParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.of(exchanges);
  }
}
