package io.unisync.marketo;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.StoreBatch;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.SamplePeople;
import io.unisync.testkit.sim.HostileServer;
import io.unisync.testkit.sim.HostileServer.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Marketo client, an engine and an in-memory store wired to a {@link HostileServer}: the change feed is
 * scripted to say "lead 5 changed" once, the rest of each endpoint is up to the test. The store starts with
 * people 1 to 10 and an incremental checkpoint.
 */
final class HostileMarketo implements AutoCloseable {

  static final ObjectMapper JSON = JsonMapper.builder().build();
  static final String OWNER = "005000000000001AAA";

  final Clock clock = Clock.systemUTC();
  final HostileServer server = HostileServer.start();
  final Marketo marketo;
  final MarketoPersonSource source;
  final InMemoryPersonStore store = new InMemoryPersonStore();
  final SyncEngine engine;

  HostileMarketo() {
    this(settings -> settings);
  }

  HostileMarketo(UnaryOperator<MarketoSettings> tune) {
    MarketoSettings settings = MarketoSettings.of(server.baseUrl(), "hostile-client", "hostile-secret")
        .withRetry(io.unisync.core.retry.RetryPolicy.defaults().withBackground(3, Duration.ofSeconds(5))
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)))
        .withRequestTimeout(Duration.ofSeconds(1))
        .withBulk(true, Instant.now(Clock.systemUTC()).minus(Duration.ofDays(10)), Duration.ofDays(31), Duration.ZERO)
        .withLimits(MarketoLimits.defaults().withMaxExportPolls(5)
            .withExportDownloadDeadline(Duration.ofSeconds(5)));
    this.marketo = Marketo.connect(tune.apply(settings), clock);
    this.source = marketo.personSource();
    List<PersonUpsert> people = new ArrayList<>();
    for (long id = 1; id <= 10; id++) {
      people.add(PersonUpsert.of(SamplePeople.person(id), Instant.parse("2020-01-01T00:00:00Z")));
    }
    store.apply(new StoreBatch(people, List.of(), List.of(), Checkpoint.incremental(source.currentPosition())));
    this.engine = SyncEngine.builder().clock(clock).personSource(source).personStore(store)
        .unsubscribeStatus(marketo.unsubscribeStatus()).activityHistory(marketo.activityHistory()).build();
    feedSaysLeadChanged(5);
  }

  /** The change feed holds one Change Data Value of {@code title} for {@code lead}, then nothing. */
  void feedSaysLeadChanged(long lead) {
    server.on("/rest/v1/activities/pagingtoken.json", Reply.json("{\"success\":true,\"nextPageToken\":\"T0\"}"));
    server.on("/rest/v1/activities/leadchanges.json", request -> request.query().contains("nextPageToken=T0")
        ? Reply.json("{\"success\":true,\"nextPageToken\":\"T1\",\"moreResult\":false,\"result\":[{\"id\":1,\"marketoGUID\":\"1\","
            + "\"leadId\":" + lead + ",\"activityDate\":\"" + nowText() + "\",\"activityTypeId\":13,\"fields\":[{\"id\":1,\"name\":\"title\","
            + "\"newValue\":\"CEO\",\"oldValue\":\"CTO\"}]}]}")
        : Reply.json("{\"success\":true,\"nextPageToken\":\"T1\",\"moreResult\":false}"));
    server.on("/rest/v1/activities/deletedleads.json", Reply.json("{\"success\":true,\"nextPageToken\":\"D1\",\"moreResult\":false}"));
    server.on("/rest/v1/activities.json", Reply.json("{\"success\":true,\"nextPageToken\":\"M1\",\"moreResult\":false}"));
  }

  String nowText() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /** A lead as Marketo sends it from leads.json, eligible, with every standard field. */
  static ObjectNode lead(long id) {
    ObjectNode lead = JSON.createObjectNode();
    SamplePeople.sourceValues(id, SourceFields.standard(), OWNER).forEach(lead::put);
    lead.put("id", id);
    lead.put("updatedAt", "2026-01-01T00:00:00Z");
    return lead;
  }

  /** A leads.json answer holding these leads. */
  static String leadsAnswer(ObjectNode... leads) {
    ObjectNode body = JSON.createObjectNode();
    body.put("requestId", "1#1");
    body.put("success", true);
    var result = body.putArray("result");
    for (ObjectNode lead : leads) {
      result.add(lead);
    }
    return body.toString();
  }

  /** Scripts a completed bulk export whose file is {@code csv}, announcing {@code records} rows. */
  void bulkExport(byte[] csv, long records) {
    server.on("/bulk/v1/leads/export/create.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Created\"}]}"));
    server.on("/bulk/v1/leads/export/E1/enqueue.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Queued\"}]}"));
    server.on("/bulk/v1/leads/export/E1/status.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Completed\","
        + "\"numberOfRecords\":" + records + ",\"fileSize\":" + csv.length + ",\"fileChecksum\":\"" + sha256(csv) + "\"}]}"));
    server.on("/bulk/v1/leads/export/E1/file.json", Reply.of(200, "text/csv", csv));
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An empty store ready for an initial sync. */
  InMemoryPersonStore emptyStore() {
    return new InMemoryPersonStore();
  }

  boolean stored(long id) {
    return store.findById(PersonId.of(id)).isPresent();
  }

  Map<String, String> positionParts() {
    String[] parts = store.checkpoint().orElseThrow().changePosition().value().split("\\|", -1);
    return Map.of("since", parts[1], "leadChanges", parts[2]);
  }

  @Override
  public void close() {
    server.close();
  }
}
