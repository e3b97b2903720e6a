package io.unisync.core.archfixture;

import java.util.logging.Logger;

/** Violation: logs through java.util.logging instead of SLF4J. */
public class LogsThroughJul {
  private static final Logger LOG = Logger.getLogger("fixture");

  public void say() {
    LOG.info("hello");
  }
}
