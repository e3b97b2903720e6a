package io.unisync.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One rule for a vendor URL, the same wherever it is configured. */
class EndpointsTest {

  private static List<String> problems(String url) {
    return Endpoints.problems("baseUrl", URI.create(url), "https://x.example.com");
  }

  @Test
  void httpsAnywhereAndPlainHttpOnEveryLoopbackFormAreFine() {
    assertThat(problems("https://284-RPR-133.mktorest.com")).isEmpty();
    assertThat(problems("http://127.0.0.1:8080")).isEmpty();
    assertThat(problems("http://127.0.0.2:8080")).isEmpty();
    assertThat(problems("http://localhost:8080")).isEmpty();
    assertThat(problems("http://[::1]:8080")).isEmpty();
  }

  @Test
  void plainHttpElsewhereIsRefusedNamingTheSetting() {
    assertThat(problems("http://284-RPR-133.mktorest.com")).singleElement().asString()
        .contains("baseUrl", "https", "loopback only");
    assertThat(problems("http://127.0.0.1.example.com")).hasSize(1);
  }

  @Test
  void credentialsInsideTheUrlAreRefusedAndNeverQuoted() {
    List<String> found = problems("https://user:S3cret@host.example.com");

    assertThat(found).singleElement().asString().contains("must not carry credentials", "host.example.com").doesNotContain("S3cret", "user:");
    assertThat(Endpoints.withoutCredentials(URI.create("https://user:S3cret@host.example.com:8443/x"))).isEqualTo("https://host.example.com:8443/x");
  }

  @Test
  void relativeUrlsOtherSchemesQueriesAndFragmentsAreRefused() {
    assertThat(problems("/services/data")).singleElement().asString().contains("absolute");
    assertThat(Endpoints.problems("baseUrl", null, "https://x.example.com")).singleElement().asString().contains("absolute");
    assertThat(problems("ftp://host.example.com")).singleElement().asString().contains("http(s)");
    assertThat(problems("https://host.example.com?x=1")).singleElement().asString().contains("query");
  }
}
