package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.Simulators;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code unisync simulate} prints for the CLI is a configuration {@code unisync run} accepts as it stands. */
class SimulateTest {

  @TempDir
  Path dir;

  @Test
  void thePrintedConfigurationIsOneTheCliAccepts() throws Exception {
    try (Simulators simulators = Simulators.start(10, 0, 0, Clock.systemUTC())) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      Simulate.describe(simulators, 10, new PrintStream(printed, true, StandardCharsets.UTF_8));
      String text = printed.toString(StandardCharsets.UTF_8);
      String yaml = Arrays.stream(text.split("\n")).dropWhile(line -> !line.startsWith("unisync run")).skip(1)
          .takeWhile(line -> !line.isBlank()).map(line -> line.substring(2)).collect(Collectors.joining("\n"));
      Path config = dir.resolve("unisync.yaml");
      Files.writeString(config, yaml + "\n");

      RunConfig loaded = RunConfig.load(config, Map.of("UNISYNC_MARKETO_CLIENT_SECRET", MarketoSimulator.CLIENT_SECRET));

      assertThat(loaded.onlyTenant().marketoUrl()).isEqualTo(simulators.marketo().baseUrl());
      assertThat(text).contains("unisync.marketo.base-url=" + simulators.marketo().baseUrl());
    }
  }
}
