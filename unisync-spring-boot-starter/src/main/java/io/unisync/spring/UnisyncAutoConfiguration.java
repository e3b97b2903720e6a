package io.unisync.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.unisync.core.engine.ObservedCallBudget;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.port.CallBudget;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoSettings;
import io.unisync.micrometer.UnisyncMetrics;
import io.unisync.salesforce.Salesforce;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Unisync in a Spring Boot service: the engine on the host's {@link DataSource}, the runner on the context's lifecycle,
 * metrics when a {@link MeterRegistry} is present, a health indicator when Actuator's health is. Every bean backs off
 * when the host declares its own of the same type. Switch it all off with {@code unisync.enabled=false}.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(SyncEngine.class)
@ConditionalOnBooleanProperty(name = "unisync.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(UnisyncProperties.class)
public class UnisyncAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(UnisyncAutoConfiguration.class);

  /**
   * The tables, on the host's DataSource (the host's pool; Unisync never closes it); migrated unless switched off.
   *
   * @param dataSource the host's data source
   * @param properties the properties
   * @param environment the environment
   * @param clock the host's clock, if any
   * @return the database
   */
  @Bean
  @ConditionalOnMissingBean
  public JdbcDatabase unisyncDatabase(DataSource dataSource, UnisyncProperties properties, Environment environment,
      ObjectProvider<Clock> clock) {
    check(properties, environment); // before anything touches the database: a bad property creates no table
    JdbcDatabase db = JdbcDatabase.create(dataSource, clock(clock));
    if (properties.isMigrate()) {
      db.migrate();
    }
    return db;
  }

  /**
   * The Marketo client; its calls draw on a budget kept in the database, shared by every replica.
   *
   * @param properties the properties
   * @param environment the environment
   * @param db the database
   * @param clock the host's clock, if any
   * @param listeners the host's listeners
   * @return the client
   */
  @Bean
  @ConditionalOnMissingBean
  public Marketo unisyncMarketo(UnisyncProperties properties, Environment environment, JdbcDatabase db, ObjectProvider<Clock> clock,
      ObjectProvider<SyncListener> listeners) {
    check(properties, environment);
    MarketoSettings settings = properties.getMarketo().settings(properties.getRetry().policy());
    CallBudget budget = ObservedCallBudget.of(db.callBudget(settings.callBudgetName(), settings.callLimits()), "marketo",
        listener(listeners), clock(clock));
    return Marketo.connect(settings, clock(clock), budget);
  }

  /**
   * The Salesforce client, when {@code unisync.salesforce.token-url} is set.
   *
   * @param properties the properties
   * @param environment the environment
   * @param clock the host's clock, if any
   * @return the client
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "unisync.salesforce", name = "token-url")
  public Salesforce unisyncSalesforce(UnisyncProperties properties, Environment environment, ObjectProvider<Clock> clock) {
    check(properties, environment);
    return Salesforce.connect(properties.getSalesforce().settings(properties.getRetry().policy()).orElseThrow(), clock(clock));
  }

  /**
   * How engines are built; every {@link SyncListener} bean hears every engine's events.
   *
   * @param db the database
   * @param marketo the Marketo client
   * @param salesforce the Salesforce client, if any
   * @param listeners the host's listeners
   * @param clock the host's clock, if any
   * @return the engine factory
   */
  @Bean
  @ConditionalOnMissingBean
  public UnisyncEngines unisyncEngines(JdbcDatabase db, Marketo marketo, ObjectProvider<Salesforce> salesforce,
      ObjectProvider<SyncListener> listeners, ObjectProvider<Clock> clock) {
    return new UnisyncEngines(db, marketo, salesforce.getIfAvailable(), listener(listeners), clock(clock));
  }

  /**
   * The host-facing engine: people reads, recording activities, the send gate, the Smart Grid.
   *
   * @param engines the engine factory
   * @param properties the properties
   * @return the engine
   */
  @Bean
  @ConditionalOnMissingBean
  public SyncEngine unisyncEngine(UnisyncEngines engines, UnisyncProperties properties) {
    return engines.hostEngine(properties.getTenant());
  }

  /**
   * Runs the tenant's sync under its lease, started and stopped with the context.
   *
   * @param properties the properties
   * @param environment the environment
   * @param db the database
   * @param engines the engine factory
   * @param salesforce the Salesforce client, if any
   * @param clock the host's clock, if any
   * @return the runner
   */
  @Bean
  @ConditionalOnMissingBean
  public UnisyncRunner unisyncRunner(UnisyncProperties properties, Environment environment, JdbcDatabase db, UnisyncEngines engines,
      ObjectProvider<Salesforce> salesforce, ObjectProvider<Clock> clock) {
    check(properties, environment);
    UnisyncProperties.Schedule s = properties.getSchedule();
    boolean crm = salesforce.getIfAvailable() != null;
    SyncRunner.Schedule.Builder schedule = SyncRunner.Schedule.builder().personSync(s.getPersonSync()).delivery(s.getDelivery())
        .gracePeriod(s.getGracePeriod());
    if (crm) {
      schedule.optOuts(s.getOptOuts()).reminders(s.getReminders());
    }
    if (!s.getReconcile().isZero()) {
      schedule.reconcile(s.getReconcile());
    }
    if (!s.getDeliveryWhenIdle().isZero()) {
      schedule.deliveryWhenIdle(s.getDeliveryWhenIdle());
    }
    if (!s.getPersonSyncWhenIdle().isZero()) {
      schedule.personSyncWhenIdle(s.getPersonSyncWhenIdle());
    }
    TenantRunner.Settings settings = TenantRunner.Settings.builder(replicaId(properties), schedule.build())
        .lease(properties.getLease().getTtl(), properties.getLease().getRenewEvery()).maxTenants(1).build();
    String tenant = properties.getTenant();
    Clock time = clock(clock);
    return new UnisyncRunner(tenant, settings.replicaId(), () -> TenantRunner.builder(settings).leases(db.leases())
        .tenants(Set.of(tenant)).engines(engines).clock(time).shutdownGrace(properties.getShutdownTimeout())
        .atStart(engines::warmUp) // the first send-gate check is then a read, not a token fetch plus a read, within its 1.5 s
        .healthChanged((name, health) -> LOG.info("Unisync {} {}: {}", name, health.operation(),
            health.consecutiveFailures() == 0 ? "ok" : "failing (" + health.consecutiveFailures() + " in a row)")));
  }

  /** Metrics, when the host has Micrometer and a registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, UnisyncMetrics.class})
  @ConditionalOnBean(MeterRegistry.class)
  static class Metrics {

    @Bean
    @ConditionalOnMissingBean
    UnisyncMetrics unisyncMetrics(MeterRegistry registry, UnisyncProperties properties, ObjectProvider<Clock> clock) {
      return UnisyncMetrics.create(registry, properties.getTenant(), clock(clock), Duration.ofSeconds(15));
    }

    /** The gauges over the engine's state, once every bean is ready. */
    @Bean
    SmartInitializingSingleton unisyncMetricsGauges(UnisyncMetrics metrics, SyncEngine engine, JdbcDatabase db, Marketo marketo,
        UnisyncProperties properties) {
      return () -> metrics.watch(engine).watchQuarantine(db.personStore(Tenant.of(properties.getTenant())))
          .watchBudget("marketo", marketo.callBudget());
    }
  }

  /** The health indicator, when the host has Spring Boot's health support (Actuator). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class HealthContribution {

    @Bean
    @ConditionalOnMissingBean(name = "unisyncHealthIndicator")
    UnisyncHealthIndicator unisyncHealthIndicator(UnisyncRunner runner, SyncEngine engine, UnisyncProperties properties,
        ObjectProvider<Clock> clock) {
      return new UnisyncHealthIndicator(runner, engine, clock(clock), properties.getHealth());
    }
  }

  /**
   * Every problem of the {@code unisync.*} properties at once, unknown keys included (a misspelled key would otherwise
   * be ignored); {@link UnisyncFailureAnalyzer} prints the list once when the start fails on it.
   */
  static void check(UnisyncProperties properties, Environment environment) {
    List<String> problems = new ArrayList<>(UnknownProperties.problems(environment));
    problems.addAll(properties.problems());
    if (!problems.isEmpty()) {
      throw new ConfigurationException("unisync.* properties", problems);
    }
  }

  private static Clock clock(ObjectProvider<Clock> clock) {
    return clock.getIfUnique(Clock::systemUTC);
  }

  private static SyncListener listener(ObjectProvider<SyncListener> listeners) {
    return SyncListener.all(listeners.orderedStream().toArray(SyncListener[]::new));
  }

  private static String replicaId(UnisyncProperties properties) {
    String configured = properties.getReplicaId();
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    @Nullable String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "replica";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
