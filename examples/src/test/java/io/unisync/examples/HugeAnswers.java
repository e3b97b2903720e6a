package io.unisync.examples;

import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.ReminderTask;
import io.unisync.core.error.SyncException;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoLimits;
import io.unisync.marketo.MarketoSettings;
import io.unisync.salesforce.Salesforce;
import io.unisync.salesforce.SalesforceAuth;
import io.unisync.salesforce.SalesforceSettings;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.SampleActivities;
import io.unisync.testkit.SamplePeople;
import io.unisync.testkit.sim.HostileServer;
import io.unisync.testkit.sim.HostileServer.Reply;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Run in a JVM of 256 MB by {@code HugeAnswersTest}: every operation of both vendors' clients against a server whose
 * every answer never ends (gigabytes, if the client kept reading), the token endpoints included. Each operation must
 * end with a {@link SyncException}; an {@link OutOfMemoryError} ends this process with a non-zero code. Prints one
 * line per operation and the paths that were answered, then {@code survived}.
 */
public final class HugeAnswers {

  private static final String ENDLESS = "{\"success\":true,\"result\":[{\"id\":1,\"email\":\"flood@example.com\"},";

  private HugeAnswers() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    Clock clock = Clock.systemUTC();
    Map<String, Runnable> operations = new LinkedHashMap<>();
    TreeSet<String> paths = new TreeSet<>();
    try (HostileServer marketoServer = HostileServer.start(); HostileServer salesforceServer = HostileServer.start();
        HostileServer tokens = HostileServer.start(); HostileServer files = HostileServer.start()) {
      marketoServer.otherwise(request -> Reply.endless(ENDLESS));
      java.util.concurrent.atomic.AtomicInteger pagingTokens = new java.util.concurrent.atomic.AtomicInteger();
      // the first paging token answer never ends; later ones are fine, so the reads behind them are reached too
      marketoServer.on("/rest/v1/activities/pagingtoken.json", request -> pagingTokens.incrementAndGet() == 1 ? Reply.endless(ENDLESS)
          : Reply.json("{\"success\":true,\"nextPageToken\":\"T0\"}"));
      marketoServer.on("/rest/v1/activities/types.json", Reply.json("{\"success\":true,\"result\":[]}")); // so activities.json is reached
      Marketo marketo = Marketo.connect(marketoSettings(marketoServer), clock);
      operations.put("marketo pagingtoken.json", () -> marketo.activityHistory().recent(PersonId.of(1), clock.instant().minusSeconds(3600), 10));
      operations.put("marketo leads.json (send gate)", () -> marketo.unsubscribeStatus().isUnsubscribed(PersonId.of(1)));
      operations.put("marketo activities.json (Smart Grid)", () -> marketo.activityHistory().recent(PersonId.of(1), clock.instant().minusSeconds(3600), 10));
      operations.put("marketo change feeds", () -> marketo.personSource().readChanges(marketo.personSource().currentPosition(), 100));
      operations.put("marketo re-read by id", () -> marketo.personSource().readCurrent(List.of(PersonId.of(1), PersonId.of(2))));
      operations.put("marketo bulk create", () -> marketo.personSource().readSnapshot(Optional.empty(), 300));
      operations.put("marketo activity types and delivery", () -> marketo.activitySink().deliver(SampleActivities.oneOfEachKind(clock.instant())));

      files.on("/identity/oauth/token", Reply.json("{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":3600}"));
      files.otherwise(request -> Reply.json("{\"success\":true,\"result\":[]}"));
      files.on("/bulk/v1/leads/export/create.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Created\"}]}"));
      files.on("/bulk/v1/leads/export/E1/enqueue.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Queued\"}]}"));
      files.on("/bulk/v1/leads/export/E1/status.json", Reply.json("{\"success\":true,\"result\":[{\"exportId\":\"E1\",\"status\":\"Completed\","
          + "\"numberOfRecords\":5,\"fileSize\":420,\"fileChecksum\":\"sha256:00\"}]}"));
      files.on("/bulk/v1/leads/export/E1/file.json", Reply.endless("1,Flood,Row,005000000000001AAA,2026-01-01T00:00:00Z\n"));
      Marketo exporting = Marketo.connect(marketoSettings(files), clock);
      operations.put("marketo export file", () -> {
        var source = exporting.personSource();
        Optional<io.unisync.core.port.SnapshotPosition> at = Optional.empty();
        for (int page = 0; page < 10; page++) { // create, then read: the file fails (bounded by its job), exported again twice
          at = Optional.of(source.readSnapshot(at, 300).resumeAfter());
        }
      });

