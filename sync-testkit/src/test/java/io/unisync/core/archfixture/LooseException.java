package io.unisync.core.archfixture;

/** Violation: an exception outside the SyncException hierarchy. */
public class LooseException extends RuntimeException {
  private static final long serialVersionUID = 1L;
}
