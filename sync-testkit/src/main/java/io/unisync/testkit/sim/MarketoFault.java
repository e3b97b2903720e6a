package io.unisync.testkit.sim;

/**
 * A fault the {@link MarketoSimulator} injects into one response, as the real service or the network
 * sometimes does.
 */
public enum MarketoFault {
  /** HTTP 500 with a plain body. */
  HTTP_500,
  /** HTTP 502 with an HTML body, as a gateway answers. */
  HTTP_502_HTML,
  /** The connection is closed without a response. */
  CONNECTION_RESET,
  /** The body is cut off half way. */
  TRUNCATED_BODY,
  /** An export file with one byte changed half way (its length unchanged): it no longer matches the job's fileChecksum. */
  CORRUPT_FILE,
  /** The answer comes after a delay of {@link MarketoSimulator.Options#faultDelay()}. */
  SLOW,
  /** 601 Access token invalid. */
  ERROR_601,
  /** 602 Access token expired. */
  ERROR_602,
  /** 603 Access denied (a missing permission: not retryable). */
  ERROR_603,
  /** 604 Request time-out. */
  ERROR_604,
  /** 606 rate limit (the exact message of the real service). */
  ERROR_606,
  /** 607 daily quota reached. */
  ERROR_607,
  /** 608 API temporarily unavailable. */
  ERROR_608,
  /** 611 system error. */
  ERROR_611,
  /** 615 concurrent access limit. */
  ERROR_615,
  /** 713 transient error. */
  ERROR_713,
  /** 1029 too many jobs in queue (bulk). */
  ERROR_1029,
  /** An activities page with no results and {@code moreResult: true}. */
  EMPTY_PAGE_WITH_MORE
}
