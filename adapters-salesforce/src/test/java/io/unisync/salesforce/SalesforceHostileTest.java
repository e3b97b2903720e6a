package io.unisync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.SyncException;
import io.unisync.testkit.sim.HostileServer;
import io.unisync.testkit.sim.HostileServer.Reply;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Salesforce client against a server that misbehaves on purpose: every query is bounded in time and in pages. */
class SalesforceHostileTest {

  private static Salesforce connect(HostileServer server) {
    server.on("/services/oauth2/token", Reply.json("{\"access_token\":\"hostile\",\"instance_url\":\"" + server.baseUrl()
        + "\",\"id\":\"" + server.baseUrl() + "/id/00D000000000001AAA/005000000000001INT\",\"token_type\":\"Bearer\"}"));
    return Salesforce.connect(SalesforceSettings.of(server.baseUrl(), new SalesforceAuth.ClientCredentials("id", "secret"))
        .withRetries(1, Duration.ofMillis(5), Duration.ofMillis(10)).withRequestTimeout(Duration.ofSeconds(1)));
  }

  private static String queryPath() {
    return "/services/data/v" + SalesforceSettings.of(java.net.URI.create("https://x.example.com"),
        new SalesforceAuth.ClientCredentials("a", "b")).apiVersion() + "/queryAll";
  }

  @Test
  void aTricklingQueryAnswerIsCutOffAtTheRequestTimeout() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server);
      server.on(queryPath(), Reply.trickle("{\"done\":true,\"totalSize\":0,\"records\":[]}", 1, Duration.ofMillis(300)));

      long start = System.nanoTime();
      assertThatThrownBy(() -> salesforce.crmOptOuts().changesSince(Optional.empty())).isInstanceOf(SyncException.class);
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("seconds").isLessThan(5);
    }
  }

  @Test
  void aNextRecordsUrlThatDoesNotMoveStopsTheQuery() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server);
      String loop = queryPath() + "/01g-loop";
      server.on(queryPath(), Reply.json("{\"done\":false,\"totalSize\":5000,\"records\":[],\"nextRecordsUrl\":\"" + loop + "\"}"));
      server.on(loop, Reply.json("{\"done\":false,\"totalSize\":5000,\"records\":[],\"nextRecordsUrl\":\"" + loop + "\"}"));

      assertThatThrownBy(() -> salesforce.crmOptOuts().changesSince(Optional.empty())).hasMessageContaining("did not advance");
      assertThat(server.requests(loop)).isEqualTo(1);
    }
  }

  @Test
  void aQueryPageWithoutRecordsIsNoAnswer() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server);
      server.on(queryPath(), Reply.json("{\"done\":true,\"totalSize\":3}"));

      assertThatThrownBy(() -> salesforce.crmOptOuts().changesSince(Optional.empty())).hasMessageContaining("without a records array");
    }
  }
}
