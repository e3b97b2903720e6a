package io.unisync.testkit.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/** The HTTP plumbing the simulators share: a loopback server, form and query parsing, responses. */
final class SimHttp {

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
    // 40 ms per small response. Read once, when the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** A started server on 127.0.0.1 with an ephemeral port, and the daemon threads that serve it. */
  record Server(HttpServer http, ExecutorService executor) {
    int port() {
      return http.getAddress().getPort();
    }

    void stop() {
      http.stop(0);
      executor.shutdownNow();
    }
  }

  private SimHttp() {}

  static Server start(String name, int threads, HttpHandler handler) {
    return start(name, threads, handler, 0);
  }

  /** On 127.0.0.1 at {@code port} (0: any free one). */
  static Server start(String name, int threads, HttpHandler handler, int port) {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      });
      http.setExecutor(executor);
      http.createContext("/", handler);
      http.start();
      return new Server(http, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the " + name + " on 127.0.0.1" + (port == 0 ? "" : ":" + port
          + " (is the port in use?)"), e);
    }
  }

  /** Adds the pairs of a query string or form body; a repeated name keeps its last value. */
  static void parse(@Nullable String raw, Map<String, String> into) {
    parse(raw, into, java.util.Set.of());
  }

  /**
   * Adds the pairs of a query string or form body. A name in {@code lists} may be repeated: its values are joined
   * with commas, as one comma-separated value would give them; another repeated name keeps its last value.
   */
  static void parse(@Nullable String raw, Map<String, String> into, java.util.Set<String> lists) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      into.merge(name, value, (earlier, later) -> lists.contains(name) ? earlier + "," + later : later);
    }
  }

  static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }
}
