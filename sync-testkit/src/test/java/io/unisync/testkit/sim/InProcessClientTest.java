package io.unisync.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.testkit.sim.HostileServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-process client answers as the socket does, reply kind by reply kind, and counts what the server counts. */
class InProcessClientTest {

  final HostileServer server = HostileServer.start();
  final HttpClient client = server.inProcessClient();

  @AfterEach
  void close() {
    server.close();
  }

  HttpRequest get(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery)).GET().build();
  }

  @Test
  void bytesArriveWithStatusHeadersAndTheRequestAsTheScriptSawIt() throws Exception {
    server.on("/echo", r -> Reply.of(201, "text/plain", (r.method() + " " + r.query() + " " + new String(r.body(), StandardCharsets.UTF_8)
        + " " + r.header("X-Test")).getBytes(StandardCharsets.UTF_8)));

    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/echo?a=1"))
        .header("X-Test", "yes").POST(HttpRequest.BodyPublishers.ofString("payload")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/plain");
    assertThat(response.body()).isEqualTo("POST a=1 payload yes");
    assertThat(server.requests("/echo")).isEqualTo(1);
    assertThat(server.bytesSent()).isEqualTo(response.body().length());
    assertThat(client.send(get("/nothing"), HttpResponse.BodyHandlers.ofString()).statusCode()).as("unscripted").isEqualTo(404);
  }

  @Test
  void anEndlessAnswerRunsOnlyAsFarAsTheClientReads() throws Exception {
    server.on("/endless", Reply.endless("{\"x\":1},"));

    HttpResponse<InputStream> response = client.send(get("/endless"), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      assertThat(body.readNBytes(100_000)).hasSize(100_000);
    }

    long sent = server.bytesSent();
    Thread.sleep(50);
    assertThat(server.bytesSent()).as("closing the stream cancelled the rest").isLessThan(sent + 10_000);
  }

  @Test
  void aTruncatedAnswerFailsTheBodyAndADroppedOneTheExchange() throws Exception {
    server.on("/cut", Reply.truncated("id,email\n1,a@example.com\n".getBytes(StandardCharsets.UTF_8), 10));
    server.on("/drop", Reply.drop());

    HttpResponse<InputStream> cut = client.send(get("/cut"), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = cut.body()) {
      assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
    }
    assertThatThrownBy(() -> client.send(get("/drop"), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
  }

  @Test
  void aHungAnswerNeverCompletesAndATrickleArrivesWhole() throws Exception {
    server.on("/hang", Reply.hang());
    server.on("/trickle", Reply.trickle("{\"success\":true}", 4, Duration.ofMillis(1)));

    CompletableFuture<HttpResponse<String>> hung = client.sendAsync(get("/hang"), HttpResponse.BodyHandlers.ofString());
    assertThatThrownBy(() -> hung.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
    hung.cancel(true);

    assertThat(client.sendAsync(get("/trickle"), HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS).body())
        .isEqualTo("{\"success\":true}");
    assertThat(server.requests()).isEqualTo(2);
    assertThat(Map.of("hang", server.requests("/hang"))).containsEntry("hang", 1L);
  }

  @Test
  void failuresAreIoExceptionsAsOnTheWire() {
    server.on("/drop", Reply.drop());
    CompletableFuture<HttpResponse<String>> dropped = client.sendAsync(get("/drop"), HttpResponse.BodyHandlers.ofString());
    assertThatThrownBy(() -> dropped.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
  }
}
