package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code unisync run --config}: the whole file is checked before anything is touched, every problem listed with its path. */
class RunConfigTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  @Test
  void everyProblemIsListedWithItsPathBeforeAnythingIsTouched() throws Exception {
    Path config = write(String.join("\n",
        "tenant: \"bad tenant!\"",
        "databse:",
        "  url: \"jdbc:h2:mem:x\"",
        "database:",
        "  url: \"mysql://db/app\"",
        "  pasword: secret",
        "marketo:",
        "  baseUrl: http://284-RPR-133.mktorest.com/",
        "  clientId: id",
        "  clientSecret: s",
        "  snapshotStart: 2099-01-01T00:00:00Z",
        "  createActivityTypes: \"perhaps\"",
        "schedul:",
        "  personSyncSeconds: 5",
        "schedule:",
        "  personSyncSeconds: 0",
        "  deliverySeconds: 99999999999999999999",
        "  twoWaySeconds: \"60\"",
        ""));

    assertThatThrownBy(() -> RunConfig.load(config, Map.of(), CLOCK))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).startsWith("databse is not a known key (did you mean database?)"),
            p -> assertThat(p).startsWith("database.pasword is not a known key (did you mean database.password?)"),
            p -> assertThat(p).startsWith("schedul is not a known key (did you mean schedule?)"),
            p -> assertThat(p).startsWith("tenant must be 1 to 64 characters"),
            p -> assertThat(p).startsWith("database.url must be a PostgreSQL"),
            p -> assertThat(p).startsWith("marketo.baseUrl must use https"),
            p -> assertThat(p).startsWith("marketo.baseUrl must not end with '/'"),
            p -> assertThat(p).startsWith("marketo.snapshotStart must not be in the future"),
            p -> assertThat(p).isEqualTo("marketo.createActivityTypes must be true or false (was 'perhaps')"),
            p -> assertThat(p).startsWith("schedule.personSyncSeconds must be a whole number from 1 to 86400 (was the number 0)"),
            p -> assertThat(p).startsWith("schedule.deliverySeconds must be a whole number from 1 to 86400"),
            p -> assertThat(p).startsWith("schedule.twoWaySeconds must be a whole number from 1 to 86400 (was '60')")));
  }

  @Test
  void aWrongTypeIsReportedAsSuchNotAsMissing() throws Exception {
    Path config = write(String.join("\n",
        "tenant: [a, b]",
        "database: \"jdbc:h2:mem:x\"",
        "marketo:",
        "  baseUrl: https://284-RPR-133.mktorest.com",
        "  clientId: { nested: true }",
        "  clientSecret: s",
        ""));

    assertThatThrownBy(() -> RunConfig.load(config, Map.of(), CLOCK))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).contains(
            "tenant must be text (was a list)",
            "database must be a mapping with url, username, password (was 'jdbc:h2:mem:x')",
            "marketo.clientId must be text (was a mapping)"));
  }

  @Test
  void theCommandExitsWithTwoAndCreatesNoDatabaseForABadConfiguration() throws Exception {
    Path database = dir.resolve("never");
    Path config = write(String.join("\n",
        "tenant: acme",
        "database:",
        "  url: \"jdbc:h2:file:" + database.toAbsolutePath() + "\"",
        "marketo:",
        "  baseUrl: https://284-RPR-133.mktorest.com",
        "  clientId: id",
        "  clientSecret: s",
        "schedule:",
        "  personSyncSeconds: 0",
        ""));

    int status = new CommandLine(new UnisyncCli()).execute("run", "--config", config.toString());

    assertThat(status).isEqualTo(2);
    assertThat(Files.list(dir)).noneMatch(p -> p.getFileName().toString().startsWith("never"));
  }

  @Test
  void aGoodConfigurationLoads() throws Exception {
    Path config = write(String.join("\n",
        "tenant: 284-RPR-133",
        "database: { url: \"jdbc:postgresql://db:5432/app\", username: unisync }",
        "marketo:",
        "  baseUrl: https://284-RPR-133.mktorest.com",
        "  clientId: id",
        "  snapshotStart: 2015-01-01T00:00:00Z",
        "  mixedSnapshot: true",
        "  createActivityTypes: false",
        "schedule: { personSyncSeconds: 60, deliverySeconds: 10, twoWaySeconds: 300 }",
        ""));

    RunConfig loaded = RunConfig.load(config, Map.of("UNISYNC_MARKETO_CLIENT_SECRET", "s3cret"), CLOCK);

    assertThat(loaded.onlyTenant().id()).isEqualTo("284-RPR-133");
    assertThat(Runner.marketoSettings(loaded.onlyTenant()).snapshot().mixed()).as("marketo.mixedSnapshot").isTrue();
    assertThat(loaded.personSyncEvery().toSeconds()).isEqualTo(60);
    assertThat(loaded.toString()).doesNotContain("s3cret");
  }

  @Test
  void manyTenantsLoadWithTheirOwnSecretsFromTheEnvironment() throws Exception {
    Path config = write(String.join("\n",
        "database: { url: \"jdbc:postgresql://db:5432/app\" }",
        "replica: { group: prod, maxTenants: 5 }",
        "tenants:",
        "  - id: acme",
        "    marketo: { baseUrl: \"https://111-AAA-111.mktorest.com\", clientId: a }",
        "  - id: globex.eu",
        "    marketo: { baseUrl: \"https://222-BBB-222.mktorest.com\", clientId: g }",
        "    salesforce: { tokenUrl: \"https://globex.my.salesforce.com\", clientId: sf }",
        ""));

    RunConfig loaded = RunConfig.load(config, Map.of("UNISYNC_MARKETO_CLIENT_SECRET", "shared",
        "UNISYNC_MARKETO_CLIENT_SECRET_GLOBEX_EU", "own", "UNISYNC_SALESFORCE_CLIENT_SECRET_GLOBEX_EU", "sf-own"), CLOCK);

    assertThat(loaded.tenantIds()).containsExactly("acme", "globex.eu");
    assertThat(loaded.tenants().get(0).marketoClientSecret()).isEqualTo("shared");
    assertThat(loaded.tenants().get(1).marketoClientSecret()).isEqualTo("own");
    assertThat(loaded.tenants().get(1).salesforceClientSecret()).isEqualTo("sf-own");
    assertThat(loaded.tenants().get(0).salesforce()).isEmpty();
    assertThat(loaded.replicaGroup()).isEqualTo("prod");
    assertThat(loaded.replicaMaxTenants()).isEqualTo(5);
    assertThat(loaded.toString()).doesNotContain("shared", "own\"", "sf-own");
    assertThatThrownBy(loaded::onlyTenant).hasMessageContaining("2 tenants");
  }

  @Test
  void problemsInATenantListNameTheTenantsPlace() throws Exception {
    Path config = write(String.join("\n",
        "tenant: mixed",
        "database: { url: \"jdbc:h2:mem:x\" }",
        "tenants:",
        "  - id: acme",
        "    marketo: { baseUrl: \"https://111-AAA-111.mktorest.com\", clientId: a, clientSecret: s }",
        "  - id: acme",
        "    marketo: { baseUrl: \"http://222-BBB-222.mktorest.com\", clientId: g, clientSecret: s, bulkPolSeconds: 3 }",
        "  - marketo: { clientId: x }",
        "  - just text",
        ""));

    assertThatThrownBy(() -> RunConfig.load(config, Map.of(), CLOCK))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).startsWith("tenants[1].marketo.bulkPolSeconds is not a known key (did you mean tenants[1].marketo.bulkPollSeconds?)"),
            p -> assertThat(p).startsWith("tenants cannot be used together with tenant"),
            p -> assertThat(p).startsWith("tenants[1].marketo.baseUrl must use https"),
            p -> assertThat(p).isEqualTo("tenants[2].id is required"),
            p -> assertThat(p).isEqualTo("tenants[2].marketo.baseUrl is required"),
            p -> assertThat(p).startsWith("tenants[2].marketo.clientSecret is required (or set UNISYNC_MARKETO_CLIENT_SECRET_"),
            p -> assertThat(p).startsWith("tenants[3] must be a mapping"),
            p -> assertThat(p).isEqualTo("tenants: the id acme is listed more than once")));
  }

  @Test
  void aLoopbackUrlTheConfigurationAcceptsIsOneTheSettingsAcceptToo() throws Exception {
    Path config = write(String.join("\n",
        "tenant: t1",
        "database: { url: \"jdbc:h2:mem:x\" }",
        "marketo: { baseUrl: \"http://[::1]:8080\", clientId: id }",
        "salesforce: { tokenUrl: \"http://[::1]:8443\", clientId: sf }",
        ""));

    RunConfig loaded = RunConfig.load(config, Map.of("UNISYNC_MARKETO_CLIENT_SECRET", "a", "UNISYNC_SALESFORCE_CLIENT_SECRET", "b"), CLOCK);

    RunConfig.TenantConfig t = loaded.onlyTenant();
    // before, the check took [::1] and SalesforceSettings refused it: `unisync run` then failed every round for ever
    assertThat(io.unisync.salesforce.SalesforceSettings.of(t.salesforceTokenUrl(),
        new io.unisync.salesforce.SalesforceAuth.ClientCredentials("sf", "b")).tokenUrl()).isEqualTo(t.salesforceTokenUrl());
    assertThat(io.unisync.marketo.MarketoSettings.of(t.marketoUrl(), "id", "a").baseUrl()).isEqualTo(t.marketoUrl());
  }

  @Test
  void aKeyGivenTwiceIsReportedNotSilentlyOverwritten() throws Exception {
    Path config = write(String.join("\n",
        "tenant: t1",
        "database: { url: \"jdbc:h2:mem:x\" }",
        "marketo:",
        "  baseUrl: https://284-RPR-133.mktorest.com",
        "  clientId: first",
        "  clientId: second",
        ""));

    assertThatThrownBy(() -> RunConfig.load(config, Map.of("UNISYNC_MARKETO_CLIENT_SECRET", "a"), CLOCK))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("the key 'clientId' is given twice", "line 6");
  }

  @Test
  void aSyntaxErrorNamesTheLineButNeverQuotesIt() throws Exception {
    Path config = write(String.join("\n",
        "tenant: t1",
        "database: { url: \"jdbc:h2:mem:x\" }",
        "marketo:",
        "  baseUrl: https://284-RPR-133.mktorest.com",
        "  clientId: id",
        "  clientSecret: \"MySecret-123",
        "schedule: { personSyncSeconds: 60 }",
        ""));

    assertThatThrownBy(() -> RunConfig.load(config, Map.of(), CLOCK))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot be read as YAML at line")
        .hasMessageNotContaining("MySecret-123").hasMessageNotContaining("MySecret");
  }

  @Test
  void credentialsInsideAUrlAreRefusedAndNeverEchoed() throws Exception {
    Path config = write(String.join("\n",
        "tenant: t1",
        "database: { url: \"jdbc:h2:mem:x\" }",
        "marketo: { baseUrl: \"https://admin:S3cret@284-RPR-133.mktorest.com\", clientId: id }",
        ""));

    assertThatThrownBy(() -> RunConfig.load(config, Map.of("UNISYNC_MARKETO_CLIENT_SECRET", "a"), CLOCK))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("marketo.baseUrl must not carry credentials")
        .hasMessageNotContaining("S3cret");
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("unisync.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
