package io.unisync.core.archfixture;

import org.assertj.core.api.Assertions;

/** Violation: core code depending on a test library. */
public class CoreUsingAssertJ {
  public void check(Object o) {
    Assertions.assertThat(o).isNotNull();
  }
}
