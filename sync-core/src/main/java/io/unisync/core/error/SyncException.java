package io.unisync.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception Unisync throws. Unchecked: ports declare no checked exceptions, and adapters
 * translate {@code IOException}, {@code SQLException} and HTTP failures into a subtype at their boundary,
 * keeping the original as the cause.
 *
 * <p>Messages say what failed, for which id, and what to check. They never contain secrets, tokens,
 * e-mail addresses, names or phone numbers.
 */
public abstract class SyncException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * With {@code message}.
   *
   * @param message what failed
   */
  protected SyncException(String message) {
    super(message);
  }

  /**
   * With {@code message} and the failure underneath.
   *
   * @param message what failed
   * @param cause the failure underneath
   */
  protected SyncException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** {@return whether repeating the same operation later may succeed} */
  public boolean isRetryable() {
    return false;
  }
}
