package io.unisync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncReport;
import io.unisync.core.error.ConfigurationException;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.marketo.Marketo;
import io.unisync.micrometer.UnisyncMetrics;
import io.unisync.salesforce.Salesforce;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration's conditions, overrides and failures, on a real Marketo simulator and H2. */
class UnisyncAutoConfigurationTest {

  private static MarketoSimulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = MarketoSimulator.start(SyntheticPeople.of(300, 11), MarketoSimulator.Options.unlimited(), Clock.systemUTC());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(UnisyncAutoConfiguration.class));

  private ApplicationContextRunner configured() {
    return runner.withUserConfiguration(H2.class).withPropertyValues(
        "unisync.tenant=acme",
        "unisync.marketo.base-url=" + sim.baseUrl(),
        "unisync.marketo.client-id=" + MarketoSimulator.CLIENT_ID,
        "unisync.marketo.client-secret=" + MarketoSimulator.CLIENT_SECRET,
        "unisync.marketo.snapshot-start=2023-12-01T00:00:00Z",
        "unisync.marketo.bulk-poll=PT0.05S",
        "unisync.marketo.calls-per-window=100000", // the simulator does not enforce the limit; a 20 s wait is not what this is about
        "unisync.marketo.create-activity-types=true",
        "unisync.schedule.person-sync=PT0.2S",
        "unisync.schedule.delivery=PT0.2S",
        "unisync.lease.ttl=PT2S",
        "unisync.lease.renew-every=PT0.5S",
        "unisync.shutdown-timeout=PT5S");
  }

  @Test
  void withoutADataSourceNothingIsConfigured() {
    runner.withPropertyValues("unisync.marketo.base-url=" + sim.baseUrl())
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SyncEngine.class).doesNotHaveBean(JdbcDatabase.class));
  }

  @Test
  void switchedOffNothingIsConfigured() {
    configured().withPropertyValues("unisync.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SyncEngine.class).doesNotHaveBean(UnisyncRunner.class));
  }

  @Test
  void everyPropertyProblemIsListedAtOnce() {
    runner.withUserConfiguration(H2.class)
        .withPropertyValues("unisync.schedule.delivery=PT0S", "unisync.lease.ttl=PT10S", "unisync.lease.renew-every=PT9S",
            "unisync.retry.interactive-attempts=0")
        .run(context -> {
          assertThat(context).hasFailed();
          Throwable root = context.getStartupFailure();
          while (root != null && !(root instanceof ConfigurationException)) {
            root = root.getCause();
          }
          assertThat(root).isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
              "unisync.marketo.base-url is required (the instance's REST URL, e.g. https://123-ABC-456.mktorest.com)",
              "unisync.marketo.client-id is required",
              "unisync.marketo.client-secret is required (set UNISYNC_MARKETO_CLIENT_SECRET in the environment)",
              "unisync.schedule.delivery must be a positive duration (was PT0S)",
              "unisync.lease.renew-every must be at most half of unisync.lease.ttl, so the lease is renewed before it lapses",
              "unisync.retry.interactive-attempts must be between 1 and 10 (was 0)"));
        });
  }

  @Test
  void aBadPropertyFailsTheStartWithOneReadableListAndCreatesNoTable() {
    String url = "jdbc:h2:mem:bad-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    runner.withBean(DataSource.class, () -> h2(url))
        .withPropertyValues("unisync.shedule.delivery=PT5S", "unisync.marketo.clientid=x", "unisync.lease.ttl=PT10S",
            "unisync.lease.renew-every=PT9S")
        .run(context -> {
          assertThat(context).hasFailed();
          org.springframework.boot.diagnostics.FailureAnalysis analysis = new UnisyncFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis).as("the analyzer recognises the failure").isNotNull();
          assertThat(analysis.getDescription())
              .contains("unisync.shedule.delivery is not a Unisync property; did you mean unisync.schedule.delivery?")
              .contains("unisync.marketo.clientid is not a Unisync property; did you mean unisync.marketo.client-id?")
              .contains("unisync.marketo.base-url is required")
              .contains("unisync.lease.renew-every must be at most half of unisync.lease.ttl");
          assertThat(analysis.getDescription().split("unisync.shedule.delivery", -1)).as("each problem once").hasSize(2);
          assertThat(analysis.getAction()).contains("unisync.*");
        });
    try (java.sql.Connection c = h2(url).getConnection(); java.sql.ResultSet tables = c.createStatement()
        .executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
      tables.next();
      assertThat(tables.getInt(1)).as("no table created before the properties were checked").isZero();
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void whatTheAdapterRefusesIsNamedAsThePropertyInTheFirstRound() {
    configured().withPropertyValues("unisync.marketo.base-url=" + sim.baseUrl() + "/")
        .run(context -> {
          assertThat(context).hasFailed();
          Throwable root = context.getStartupFailure();
          while (root != null && !(root instanceof ConfigurationException)) {
            root = root.getCause();
          }
          assertThat(root).isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
              .containsExactly("unisync.marketo.base-url must not end with '/' (Marketo rejects double slashes)"));
        });
  }

  @Test
  void theKnownNamesAreThePropertiesTheIdeOffers() throws Exception {
    // the metadata the configuration processor wrote at compile time: what an IDE completes
    java.util.Set<String> offered = new java.util.TreeSet<>();
    try (java.io.InputStream in = UnisyncProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor's metadata").isNotNull();
      tools.jackson.databind.json.JsonMapper.shared().readTree(in).path("properties")
          .forEach(property -> offered.add(property.path("name").asString()));
    }
    assertThat(offered).contains("unisync.marketo.base-url", "unisync.schedule.reconcile");
    assertThat(UnknownProperties.known()).isEqualTo(offered);
  }

  @Test
  void oneRetryPolicyFromThePropertiesReachesBothClients() {
    configured().withPropertyValues("unisync.retry.interactive-deadline=PT1S", "unisync.retry.background-attempts=3",
            "unisync.salesforce.token-url=http://127.0.0.1:9", "unisync.salesforce.client-id=id", "unisync.salesforce.client-secret=s")
        .run(context -> {
          assertThat(context).hasNotFailed();
          io.unisync.core.retry.RetryPolicy expected = io.unisync.core.retry.RetryPolicy.defaults()
              .withInteractive(1, java.time.Duration.ofSeconds(1)).withBackground(3, java.time.Duration.ofMinutes(4));
          assertThat(context.getBean(io.unisync.marketo.Marketo.class).settings().retry()).isEqualTo(expected);
          assertThat(context.getBean(io.unisync.salesforce.Salesforce.class).settings().retry()).isEqualTo(expected);
        });
  }

  @Test
  void theContextSyncsTheTenantAndReportsHealthAndMetrics() {
    List<SyncReport> heard = new CopyOnWriteArrayList<>();
    configured()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean("hostListener", SyncListener.class, () -> new SyncListener() {
          @Override
          public void onFinished(SyncReport report) {
            heard.add(report);
          }
        })
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(SyncEngine.class).hasSingleBean(Marketo.class)
              .hasSingleBean(UnisyncRunner.class).hasSingleBean(UnisyncMetrics.class).hasSingleBean(UnisyncHealthIndicator.class)
              .doesNotHaveBean(Salesforce.class);
          SyncEngine engine = context.getBean(SyncEngine.class);
          long eligible = sim.existingIds().stream().filter(id -> sim.lead(id).orElseThrow().containsKey("sfdcLeadOwnerId")).count();
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          // the initial sync ends (its report reaches the listeners just after its last commit)
          while (heard.stream().noneMatch(r -> r.complete()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
          }
          assertThat(heard).as("the host's own listener bean hears the engine too").anyMatch(SyncReport::complete);
          assertThat(engine.people().count()).isEqualTo(eligible);
          assertThat(context.getBean(UnisyncRunner.class).leaseHeld()).isTrue();

          Health health = context.getBean(UnisyncHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("tenant", "acme").containsEntry("leaseHeld", true).containsKey("activities");

          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get("unisync.sync.passes").tag("tenant", "acme").tag("kind", "initial").timer().count()).isEqualTo(1);
          assertThat(registry.get("unisync.people.stored").gauge().value()).isEqualTo(eligible);
          assertThat(registry.get("unisync.api.admissions").tag("outcome", "granted").timer().count()).isPositive();
        });
  }

  @Test
  void withoutAMeterRegistryThereAreNoMetricsAndDeclaredBeansWin() {
    SyncEngine hostEngine = SyncEngine.builder().personSource(new InMemoryPersonSource(Clock.systemUTC()))
        .personStore(new InMemoryPersonStore()).build();
    configured().withPropertyValues("unisync.migrate=false")
        .withBean("myEngine", SyncEngine.class, () -> hostEngine)
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(UnisyncMetrics.class);
          assertThat(context.getBean(SyncEngine.class)).isSameAs(hostEngine);
          assertThat(context.getBean(JdbcDatabase.class).pendingMigrations()).isPositive(); // migrate=false: no tables
        });
  }

  @Test
  void withoutMicrometerOrActuatorOnTheClassPathTheEngineStillComesUp() {
    // both are optional dependencies of the starter: a host without them gets the engine and the runner
    configured().withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(MeterRegistry.class,
            org.springframework.boot.health.contributor.HealthIndicator.class))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SyncEngine.class).hasSingleBean(UnisyncRunner.class)
            .doesNotHaveBean(UnisyncMetrics.class).doesNotHaveBean(UnisyncHealthIndicator.class));
  }

  private static DataSource h2(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    return ds;
  }

  @Configuration(proxyBeanMethods = false)
  static class H2 {
    @Bean
    DataSource dataSource() {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:starter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      return ds;
    }
  }
}
