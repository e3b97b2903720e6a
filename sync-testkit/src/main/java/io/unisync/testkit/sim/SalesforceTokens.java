package io.unisync.testkit.sim;

import static io.unisync.testkit.sim.SalesforceSimulator.CLIENT_ID;
import static io.unisync.testkit.sim.SalesforceSimulator.CLIENT_SECRET;
import static io.unisync.testkit.sim.SalesforceSimulator.INTEGRATION_USER_ID;
import static io.unisync.testkit.sim.SalesforceSimulator.ORG_ID;
import static io.unisync.testkit.sim.SalesforceSimulator.REFRESH_TOKEN;
import static io.unisync.testkit.sim.SalesforceSimulator.USERNAME;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Salesforce simulator's identity endpoint and the access tokens it issued: the client credentials, refresh token
 * and JWT bearer flows, each token valid for a set time.
 */
final class SalesforceTokens {

  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final Clock clock;
  private final @Nullable PublicKey jwtKey;
  private final Duration tokenTtl;
  private final ObjectMapper json;
  private final Supplier<URI> baseUrl;

  SalesforceTokens(Clock clock, @Nullable PublicKey jwtKey, Duration tokenTtl, ObjectMapper json, Supplier<URI> baseUrl) {
    this.clock = clock;
    this.jwtKey = jwtKey;
    this.tokenTtl = tokenTtl;
    this.json = json;
    this.baseUrl = baseUrl;
  }

  /** Until when the token of an {@code Authorization} header is valid; null when it names no token issued here. */
  @Nullable Instant expiry(@Nullable String authorization) {
    return authorization == null || !authorization.startsWith("Bearer ") ? null : tokens.get(authorization.substring(7));
  }

  /** Expires every issued token. */
  void expireAll() {
    tokens.replaceAll((t, e) -> Instant.EPOCH);
  }

  /** {@code POST /services/oauth2/token}: a token for valid credentials of any of the three flows, else 400 {@code invalid_grant}. */
  void answer(HttpExchange exchange) throws IOException {
    Map<String, String> form = new HashMap<>();
    SimHttp.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), form);
    basicCredentials(exchange.getRequestHeaders().getFirst("Authorization")).forEach(form::putIfAbsent);
    String grant = form.getOrDefault("grant_type", "");
    String problem;
    switch (grant) {
      case "client_credentials":
        problem = CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret")) ? null : "invalid client credentials";
        break;
      case "refresh_token":
        problem = CLIENT_ID.equals(form.get("client_id")) && REFRESH_TOKEN.equals(form.get("refresh_token")) ? null : "expired access/refresh token";
        break;
      case "urn:ietf:params:oauth:grant-type:jwt-bearer":
        problem = verifyJwt(form.getOrDefault("assertion", ""));
        break;
      default:
        problem = "unsupported grant type";
    }
    if (problem != null) {
      SimHttp.send(exchange, 400, "application/json", ("{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}").getBytes(StandardCharsets.UTF_8));
      return;
    }
    String token = ORG_ID.substring(0, 15) + "!" + UUID.randomUUID().toString().replace("-", "");
    tokens.put(token, clock.instant().plus(tokenTtl));
    ObjectNode body = json.createObjectNode();
    body.put("access_token", token);
    body.put("instance_url", baseUrl.get().toString());
    body.put("id", baseUrl.get() + "/id/" + ORG_ID + "/" + INTEGRATION_USER_ID);
    body.put("token_type", "Bearer");
    String issuedAt = Long.toString(clock.millis());
    body.put("issued_at", issuedAt);
    body.put("signature", signature(body.path("id").asString() + issuedAt));
    body.put("scope", "api");
    SimHttp.send(exchange, 200, "application/json", json.writeValueAsBytes(body));
  }

  /**
   * Client credentials sent as {@code Authorization: Basic base64(client_id:client_secret)}, each part form-encoded
   * first (RFC 6749, section 2.3.1), which a token endpoint must accept; empty when the header is absent or unreadable.
   */
  private static Map<String, String> basicCredentials(@Nullable String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Map.of();
    }
    try {
      String pair = new String(java.util.Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon < 0) {
        return Map.of();
      }
      return Map.of("client_id", java.net.URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
          "client_secret", java.net.URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
  }

  /** The token answer's {@code signature}: Base64 of HMAC-SHA256 over the identity URL and {@code issued_at}, keyed by the client secret. */
  private static String signature(String signed) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("no HmacSHA256 in this JVM", e);
    }
  }

  private @Nullable String verifyJwt(String assertion) {
    if (jwtKey == null) {
      return "JWT bearer flow not enabled";
    }
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) {
      return "invalid assertion";
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(jwtKey);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return "invalid assertion";
      }
      JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!header.path("alg").asString("").equals("RS256")) {
        return "invalid assertion";
      }
      if (!CLIENT_ID.equals(claims.path("iss").asString(""))) {
        return "invalid client credentials";
      }
      if (!USERNAME.equals(claims.path("sub").asString(""))) {
        return "user hasn't approved this consumer";
      }
      String audience = claims.path("aud").asString("");
      if (!audience.equals("https://login.salesforce.com") && !audience.equals("https://test.salesforce.com")
          && !audience.equals(baseUrl.get().toString())) {
        return "audience is invalid";
      }
      long exp = claims.path("exp").asLong(0);
      long now = clock.instant().getEpochSecond();
      if (exp < now || exp > now + 180) {
        return "expired authorization code";
      }
      return null;
    } catch (Exception e) {
      return "invalid assertion";
    }
  }
}
