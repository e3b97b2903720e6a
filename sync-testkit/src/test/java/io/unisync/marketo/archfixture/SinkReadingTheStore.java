package io.unisync.marketo.archfixture;

import io.unisync.core.port.PersonStore;

/** Violates REMOTE_ADAPTERS_DO_NOT_ORCHESTRATE_THE_STORES: a remote adapter that reads the person store itself. */
public class SinkReadingTheStore {
  public long people(PersonStore store) {
    return store.count();
  }
}
