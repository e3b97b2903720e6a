package io.unisync.core.engine;

import io.unisync.core.port.QuarantinedRecord;

/**
 * Callbacks from the engine, for progress bars, metrics and alerts. Every method has a no-op default;
 * implement what you need. Callbacks run on the thread that called the engine, after the commit they
 * describe; they must be quick and must not throw (an exception from a listener is logged and ignored).
 */
public interface SyncListener {

  /** A listener that does nothing. */
  SyncListener NO_OP = new SyncListener() {};

  /** A commit finished. */
  default void onProgress(SyncProgress progress) {}

  /** A record was quarantined (already committed). Its reason names the field and the record. */
  default void onRejected(QuarantinedRecord record) {}

  /** A sync call finished. */
  default void onFinished(SyncReport report) {}

  /** A sync call failed; the stored checkpoint is where the next call resumes. */
  default void onFailed(SyncKind kind, RuntimeException failure) {}
}
