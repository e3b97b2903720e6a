package io.unisync.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplaceableTest {

  @Test
  void onlyTheStoppedInstanceIsReplacedAndOnlyOnce() {
    AtomicInteger built = new AtomicInteger();
    Replaceable<String> client = new Replaceable<>("a client", () -> "client-" + built.incrementAndGet());
    String stopped = client.get();

    client.replace(stopped);
    client.replace(stopped); // a second caller that met the same stopped client

    assertThat(client.get()).isEqualTo("client-2");
    assertThat(built.get()).isEqualTo(2);
  }
}
