package io.unisync.core.domain.archfixture;

import io.unisync.core.port.Destination;

/** Violation: a domain value that knows a port. */
public class DomainUsingAPort {
  public Destination where() {
    return Destination.MARKETO;
  }
}
