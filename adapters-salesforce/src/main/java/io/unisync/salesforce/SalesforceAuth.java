package io.unisync.salesforce;

import java.security.PrivateKey;

/**
 * How Unisync obtains a Salesforce access token. Every variant hides its secrets from {@code toString()}.
 */
public sealed interface SalesforceAuth permits SalesforceAuth.ClientCredentials, SalesforceAuth.JwtBearer, SalesforceAuth.RefreshToken {

  /** {@return the connected app's consumer key} */
  String clientId();

  /** OAuth 2.0 client credentials (the app's "Run As" user); the token URL must be the org's My Domain. */
  record ClientCredentials(String clientId, String clientSecret) implements SalesforceAuth {
    @Override
    public String toString() {
      return "ClientCredentials[clientId=" + clientId + ", clientSecret=****]";
    }
  }

  /**
   * JWT bearer: an RS256-signed assertion for {@code username}, signed with the JDK's own crypto.
   *
   * @param audience {@code https://login.salesforce.com}, {@code https://test.salesforce.com} or the My Domain URL
   */
  record JwtBearer(String clientId, String username, PrivateKey privateKey, String audience) implements SalesforceAuth {
    @Override
    public String toString() {
      return "JwtBearer[clientId=" + clientId + ", username=" + username + ", privateKey=****, audience=" + audience + "]";
    }
  }

  /** A refresh token seeded by an interactive login. */
  record RefreshToken(String clientId, String clientSecret, String refreshToken) implements SalesforceAuth {
    @Override
    public String toString() {
      return "RefreshToken[clientId=" + clientId + ", clientSecret=****, refreshToken=****]";
    }
  }
}
