package io.unisync.testkit.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An HTTP server on 127.0.0.1 that answers each path the way a test scripts it, to prove a client survives a
 * service that misbehaves: malformed or wrongly typed JSON, HTML error pages, bodies that trickle, never come,
 * or never end, connections dropped without an answer. Paths without a script answer 404; the OAuth identity
 * path ({@code /identity/oauth/token}) answers a valid token unless scripted otherwise.
 *
 * <pre>{@code
 * try (HostileServer server = HostileServer.start()) {
 *   server.on("/rest/v1/leads.json", HostileServer.Reply.json("{\"success\":true}"));
 *   ... point the client at server.baseUrl() ...
 * }
 * }</pre>
 * Thread-safe. {@link #close()} releases every request still held.
 */
public final class HostileServer implements AutoCloseable {

  /** What the server does with one request. */
  public sealed interface Reply permits Bytes, Trickle, Endless, Hang, Drop, Truncated {

    /**
     * {@code 200} with a JSON body.
     *
     * @param body the body
     * @return the reply
     */
    static Reply json(String body) {
      return new Bytes(200, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * Any status with a body of any type.
     *
     * @param status the status
     * @param contentType the content type
     * @param body the body
     * @return the reply
     */
    static Reply of(int status, String contentType, byte[] body) {
      return new Bytes(status, contentType, body, Map.of());
    }

    /**
     * The body, one chunk of {@code chunkBytes} every {@code interval}.
     *
     * @param body the body
     * @param chunkBytes bytes per chunk
     * @param interval the wait between chunks
     * @return the reply
     */
    static Reply trickle(String body, int chunkBytes, Duration interval) {
      return new Trickle(body.getBytes(StandardCharsets.UTF_8), chunkBytes, interval);
    }

    /**
     * {@code 200} and a body that never ends: {@code chunk} again and again until the client goes away.
     *
     * @param chunk the chunk
     * @return the reply
     */
    static Reply endless(String chunk) {
      return new Endless(chunk.getBytes(StandardCharsets.UTF_8));
    }

    /** {@return the connection is accepted and the request read, but no answer ever comes} */
    static Reply hang() {
      return new Hang();
    }

    /** {@return the connection is closed without an answer} */
    static Reply drop() {
      return new Drop();
    }

    /**
     * {@code 200} announcing the whole body, then the connection closed after {@code cutAt} bytes of it.
     *
     * @param body the whole body
     * @param cutAt the bytes sent
     * @return the reply
     */
    static Reply truncated(byte[] body, int cutAt) {
      return new Truncated(body, cutAt);
    }
  }

  /** An answer cut off part way. */
  public record Truncated(byte[] body, int cutAt) implements Reply {}

  /** A whole answer at once. */
  public record Bytes(int status, String contentType, byte[] body, Map<String, String> headers) implements Reply {}

  /** An answer sent slowly. */
  public record Trickle(byte[] body, int chunkBytes, Duration interval) implements Reply {}

  /** An answer that never ends. */
  public record Endless(byte[] chunk) implements Reply {}

  /** No answer, the connection held open. */
  public record Hang() implements Reply {}

  /** No answer, the connection closed. */
  public record Drop() implements Reply {}

  /** One request as the script sees it. */
  public record Request(String method, String path, String query, byte[] body, Map<String, String> headers) {
    /**
     * A header, or empty text.
     *
     * @param name the header's name
     * @return its value
     */
    public String header(String name) {
      return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
    }
  }

  private final SimHttp.Server server;
  private final Map<String, Function<Request, Reply>> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final AtomicLong bytesSent = new AtomicLong();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Function<Request, Reply> fallback = request -> Reply.of(404, "text/plain",
      "no script for this path".getBytes(StandardCharsets.UTF_8));

  private HostileServer() {
    this.server = SimHttp.start("hostile-server", 32, this::handle);
    on("/identity/oauth/token", Reply.json("{\"access_token\":\"hostile-token\",\"token_type\":\"bearer\",\"expires_in\":3600,\"scope\":\"api\"}"));
  }

  /**
   * Starts a server on 127.0.0.1 with an ephemeral port.
   *
   * @return the server
   */
  public static HostileServer start() {
    return new HostileServer();
  }

  /** {@return {@code http://127.0.0.1:<port>}} */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /**
   * Answers every request to {@code path} with {@code reply}.
   *
   * @param path the path
   * @param reply the reply
   * @return this server
   */
  public HostileServer on(String path, Reply reply) {
    scripts.put(path, request -> reply);
    return this;
  }

  /**
   * Answers each request to {@code path} with what {@code script} returns for it.
   *
   * @param path the path
   * @param script the script
   * @return this server
   */
  public HostileServer on(String path, Function<Request, Reply> script) {
    scripts.put(path, script);
    return this;
  }

  /**
   * Answers every request to a path without a script of its own with what {@code script} returns (404 by default).
   *
   * @param script the script
   * @return this server
   */
  public HostileServer otherwise(Function<Request, Reply> script) {
    fallback = script;
    return this;
  }

  /** {@return the paths requested so far, in no order} */
  public java.util.Set<String> requestedPaths() {
    return java.util.Set.copyOf(counts.keySet());
  }

  /**
   * How many requests reached {@code path}.
   *
   * @param path the path
   * @return the requests
   */
  public long requests(String path) {
    AtomicLong count = counts.get(path);
    return count == null ? 0 : count.get();
  }

  /** {@return how many requests reached any path} */
  public long requests() {
    return counts.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** {@return body bytes written so far, over all requests (for answers cut off by the client: how far they got)} */
  public long bytesSent() {
    return bytesSent.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new java.util.HashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
    Request request = new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery() == null ? ""
        : exchange.getRequestURI().getRawQuery(), body, Map.copyOf(headers));
    Reply reply = script(request);
    try {
      send(exchange, reply);
    } catch (IOException e) {
      // the client went away: that is what most of these replies are for
    } finally {
      exchange.close();
    }
  }

  /** The scripted reply to {@code request}, counted. */
  private Reply script(Request request) {
    counts.computeIfAbsent(request.path(), p -> new AtomicLong()).incrementAndGet();
    Function<Request, Reply> script = scripts.get(request.path());
    return script == null ? fallback.apply(request) : script.apply(request);
  }

  /** The reply to a request that came in-process ({@link #inProcessClient()}). */
  Reply reply(Request request) {
    return script(request);
  }

  /** Counts body bytes an in-process answer delivered. */
  void sent(long bytes) {
    bytesSent.addAndGet(bytes);
  }

  boolean isClosed() {
    return closed.getCount() == 0;
  }

  /**
   * A client that sends to this server's scripts in the same JVM, without a socket: the same replies, counts and
   * behaviours (an endless answer runs until the client cancels, a hung one never answers), thousands of times faster
   * than loopback HTTP. For generated suites whose point is how a client reads answers; the socket path stays for the
   * tests whose point is the network. Give it to an adapter as its HTTP client (for example {@code Marketo.connect(settings,
   * clock, server::inProcessClient)}).
   *
   * @return the client
   */
  public java.net.http.HttpClient inProcessClient() {
    return new InProcessClient(this);
  }

  private void send(HttpExchange exchange, Reply reply) throws IOException {
    if (reply instanceof Bytes bytes) {
      exchange.getResponseHeaders().add("Content-Type", bytes.contentType());
      bytes.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(bytes.status(), bytes.body().length == 0 ? -1 : bytes.body().length);
      if (bytes.body().length > 0) {
        OutputStream out = exchange.getResponseBody();
        out.write(bytes.body());
        bytesSent.addAndGet(bytes.body().length);
      }
    } else if (reply instanceof Trickle trickle) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, trickle.body().length);
      OutputStream out = exchange.getResponseBody();
      for (int at = 0; at < trickle.body().length; at += trickle.chunkBytes()) {
        int n = Math.min(trickle.chunkBytes(), trickle.body().length - at);
        out.write(trickle.body(), at, n);
        out.flush();
        bytesSent.addAndGet(n);
        if (pause(trickle.interval())) {
          return;
        }
      }
    } else if (reply instanceof Endless endless) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0); // chunked
      OutputStream out = exchange.getResponseBody();
      while (closed.getCount() > 0) {
        out.write(endless.chunk());
        bytesSent.addAndGet(endless.chunk().length);
      }
    } else if (reply instanceof Truncated truncated) {
      exchange.getResponseHeaders().add("Content-Type", "text/csv");
      exchange.sendResponseHeaders(200, truncated.body().length);
      OutputStream out = exchange.getResponseBody();
      out.write(truncated.body(), 0, truncated.cutAt());
      out.flush();
      bytesSent.addAndGet(truncated.cutAt());
      throw new IOException("cut off on purpose"); // closes the connection with the body unfinished
    } else if (reply instanceof Hang) {
      pause(Duration.ofMinutes(10));
    }
    // Drop: nothing is sent; closing the exchange without an answer drops the connection.
  }

  /** Waits, or returns true at once when the server is closed meanwhile. */
  boolean pause(Duration duration) {
    try {
      return closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop();
  }
}
