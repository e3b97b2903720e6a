package io.unisync.salesforce.internal;

import io.unisync.core.error.ConfigurationException;
import io.unisync.salesforce.SalesforceAuth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The form a token request posts, for each of the OAuth flows Unisync signs in with. Never logged: it holds secrets. */
final class TokenGrant {

  /** How long a JWT bearer assertion is valid: Salesforce accepts at most three minutes. */
  private static final long ASSERTION_SECONDS = 170;

  private TokenGrant() {}

  /** The {@code application/x-www-form-urlencoded} body of a token request for {@code auth}. */
  static String form(SalesforceAuth auth, ObjectMapper json, Clock clock) {
    if (auth instanceof SalesforceAuth.ClientCredentials cc) {
      return "grant_type=client_credentials&client_id=" + enc(cc.clientId()) + "&client_secret=" + enc(cc.clientSecret());
    } else if (auth instanceof SalesforceAuth.RefreshToken rt) {
      return "grant_type=refresh_token&client_id=" + enc(rt.clientId()) + "&client_secret=" + enc(rt.clientSecret())
          + "&refresh_token=" + enc(rt.refreshToken());
    } else if (auth instanceof SalesforceAuth.JwtBearer jwt) {
      return "grant_type=" + enc("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion=" + enc(assertion(jwt, json, clock));
    }
    throw new IllegalStateException("unknown auth " + auth.getClass().getSimpleName());
  }

  /** A JWT bearer assertion: RS256 over base64url(header).base64url(claims), expiring within three minutes. */
  private static String assertion(SalesforceAuth.JwtBearer jwt, ObjectMapper json, Clock clock) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    ObjectNode claims = json.createObjectNode();
    claims.put("iss", jwt.clientId());
    claims.put("sub", jwt.username());
    claims.put("aud", jwt.audience());
    claims.put("exp", clock.instant().plusSeconds(ASSERTION_SECONDS).getEpochSecond());
    String payload = b64.encodeToString(json.writeValueAsBytes(claims));
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(jwt.privateKey());
      signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "." + b64.encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException("Salesforce JWT bearer", List.of("the private key cannot sign RS256: " + e.getClass().getSimpleName()));
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
