package io.unisync.jdbc.archfixture;

import io.unisync.marketo.archfixture.MarketoFixtureType;

/** Violation: one adapter module using another. */
public class JdbcCallingMarketo {
  public String ask() {
    return new MarketoFixtureType().toString();
  }
}
