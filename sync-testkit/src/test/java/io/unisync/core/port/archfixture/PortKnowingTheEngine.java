package io.unisync.core.port.archfixture;

import io.unisync.core.engine.SyncKind;

/** Violation: a port type that knows the engine. */
public interface PortKnowingTheEngine {
  SyncKind kind();
}
