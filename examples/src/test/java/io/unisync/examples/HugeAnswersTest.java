package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 256 MB JVM survives answers without end on every endpoint of both vendors (issue 23): each call is cut at its byte
 * cap (16 MiB Marketo, 32 MiB Salesforce, 64 KiB for a Marketo token, the job's announced size for an export file) and fails
 * cleanly, the process goes on, and nothing is retried as a network failure.
 */
@Tag("soak")
class HugeAnswersTest {

  @TempDir
  Path dir;

  @Test
  void everyEndpointOfBothVendorsIsBoundedInA256MegabyteJvm() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("huge-answers.log"); // a file, so a child that hangs cannot hold this test past its wait
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), HugeAnswers.class.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = child.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as(text).isTrue();

    assertThat(child.exitValue()).as(text).isZero();
    assertThat(text).as(text).contains("survived").doesNotContain("OutOfMemoryError").doesNotContain("ANSWERED");
    assertThat(text.lines().filter(l -> l.startsWith("BOUNDED")).count()).as(text).isEqualTo(15);
    for (String path : List.of("/identity/oauth/token", "/rest/v1/leads.json", "/rest/v1/activities.json",
        "/rest/v1/activities/leadchanges.json", "/rest/v1/activities/pagingtoken.json", "/bulk/v1/leads/export/create.json", "/bulk/v1/leads/export/E1/file.json",
        "/services/oauth2/token")) {
      assertThat(text).as(text).contains("PATH " + path);
    }
    assertThat(text).as(text).containsPattern("PATH /services/data/v[0-9.]+/queryAll")
        .containsPattern("PATH /services/data/v[0-9.]+/composite/sobjects");
  }
}
