package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.marketo.MarketoSettings;
import io.unisync.salesforce.SalesforceSettings;
import io.unisync.spring.UnisyncProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's YAML and the Spring Boot starter's properties are two front-ends on one library: from equal settings they
 * must configure the adapters equally (both then assemble the engine with {@code SyncEngine.Builder.wiredTo}, and the
 * runner's fence with {@code fencedBy}). Before issue 25 they had drifted: the starter started the snapshot in 2006 and
 * polled exports every 30 s, the library and the CLI in 2010 and every 60 s.
 */
class FrontEndsAgreeTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  @Test
  void withNothingButWhereAndWhoBothFrontEndsGiveTheLibrarysDefaults() throws Exception {
    RunConfig.TenantConfig cli = cli("""
        tenant: acme
        database: { url: "jdbc:h2:mem:x" }
        marketo: { baseUrl: "https://284-RPR-133.mktorest.com", clientId: id, clientSecret: secret }
        salesforce: { tokenUrl: "https://acme.my.salesforce.com", clientId: sf, clientSecret: sfsecret }
        """);
    UnisyncProperties spring = spring();

    MarketoSettings fromCli = Runner.marketoSettings(cli);
    MarketoSettings fromSpring = spring.getMarketo().settings(spring.getRetry().policy());
    SalesforceSettings salesforceFromCli = Runner.salesforceSettings(cli);

    assertThat(fromSpring).isEqualTo(fromCli).isEqualTo(MarketoSettings.of(URI.create("https://284-RPR-133.mktorest.com"), "id", "secret"));
    assertThat(spring.getSalesforce().settings(spring.getRetry().policy())).contains(salesforceFromCli);
    assertThat(Runner.activityOptions(RunConfig.load(file(CLI_MINIMAL), Map.of(), CLOCK))).as("delivery options")
        .isEqualTo(ActivityOptions.defaults());
  }

  @Test
  void everyKnobBothFrontEndsOfferLandsInEqualSettings() throws Exception {
    RunConfig.TenantConfig cli = cli("""
        tenant: acme
        database: { url: "jdbc:h2:mem:x" }
        marketo:
          baseUrl: "https://284-RPR-133.mktorest.com"
          clientId: id
          clientSecret: secret
          snapshotStart: 2019-05-01T00:00:00Z
          bulkPollSeconds: 15
          createActivityTypes: true
          callsPerWindow: 50
        """);
    UnisyncProperties spring = spring();
    spring.getMarketo().setSnapshotStart(Instant.parse("2019-05-01T00:00:00Z"));
    spring.getMarketo().setBulkPoll(Duration.ofSeconds(15));
    spring.getMarketo().setCreateActivityTypes(true);
    spring.getMarketo().setCallsPerWindow(50);
    spring.getSalesforce().setTokenUrl(null);

    MarketoSettings fromCli = Runner.marketoSettings(cli);

    assertThat(spring.getMarketo().settings(spring.getRetry().policy())).isEqualTo(fromCli);
    assertThat(fromCli.snapshot().start()).isEqualTo(Instant.parse("2019-05-01T00:00:00Z"));
    assertThat(fromCli.rateLimit().calls()).isEqualTo(50);
    assertThat(Runner.salesforceSettings(cli)).isNull();
    assertThat(spring.getSalesforce().settings(spring.getRetry().policy())).isEmpty();
  }

  @Test
  void bothFrontEndsScheduleAndLeaseOnTheLibrarysSuggestedPeriods() throws Exception {
    RunConfig cli = RunConfig.load(file(CLI_MINIMAL), Map.of(), CLOCK);
    UnisyncProperties spring = spring();
    SyncRunner.Schedule suggested = SyncRunner.Schedule.suggested().build();

    SyncRunner.Schedule fromCli = SyncRunner.Schedule.builder().personSync(cli.personSyncEvery()).delivery(cli.deliveryEvery())
        .optOuts(cli.twoWayEvery()).reminders(cli.twoWayEvery()).reconcile(cli.reconcileEvery().orElseThrow()).build();
    UnisyncProperties.Schedule s = spring.getSchedule();
    SyncRunner.Schedule fromSpring = SyncRunner.Schedule.builder().personSync(s.getPersonSync()).delivery(s.getDelivery())
        .optOuts(s.getOptOuts()).reminders(s.getReminders()).reconcile(s.getReconcile()).gracePeriod(s.getGracePeriod()).build();

    assertThat(fromCli).isEqualTo(suggested);
    assertThat(fromSpring).as("the starter's grace period was 5 minutes, documented as something else").isEqualTo(suggested);
    assertThat(spring.getShutdownTimeout()).isEqualTo(SyncRunner.Schedule.DEFAULT_GRACE_PERIOD);
    assertThat(cli.replicaLease()).isEqualTo(spring.getLease().getTtl()).isEqualTo(TenantRunner.Settings.DEFAULT_LEASE_TTL);
    assertThat(spring.getLease().getRenewEvery()).isEqualTo(TenantRunner.Settings.DEFAULT_RENEW_EVERY);
    assertThat(cli.replicaMaxTenants()).isEqualTo(TenantRunner.Settings.DEFAULT_MAX_TENANTS);
  }

  static final String CLI_MINIMAL = """
      tenant: acme
      database: { url: "jdbc:h2:mem:x" }
      marketo: { baseUrl: "https://284-RPR-133.mktorest.com", clientId: id, clientSecret: secret }
      """;

  private RunConfig.TenantConfig cli(String yaml) throws Exception {
    return RunConfig.load(file(yaml), Map.of(), CLOCK).tenants().get(0);
  }

  private Path file(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "unisync", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static UnisyncProperties spring() {
    UnisyncProperties p = new UnisyncProperties();
    p.setTenant("acme");
    p.getMarketo().setBaseUrl(URI.create("https://284-RPR-133.mktorest.com"));
    p.getMarketo().setClientId("id");
    p.getMarketo().setClientSecret("secret");
    p.getSalesforce().setTokenUrl(URI.create("https://acme.my.salesforce.com"));
    p.getSalesforce().setClientId("sf");
    p.getSalesforce().setClientSecret("sfsecret");
    p.validate();
    return p;
  }
}
