package io.unisync.core.error;

import org.jspecify.annotations.Nullable;

/**
 * An adapter (a source, store or sink) failed in a way that repeating the call will not fix: bad
 * credentials, a missing permission, a schema the adapter does not understand. Fix the cause named in
 * the message, then run again; the stored checkpoint makes the next run resume where this one stopped.
 */
public class AdapterException extends SyncException {

  private static final long serialVersionUID = 1L;

  /**
   * With {@code message}, which names what failed (ids only, never a secret).
   *
   * @param message what failed
   */
  public AdapterException(String message) {
    super(message);
  }

  /**
   * With {@code message} and the failure underneath.
   *
   * @param message what failed
   * @param cause the failure underneath
   */
  public AdapterException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
