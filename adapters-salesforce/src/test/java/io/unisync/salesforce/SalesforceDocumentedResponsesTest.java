package io.unisync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.SyncException;
import io.unisync.core.port.CrmOptOuts;
import io.unisync.testkit.sim.DocumentedExamples;
import io.unisync.testkit.sim.HostileServer;
import io.unisync.testkit.sim.HostileServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client reads Salesforce's documented example responses (the testkit's corpus), served by a scripted server: the
 * token answer (no {@code expires_in}, extra fields), a query page that says more follows, and the error envelope.
 */
class SalesforceDocumentedResponsesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Salesforce connect(HostileServer server) {
    // the documented token answer, pointing at this server instead of acme.my.salesforce.com
    server.on("/services/oauth2/token", Reply.json(DocumentedExamples.salesforce("token.json")
        .replace("https://acme.my.salesforce.com", server.baseUrl().toString())
        .replace("https://login.salesforce.com", server.baseUrl().toString())));
    return Salesforce.connect(SalesforceSettings.of(server.baseUrl(), new SalesforceAuth.ClientCredentials("id", "secret"))
        .withRetries(1, Duration.ofMillis(5), Duration.ofMillis(10)).withRequestTimeout(Duration.ofSeconds(2)));
  }

  private static String queryPath() {
    return "/services/data/v" + SalesforceSettings.of(java.net.URI.create("https://x.example.com"),
        new SalesforceAuth.ClientCredentials("a", "b")).apiVersion() + "/queryAll";
  }

  @Test
  void theDocumentedTokenAndAQueryPageThatSaysMoreFollowsAreReadAndFollowed() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server);
      // the documented page, with the fields this query selects on its record
      ObjectNode first = (ObjectNode) JSON.readTree(DocumentedExamples.salesforce("query.json"));
      ((ObjectNode) first.path("records").get(0)).put("HasOptedOutOfEmail", true).put("LastModifiedById", "005000000000009AAA")
          .put("SystemModstamp", "2026-11-30T10:00:00.000+0000");
      String next = first.path("nextRecordsUrl").asString();
      server.on(queryPath(), Reply.json(JSON.writeValueAsString(first)));
      server.on(next, Reply.json("{\"totalSize\":3222,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Contact\",\"url\":"
          + "\"/services/data/v67.0/sobjects/Contact/003RO0000035WQhYAM\"},\"Id\":\"003RO0000035WQhYAM\",\"HasOptedOutOfEmail\":false,"
          + "\"LastModifiedById\":\"005xx000001AbcdAAC\",\"SystemModstamp\":\"2026-11-30T10:01:00.000+0000\"}]}"));

      List<CrmOptOuts.Change> changes = salesforce.crmOptOuts().changesSince(Optional.empty()).changes();

      // one query per object (Lead, then Contact), each served the documented page and following its nextRecordsUrl
      assertThat(server.requests(next)).as("the documented nextRecordsUrl is followed").isEqualTo(2);
      assertThat(changes).extracting(CrmOptOuts.Change::crmId).as("the integration user's own write (from the token's id URL) left out")
          .isNotEmpty().containsOnly("003RO0000035WQgYAM");
      assertThat(changes).allSatisfy(c -> assertThat(c.optedOut()).isTrue());
    }
  }

  @Test
  void theDocumentedErrorEnvelopeNamesItsCodeInTheFailure() {
    try (HostileServer server = HostileServer.start()) {
      Salesforce salesforce = connect(server);
      server.on(queryPath(), Reply.of(400, "application/json", DocumentedExamples.salesforce("error.json").getBytes(StandardCharsets.UTF_8)));

      assertThatThrownBy(() -> salesforce.crmOptOuts().changesSince(Optional.empty())).isInstanceOf(SyncException.class)
          .hasMessageContaining("MALFORMED_ID");
    }
  }
}
