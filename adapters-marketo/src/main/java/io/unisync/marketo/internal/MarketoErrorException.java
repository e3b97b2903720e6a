package io.unisync.marketo.internal;

import io.unisync.core.error.AdapterException;

/** Marketo refused a call with an error code that repeating will not fix. */
public final class MarketoErrorException extends AdapterException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public MarketoErrorException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** Marketo's error code, e.g. "1003". */
  public String code() {
    return code;
  }
}
