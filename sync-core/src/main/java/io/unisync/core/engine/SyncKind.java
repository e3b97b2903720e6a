package io.unisync.core.engine;

/** Which kind of person sync a report or event describes. */
public enum SyncKind {
  /** The initial snapshot (possibly resumed). */
  INITIAL,
  /** One incremental pass over the change feed. */
  INCREMENTAL
}
