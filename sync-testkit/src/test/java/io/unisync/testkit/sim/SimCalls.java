package io.unisync.testkit.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a Marketo simulator over HTTP as any client would, for the simulator's own tests. */
final class SimCalls {

  /** One client for every test: a client per call would open a connection pool per call. */
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final MarketoSimulator sim;

  SimCalls(MarketoSimulator sim) {
    this.sim = sim;
  }

  /** A fresh access token. */
  String token() throws Exception {
    return json(call("POST", "/identity/oauth/token?grant_type=client_credentials&client_id=" + MarketoSimulator.CLIENT_ID
        + "&client_secret=" + MarketoSimulator.CLIENT_SECRET, null, null)).path("access_token").asString();
  }

  HttpResponse<byte[]> call(String method, String pathAndQuery, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  JsonNode json(HttpResponse<byte[]> response) {
    return JSON.readTree(response.body());
  }
}
