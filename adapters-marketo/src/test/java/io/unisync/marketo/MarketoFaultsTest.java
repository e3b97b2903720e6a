package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.error.AdapterException;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.port.ChangeBatch;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.core.port.SourcePosition;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.sim.MarketoFault;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One test per error code and fault: the client retries, renews, pauses, or fails with a clear error. */
class MarketoFaultsTest {

  final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T15:00:00Z"));
  final MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(500, 7), MarketoSimulator.Options.unlimited(), clock);
  final Marketo marketo = Simulators.connect(sim, clock, Instant.parse("2024-01-01T00:00:00Z"));
  final MarketoUnsubscribeStatus status = marketo.unsubscribeStatus();

  @AfterEach
  void stop() {
    sim.close();
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTP_500", "HTTP_502_HTML", "TRUNCATED_BODY", "ERROR_604", "ERROR_606",
      "ERROR_608", "ERROR_611", "ERROR_615", "ERROR_713"})
  void aTransientFailureIsRetriedAndTheCallSucceeds(MarketoFault fault) {
    sim.failNext("/rest/v1/leads.json", fault);

    boolean unsubscribed = status.isUnsubscribed(PersonId.of(3));

    assertThat(unsubscribed).isEqualTo(Boolean.parseBoolean(sim.lead(3).orElseThrow().get("unsubscribed")));
    assertThat(marketo.retries()).as("retried once").isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(names = {"ERROR_601", "ERROR_602"})
  void anInvalidOrExpiredTokenIsRenewedOnceAndTheCallRepeated(MarketoFault fault) {
    status.isUnsubscribed(PersonId.of(1));
    long identityBefore = sim.identityCalls();
    sim.failNext("/rest/v1/leads.json", fault);

    status.isUnsubscribed(PersonId.of(2));

    assertThat(sim.identityCalls() - identityBefore).isEqualTo(1);
    assertThat(marketo.retries()).as("a renewal is not a retry").isZero();
  }

  @Test
  void concurrentCallsWithAnExpiredTokenShareOneRenewal() throws Exception {
    status.isUnsubscribed(PersonId.of(1));
    sim.expireTokens();
    long identityBefore = sim.identityCalls();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      long id = 10 + i;
      calls.add(pool.submit(() -> status.isUnsubscribed(PersonId.of(id))));
    }
    for (Future<Boolean> call : calls) {
      call.get();
    }
    pool.shutdown();

    // our cached token still looked valid, each call got 602, and the single-flight renewal fetched once
    // (a second fetch can only come from a call whose 602 arrived after the renewal finished)
    assertThat(sim.identityCalls() - identityBefore).isBetween(1L, 2L);
  }

  @Test
  void aPersistentServerErrorSurfacesAsRetryableAfterMaxRetries() {
    for (int i = 0; i < 5; i++) {
      sim.failNext("/rest/v1/leads.json", MarketoFault.HTTP_500);
    }

    assertThatThrownBy(() -> status.isUnsubscribed(PersonId.of(1)))
        .isInstanceOf(RetryableAdapterException.class)
        .hasMessageContaining("failed after 5 attempts").hasMessageContaining("HTTP 500");
  }

  @Test
  void byDefaultAnInteractiveCallMakesOneAttemptWhileABackgroundCallRetries() {
    Marketo defaults = Marketo.connect(Simulators.settings(sim, Instant.parse("2024-01-01T00:00:00Z"))
        .withRetry(io.unisync.core.retry.RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(50))), clock);
    defaults.unsubscribeStatus().isUnsubscribed(PersonId.of(1)); // token and warm-up
    long before = defaults.calls();
    sim.failNext("/rest/v1/leads.json", MarketoFault.HTTP_500);

    assertThatThrownBy(() -> defaults.unsubscribeStatus().isUnsubscribed(PersonId.of(2)))
        .isInstanceOf(RetryableAdapterException.class).hasMessageContaining("failed after 1 attempt: HTTP 500");
    assertThat(defaults.calls() - before).as("a seller is waiting: no second try").isEqualTo(1);
    assertThat(defaults.retries()).isZero();

    sim.failNext("/rest/v1/activities/external.json", MarketoFault.HTTP_500);
    MarketoActivitySink sink = defaults.activitySink();
    sink.verify();
    assertThat(sink.deliver(List.of(io.unisync.testkit.SampleActivities.activity(1, 7, clock.instant()))))
        .singleElement().isInstanceOf(io.unisync.core.port.DeliveryOutcome.Delivered.class);
    assertThat(defaults.retries()).as("the background write was tried again").isEqualTo(1);
  }

  @Test
  void theDailyQuotaPausesAllCallsUntilMidnightInChicago() {
    sim.failNext("/rest/v1/leads.json", MarketoFault.ERROR_607);
    Instant midnight = ZonedDateTime.now(clock.withZone(ZoneId.of("America/Chicago"))).toLocalDate().plusDays(1)
        .atStartOfDay(ZoneId.of("America/Chicago")).toInstant();

    assertThatThrownBy(() -> status.isUnsubscribed(PersonId.of(1)))
        .isInstanceOfSatisfying(RetryableAdapterException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.between(clock.instant(), midnight)));
    long callsBefore = sim.calls();
    assertThatThrownBy(() -> status.isUnsubscribed(PersonId.of(2))).isInstanceOf(RetryableAdapterException.class)
        .hasMessageContaining("resume at " + midnight);
    assertThat(sim.calls()).as("paused: no call reaches Marketo").isEqualTo(callsBefore);

    clock.set(midnight.plusSeconds(1));
    assertThat(status.unsubscribed(List.of(PersonId.of(2)))).containsKey(PersonId.of(2));
  }

  @Test
  void aConnectionResetOnAWriteIsRetriedByTheClient() {
    // (the JDK's HttpClient repeats an idempotent GET itself once; a POST is ours to repeat)
    MarketoActivitySink sink = marketo.activitySink();
    sink.verify();
    sim.failNext("/rest/v1/activities/external.json", MarketoFault.CONNECTION_RESET);

    var outcomes = sink.deliver(List.of(io.unisync.testkit.SampleActivities.activity(1, 7, clock.instant())));

    assertThat(outcomes).singleElement().isInstanceOf(io.unisync.core.port.DeliveryOutcome.Delivered.class);
    assertThat(marketo.retries()).isEqualTo(1);
  }

  @Test
  void aFatalErrorCodeFailsAtOnceNamingTheCode() {
    sim.failNext("/rest/v1/leads.json", MarketoFault.ERROR_603);

    assertThatThrownBy(() -> status.isUnsubscribed(PersonId.of(1)))
        .isInstanceOf(AdapterException.class).isNotInstanceOf(RetryableAdapterException.class)
        .hasMessageContaining("603").hasMessageContaining("Access denied");
    assertThat(marketo.retries()).isZero();
  }

  @Test
  void aRejectedPagingTokenIsMintedAgainFromTheStoredDate() {
    MarketoPersonSource source = marketo.personSource();
    clock.advance(Duration.ofSeconds(1));
    sim.updateLead(9, "title", "Token Survivor");

    ChangeBatch batch = source.readChanges(new SourcePosition("v1|" + clock.instant().minusSeconds(1) + "|bogus|bogus|bogus"), 300);

    assertThat(batch.changes()).anySatisfy(c -> assertThat(c.affected()).contains(PersonId.of(9)));
  }

  @Test
  void badCredentialsAreAConfigurationErrorThatNamesTheClientButNotTheSecret() {
    MarketoSettings wrong = MarketoSettings.of(sim.baseUrl(), "wrong-id", "very-secret-value");
    MarketoUnsubscribeStatus refused = Marketo.connect(wrong, clock).unsubscribeStatus();

    assertThatThrownBy(() -> refused.isUnsubscribed(PersonId.of(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("wrong-id").hasMessageContaining("invalid_client")
        .hasMessageNotContaining("very-secret-value");
    assertThat(wrong.toString()).doesNotContain("very-secret-value");
  }

  @Test
  void settingsListEveryProblemAndRequireHttpsOffLoopback() {
    assertThatThrownBy(() -> MarketoSettings.of(URI.create("http://284-RPR-133.mktorest.com"), "", "")
        .withRateLimit(0, Duration.ofSeconds(20), 0, 2.0))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).contains("https"))
            .anySatisfy(p -> assertThat(p).contains("clientId"))
            .anySatisfy(p -> assertThat(p).contains("clientSecret")));
  }

  @Test
  void emptyPagesWithMoreToComeAreFollowed() {
    MarketoPersonSource source = marketo.personSource();
    SourcePosition start = source.currentPosition();
    clock.advance(Duration.ofSeconds(1));
    sim.updateLead(5, "title", "Chief Follower");
    sim.failNext("/rest/v1/activities/leadchanges.json", MarketoFault.EMPTY_PAGE_WITH_MORE);
    sim.failNext("/rest/v1/activities/leadchanges.json", MarketoFault.EMPTY_PAGE_WITH_MORE);

    ChangeBatch batch = source.readChanges(start, 300);

    assertThat(batch.changes()).anySatisfy(c -> assertThat(c.affected()).contains(PersonId.of(5)));
  }

  @Test
  void aCutOffBulkDownloadContinuesWithARangeRequest() {
    MarketoPersonSource source = marketo.personSource();
    sim.failNext("/file.json", MarketoFault.TRUNCATED_BODY);

    List<SourceRecord> all = new ArrayList<>();
    Optional<SnapshotPosition> position = Optional.empty();
    SnapshotPage page;
    do {
      page = source.readSnapshot(position, 1_000);
      all.addAll(page.records());
      position = Optional.of(page.resumeAfter());
    } while (!page.last());

    assertThat(all).hasSize(500);
    assertThat(all.stream().map(SourceRecord::sourceId).distinct()).hasSize(500);
  }

  @Test
  void aNewReaderResumesAnExportFromAStoredPosition() {
    SnapshotPage first;
    Optional<SnapshotPosition> position = Optional.empty();
    do {
      first = marketo.personSource().readSnapshot(position, 100);
      position = Optional.of(first.resumeAfter());
    } while (first.records().isEmpty());
    List<String> ids = new ArrayList<>(first.records().stream().map(SourceRecord::sourceId).toList());

    // a new process: new source, position from the store
    MarketoPersonSource restarted = Simulators.connect(sim, clock, Instant.parse("2024-01-01T00:00:00Z")).personSource();
    SnapshotPage page;
    do {
      page = restarted.readSnapshot(position, 100);
      page.records().forEach(r -> ids.add(r.sourceId()));
      position = Optional.of(page.resumeAfter());
    } while (!page.last());

    assertThat(ids).hasSize(500).doesNotHaveDuplicates();
  }

  @Test
  void missingCustomActivityTypesFailAtStartupNamingEachOne() {
    MarketoActivitySink sink = Marketo.connect(Simulators.settings(sim, Instant.parse("2024-01-01T00:00:00Z"))
        .withCreateActivityTypes(false), clock).activitySink();

    assertThatThrownBy(sink::verify).isInstanceOfSatisfying(ConfigurationException.class, e -> {
      assertThat(e.problems()).hasSize(8);
      assertThat(e.getMessage()).contains("unisyncSendSalesEmail", "Sales Call Received", "createActivityTypes");
    });
  }

  @Test
  void aFullBulkQueueIsWaitedOut() {
    sim.failNext("/enqueue.json", MarketoFault.ERROR_1029);
    MarketoPersonSource source = marketo.personSource();

    SnapshotPage page;
    Optional<SnapshotPosition> position = Optional.empty();
    long records = 0;
    do {
      page = source.readSnapshot(position, 1_000);
      records += page.records().size();
      position = Optional.of(page.resumeAfter());
    } while (!page.last());

    assertThat(records).isEqualTo(500);
    assertThat(marketo.retries()).isPositive();
  }
}
