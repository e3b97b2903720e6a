package io.unisync.core.archfixture;

import tools.jackson.databind.JsonNode;

/** Violation: a vendor type (Jackson) in a public signature. */
public class ExposesJackson {
  public JsonNode answer() {
    return null;
  }
}
