package io.unisync.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedTest {

  @Test
  void oneResourcePerNameAndKeyBuiltOnceAndReplacedOnceForEveryone() {
    AtomicInteger built = new AtomicInteger();
    String what = "a test resource " + System.nanoTime();

    Replaceable<Object> first = Shared.resource(what, Duration.ofSeconds(5), () -> "client-" + built.incrementAndGet());
    Replaceable<Object> again = Shared.resource(what, Duration.ofSeconds(5), () -> "client-" + built.incrementAndGet());
    Replaceable<Object> otherKey = Shared.resource(what, Duration.ofSeconds(9), () -> "client-" + built.incrementAndGet());

    assertThat(again).isSameAs(first);
    assertThat(otherKey).isNotSameAs(first);
    assertThat(built).hasValue(2);
    Object stopped = first.get();
    first.replace(stopped);
    again.replace(stopped); // a second connection that saw the same stopped client: no second rebuild
    assertThat(again.get()).isNotEqualTo(stopped);
    assertThat(built).hasValue(3);
  }
}
