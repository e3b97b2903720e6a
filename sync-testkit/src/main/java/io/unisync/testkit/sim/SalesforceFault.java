package io.unisync.testkit.sim;

/** A fault the {@link SalesforceSimulator} injects into one response. */
public enum SalesforceFault {
  /** 503 with an HTML body, as Salesforce's edge answers when overloaded. */
  HTTP_503_HTML,
  /** 403 {@code REQUEST_LIMIT_EXCEEDED} ("TotalRequests Limit exceeded."). */
  REQUEST_LIMIT_EXCEEDED,
  /** 401 {@code INVALID_SESSION_ID}, as after a session timeout. */
  INVALID_SESSION,
  /** The connection is closed without a response. */
  CONNECTION_RESET
}
