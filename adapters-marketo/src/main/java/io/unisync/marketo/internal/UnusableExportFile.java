package io.unisync.marketo.internal;

import io.unisync.core.error.AdapterException;

/**
 * An export whose file cannot be used: gone (404: Marketo keeps a completed file 7 days, so a paused tenant, a long
 * outage or a kill mid-file can outlive it), larger than its job announced, or holding more rows than its job counted.
 * Nothing of it is applied; the snapshot exports its window again.
 */
final class UnusableExportFile extends AdapterException {
  private static final long serialVersionUID = 1L;

  UnusableExportFile(String message) {
    super(message);
  }
}
