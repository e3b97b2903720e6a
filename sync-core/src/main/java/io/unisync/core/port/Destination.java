package io.unisync.core.port;

/** Where activities are delivered. */
public enum Destination {
  /** Marketo, as custom activities on the lead. */
  MARKETO,
  /** Salesforce, as Tasks on the lead or contact. */
  SALESFORCE
}