      tokens.otherwise(request -> Reply.endless(ENDLESS));
      tokens.on("/identity/oauth/token", Reply.endless(ENDLESS));
      Marketo noToken = Marketo.connect(marketoSettings(tokens), clock);
      operations.put("marketo identity token", () -> noToken.unsubscribeStatus().isUnsubscribed(PersonId.of(1)));
      Salesforce sfNoToken = Salesforce.connect(salesforceSettings(tokens), clock);
      operations.put("salesforce oauth token", () -> sfNoToken.crmOptOuts().changesSince(Optional.empty()));

      salesforceServer.on("/services/oauth2/token", Reply.json("{\"access_token\":\"t\",\"instance_url\":\"" + salesforceServer.baseUrl()
          + "\",\"id\":\"https://login.salesforce.com/id/00D000000000001AAA/005000000000001INT\",\"token_type\":\"Bearer\"}"));
      salesforceServer.otherwise(request -> Reply.endless("{\"done\":true,\"records\":[{\"Id\":\"003000000000001AAA\"},"));
      Salesforce salesforce = Salesforce.connect(salesforceSettings(salesforceServer), clock);
      var person = SamplePeople.person(1).with(PersonField.SALESFORCE_CONTACT_ID, "003000000000001AAA");
      InMemoryPersonStore people = new InMemoryPersonStore();
      operations.put("salesforce queryAll (opt-outs)", () -> salesforce.crmOptOuts().changesSince(Optional.empty()));
      operations.put("salesforce composite PATCH (opt-out push)", () -> salesforce.crmOptOuts().optOut(List.of("003000000000001AAA")));
      operations.put("salesforce query (directory)", () -> salesforce.crmDirectory().lookUp(List.of(person), clock.instant()));
      operations.put("salesforce composite POST (Tasks)", () -> salesforce.activitySink("huge").deliver(
          List.of(SampleActivities.activity(1, 1, clock.instant())),
          Map.of(PersonId.of(1), new CrmLinks(PersonId.of(1), null, "003000000000001AAA", null, List.of(), clock.instant()))));
      operations.put("salesforce reminders", () -> salesforce.crmTasks(people).push(List.of(new ReminderTask("r-1", PersonId.of(1),
          "Call back", LocalDate.of(2026, 12, 24), false, Instant.parse("2026-12-01T00:00:00Z"), null))));

      int failedRight = 0;
      for (Map.Entry<String, Runnable> operation : operations.entrySet()) {
        try {
          operation.getValue().run();
          out.println("ANSWERED " + operation.getKey());
        } catch (SyncException e) {
          failedRight++;
          String message = String.valueOf(e.getMessage());
          out.println("BOUNDED " + operation.getKey() + ": " + e.getClass().getSimpleName() + ": "
              + message.substring(0, Math.min(160, message.length())));
        }
      }
      for (HostileServer server : List.of(marketoServer, salesforceServer, tokens, files)) {
        paths.addAll(server.requestedPaths());
      }
      paths.forEach(path -> out.println("PATH " + path));
      out.println("heap used MB " + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024)
          + " of max " + Runtime.getRuntime().maxMemory() / (1024 * 1024));
      out.println(failedRight == operations.size() ? "survived" : "some operation was answered");
    }
    System.exit(0);
  }

  private static MarketoSettings marketoSettings(HostileServer server) {
    return MarketoSettings.of(server.baseUrl(), "client", "secret")
        .withRetry(io.unisync.core.retry.RetryPolicy.defaults().withBackground(2, Duration.ofSeconds(20))
            .withInteractive(1, Duration.ofSeconds(20)).withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)))
        .withRequestTimeout(Duration.ofSeconds(10))
        .withBulk(true, Instant.parse("2026-11-01T00:00:00Z"), Duration.ofDays(31), Duration.ZERO)
        .withLimits(MarketoLimits.defaults().withMaxExportPolls(3).withExportDownloadDeadline(Duration.ofSeconds(20)));
  }

  private static SalesforceSettings salesforceSettings(HostileServer server) {
    return SalesforceSettings.of(server.baseUrl(), new SalesforceAuth.ClientCredentials("client", "secret"))
        .withRetries(1, Duration.ofMillis(5), Duration.ofMillis(10)).withRequestTimeout(Duration.ofSeconds(10));
  }
}
