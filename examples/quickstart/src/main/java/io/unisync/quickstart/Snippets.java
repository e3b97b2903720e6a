package io.unisync.quickstart;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.Seller;
import io.unisync.core.engine.Activities;
import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SalesforceLogging;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.port.PersonStore;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoSettings;
import io.unisync.salesforce.Salesforce;
import io.unisync.salesforce.SalesforceAuth;
import io.unisync.salesforce.SalesforceSettings;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Every Java snippet of the README besides the Quick start, each between {@code // snippet: NAME} and
 * {@code // end snippet}: compiled with the build, so a snippet that stops compiling fails it; ReadmeSnippetsTest
 * checks that the README shows these lines exactly. The parameters stand for what a host has at hand.
 */
@SuppressWarnings("unused")
final class Snippets {

  private Snippets() {}

  static void activities(Marketo marketo, Salesforce salesforce, JdbcDatabase db, Tenant tenant, String eventId, PersonId person,
      Instant at, Seller seller, String subject, Activity activity, Connection hostConnection, Instant since) {
    // snippet: activities
    SyncEngine engine = SyncEngine.builder()
        .personSource(marketo.personSource()).personStore(db.personStore(tenant))
        .activityOutbox(db.activityOutbox(tenant))             // durable, idempotent on ActivityId
        .activitySink(marketo.activitySink())
        .crmActivitySink(salesforce.activitySink(tenant.id()), db.crmLinkStore(tenant), salesforce.crmDirectory())
        .activityOptions(ActivityOptions.defaults().withSalesforce(new SalesforceLogging(true, true, true)))
        .unsubscribeStatus(marketo.unsubscribeStatus()).suppressionStore(db.suppressionStore(tenant))
        .activityHistory(marketo.activityHistory())
        .build();

    Activities activities = engine.activities().orElseThrow(); // present because an outbox was given
    activities.record(new Activity.SendSalesEmail(ActivityId.of(eventId), person, at, seller, subject, null));
    activities.record(activity, db.activityOutbox(tenant).joining(hostConnection)); // recorded iff the host's transaction commits
    activities.deliver();                              // on a schedule: one bounded pass per destination
    engine.emailGate().orElseThrow().check(person);    // Allowed, or Blocked("unsubscribed in Marketo" | "status unknown: ..." | ...)
    engine.smartGrid().orElseThrow().recent(person, since, 50); // live read, newest first
    // end snippet
  }

  static TenantRunner fleet(JdbcDatabase db, Marketo marketo, Salesforce salesforce, String podName,
      Supplier<Set<String>> tenantsFromYourConfig) {
    // snippet: fleet
    SyncRunner.Schedule schedule = SyncRunner.Schedule.builder()            // an operation given no period does not run
        .personSync(Duration.ofMinutes(1)).delivery(Duration.ofSeconds(10)).build();
    TenantRunner fleet = TenantRunner.builder(TenantRunner.Settings.builder(podName, schedule).maxTenants(50).build())
        .leases(db.leases())
        .tenants(tenantsFromYourConfig)                                   // read every round: tenants may come and go
        .engines((tenant, fence) -> SyncEngine.builder()
            .wiredTo(db.stores(Tenant.of(tenant)), marketo, salesforce, tenant)  // every port of the tenant in one call
            .fencedBy(fence)                                                 // every store it writes carries the lease
            .build())
        .start();                                   // its own pool unless .executor(..) is given; close() ends it
    // on shutdown: fleet.close() gives every lease back at once and waits the schedule's grace for runs in progress
    // end snippet
    return fleet;
  }

  static SyncEngine marketo(String clientId, String clientSecret, JdbcDatabase db, Tenant tenant) {
    // snippet: marketo
    Marketo marketo = Marketo.connect(MarketoSettings.of(URI.create("https://284-RPR-133.mktorest.com"), clientId, clientSecret)
        .withRateLimit(100, Duration.ofSeconds(20), 10, 0.5));  // leave half the instance's budget to other integrations
    SyncEngine engine = SyncEngine.builder()
        .personSource(marketo.personSource())                    // bulk export snapshot + change feed
        .personStore(db.personStore(tenant))
        .activityOutbox(db.activityOutbox(tenant))
        .activitySink(marketo.activitySink())                    // custom activities, 300 per call
        .unsubscribeStatus(marketo.unsubscribeStatus())          // the send gate, live
        .activityHistory(marketo.activityHistory())              // the Smart Grid, live
        .build();
    // end snippet
    return engine;
  }

  static void salesforce(String consumerKey, PrivateKey privateKey, SyncEngine.Builder builder, JdbcDatabase db, Tenant tenant,
      PersonStore store) {
    // snippet: salesforce
    Salesforce salesforce = Salesforce.connect(SalesforceSettings.of(URI.create("https://acme.my.salesforce.com"),
        new SalesforceAuth.JwtBearer(consumerKey, "integration@acme.com", privateKey, "https://login.salesforce.com")));
    SyncEngine engine = builder.crmActivitySink(salesforce.activitySink(tenant.id()),  // Tasks, External IDs scoped by tenant
            db.crmLinkStore(tenant), salesforce.crmDirectory())  // the engine resolves each person's Who and What
        .crmOptOuts(salesforce.crmOptOuts()).suppressionStore(db.suppressionStore(tenant))
        .crmTasks(salesforce.crmTasks(store)).reminderStore(db.reminderStore(tenant))
        .watermarkStore(db.watermarkStore(tenant))
        .build();
    engine.optOuts().orElseThrow().sync();    // unsubscribes both ways (never to Marketo)
    engine.reminders().orElseThrow().sync();  // reminder Tasks both ways
    // end snippet
  }

  static void database(DataSource hostDataSource) {
    // snippet: database
    try (JdbcDatabase db = JdbcDatabase.create(hostDataSource)) {        // your pool; or:
      // JdbcDatabase.pooled(JdbcSettings.of(url, user, password))        // a HikariCP pool of ours
      // JdbcDatabase.pooled(JdbcSettings.h2File(Path.of("unisync")))     // embedded default
      db.migrate();                                                      // explicit, idempotent
      PersonStore store = db.personStore(Tenant.of("284-RPR-133"));      // one Marketo instance = one tenant
    }
    // end snippet
  }
}
