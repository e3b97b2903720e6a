package io.unisync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.port.PersonSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingPersonSourceTest {

  /**
   * A port method the forwarder does not override falls back to the port's default, which quietly bypasses the
   * delegate's own answer (a census read as a whole snapshot, say): every method must be forwarded.
   */
  @Test
  void everyMethodOfThePortIsForwardedToTheDelegate() throws Exception {
    List<String> notForwarded = new ArrayList<>();
    for (Method method : PersonSource.class.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      Method own = ForwardingPersonSource.class.getMethod(method.getName(), method.getParameterTypes());
      if (own.getDeclaringClass() != ForwardingPersonSource.class) {
        notForwarded.add(method.getName());
      }
    }
    assertThat(notForwarded).as("PersonSource methods ForwardingPersonSource leaves to the port's default").isEmpty();
  }
}
