package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityKind;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.port.ChangeBatch;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.core.port.MarketingActivity;
import io.unisync.core.port.PersonChange;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.SampleActivities;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client reads the response examples given in Marketo's documentation (the testkit's corpus,
 * {@link io.unisync.testkit.sim.DocumentedExamples}), served by a scripted server.
 */
class DocumentedResponsesTest {

  private HttpServer server;
  private final Map<String, Deque<String>> script = new ConcurrentHashMap<>();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-02-01T00:00:00Z"));
  private Marketo marketo;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        Deque<String> bodies = script.get(exchange.getRequestURI().getPath());
        String body = bodies == null ? "{\"success\":false,\"errors\":[{\"code\":\"610\",\"message\":\"Requested resource not found\"}]}"
            : bodies.size() > 1 ? bodies.pollFirst() : bodies.peekFirst();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    });
    server.start();
    serve("/identity/oauth/token", doc("identity.json"));
    marketo = Marketo.connect(MarketoSettings.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "id", "secret")
        .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(5)), clock);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(String path, String... bodies) {
    script.put(path, new ArrayDeque<>(List.of(bodies)));
  }

  private static String doc(String name) {
    return io.unisync.testkit.sim.DocumentedExamples.marketo(name);
  }

  @Test
  void getLeadsByFilterType() {
    serve("/rest/v1/leads.json", doc("leads.json"));

    List<SourceRecord> leads = marketo.personSource().readCurrent(List.of(PersonId.of(318581)));

    assertThat(leads).singleElement().satisfies(lead -> {
      assertThat(lead.sourceId()).isEqualTo("318581");
      assertThat(lead.value("lastName")).contains("Lincoln");
      assertThat(lead.value("email")).contains("abe@usa.gov");
      assertThat(lead.updatedAt()).isEqualTo(Instant.parse("2016-05-17T22:11:45Z"));
    });
  }

  @Test
  void leadChangesAndDeletedLeadsWithOffsetDatesWithoutAColon() {
    serve("/rest/v1/activities/pagingtoken.json", doc("pagingtoken.json"));
    serve("/rest/v1/activities/leadchanges.json", doc("leadchanges.json"));
    serve("/rest/v1/activities/deletedleads.json", doc("deletedleads.json"));
    serve("/rest/v1/activities.json", "{\"requestId\":\"x#1\",\"success\":true,\"nextPageToken\":\"ABC\",\"moreResult\":false}");
    MarketoPersonSource source = marketo.personSource();

    ChangeBatch batch = source.readChanges(source.currentPosition(), 300);

    assertThat(batch.changes()).containsExactlyInAnyOrder(
        new PersonChange.Updated(PersonId.of(775), Set.of("firstName")),
        new PersonChange.Deleted(PersonId.of(6)));
    assertThat(batch.hasMore()).isFalse();
    assertThat(batch.next().value()).contains("GIYDAOBNGEYS2MBWKQYDAORQGA5DAMBOGAYDAKZQGAYDALBQRGA3TQ===");
  }

  @Test
  void activitiesForTheSmartGrid() {
    serve("/rest/v1/activities/types.json", doc("types.json"));
    serve("/rest/v1/activities/pagingtoken.json", doc("pagingtoken.json"));
    serve("/rest/v1/activities.json", doc("activities.json"));

    List<MarketingActivity> grid = marketo.activityHistory().recent(PersonId.of(1), Instant.parse("2023-01-01T00:00:00Z"), 10);

    assertThat(grid).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo("Visit Webpage");
      assertThat(a.primary()).isEqualTo("localhost/munchkintest2.html");
      assertThat(a.occurredAt()).isEqualTo(Instant.parse("2023-01-16T23:32:19Z"));
      assertThat(a.attributes()).containsEntry("Webpage URL", "/munchkintest2.html");
    });
  }

  @Test
  void addCustomActivitiesWithARecordLevelSkip() {
    StringBuilder types = new StringBuilder("{\"requestId\":\"t#2\",\"success\":true,\"result\":[");
    int id = 100_001;
    for (ActivityKind kind : ActivityKind.values()) {
      types.append(id == 100_001 ? "" : ",").append("{\"id\":").append(id++).append(",\"apiName\":\"")
          .append(MarketoActivityTypes.defaultApiName(kind)).append("\",\"status\":\"approved\"}");
    }
    serve("/rest/v1/activities/external/types.json", types.append("]}").toString());
    serve("/rest/v1/activities/external.json", doc("external.json"));
    List<Activity> batch = List.of(SampleActivities.activity(1, 1001, clock.instant()), SampleActivities.activity(2, 1002, clock.instant()));

    List<DeliveryOutcome> outcomes = marketo.activitySink().deliver(batch);

    assertThat(outcomes.get(0)).isEqualTo(new DeliveryOutcome.Delivered(batch.get(0).id()));
    assertThat(outcomes.get(1)).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
        r -> assertThat(r.reason()).contains("skipped", "1004", "Lead not found"));
  }

  @Test
  void theDocumented601RenewsTheToken() {
    serve("/rest/v1/leads.json", doc("error-601.json"), doc("leads.json"));

    assertThat(marketo.unsubscribeStatus().isUnsubscribed(PersonId.of(318581))).isFalse();
  }
}
