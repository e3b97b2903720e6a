package io.unisync.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The window a stalled sender still has (docs/reliability.md, "Delivery under pauses"): the time from the last check of
 * a call's deadline (in {@code MarketoHttp}: one read of the clock, then {@code sendAsync}) to the moment the request
 * reaches the server, on loopback, with the JDK client as the adapters configure it (HTTP/1.1, a pooled connection).
 * A pause of the process inside this window is the only one that can still send after the claim's end. Prints
 * percentiles; asserts nothing.
 *
 * <pre>{@code java -cp <classpath> io.unisync.benchmarks.SendWindowBenchmark [requests]}</pre>
 */
public final class SendWindowBenchmark {

  private SendWindowBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    PrintStream out = System.out;
    AtomicLong arrived = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      arrived.set(System.nanoTime()); // the handler runs once the request line and headers are read
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/rest/v1/activities/external.json");
    Clock clock = Clock.systemUTC();
    Instant deadline = Instant.MAX;
    long[] windows = new long[requests];
    try {
      for (int i = -500; i < requests; i++) { // 500 to warm up the JIT and the connection pool
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"input\":[]}")).build();
        long checked = System.nanoTime();
        if (!clock.instant().isBefore(deadline)) { // the check MarketoHttp makes
          throw new IllegalStateException("unreachable");
        }
        HttpResponse<byte[]> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
            .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join(); // its own loopback server; never for ever
        if (response.statusCode() != 200) {
          throw new IllegalStateException("HTTP " + response.statusCode());
        }
        if (i >= 0) {
          windows[i] = arrived.get() - checked;
        }
      }
    } finally {
      server.stop(0);
    }
    Arrays.sort(windows);
    out.printf("send window on loopback, %,d requests: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n", requests,
        windows[requests / 2] / 1e3, windows[(int) (requests * 0.99)] / 1e3, windows[(int) (requests * 0.999)] / 1e3,
        windows[requests - 1] / 1e3);
  }
}
