package io.unisync.quickstart;

import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.engine.SyncProgress;
import io.unisync.core.engine.SyncReport;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.marketo.Marketo;
import io.unisync.marketo.MarketoSettings;
import io.unisync.marketo.MarketoSnapshot;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's Quick start: Marketo's eligible people into an embedded H2 store, then one incremental pass. Start the
 * simulators first ({@code unisync simulate}: Marketo on http://127.0.0.1:8181, 3,000 people), then run this; against
 * a real instance, pass its REST URL and client id and set {@code UNISYNC_MARKETO_CLIENT_SECRET}.
 *
 * <pre>{@code java -cp <classpath> io.unisync.quickstart.QuickStart [marketoUrl [clientId]]}</pre>
 */
public final class QuickStart {

  private QuickStart() {}

  public static void main(String[] args) {
    URI marketoUrl = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8181");
    String clientId = args.length > 1 ? args[1] : "sim-client-id";
    String clientSecret = System.getenv().getOrDefault("UNISYNC_MARKETO_CLIENT_SECRET", "sim-client-secret");
    long stored = run(marketoUrl, clientId, clientSecret, Path.of("target", "quickstart-db"));
    System.out.printf("%,d people in the store%n", stored);
  }

  /** The Quick start itself; returns how many people the store holds at its end. */
  static long run(URI marketoUrl, String clientId, String clientSecret, Path databaseFile) {
    // snippet: quickstart
    MarketoSettings marketoSettings = MarketoSettings.of(marketoUrl, clientId, clientSecret)
        // the simulator's exports are ready at once: look every second (against Marketo keep the default, 60 s)
        .withBulk(true, MarketoSnapshot.DEFAULT_START, MarketoSnapshot.DEFAULT_WINDOW, Duration.ofSeconds(1));
    try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.h2File(databaseFile))) { // or JdbcDatabase.create(yourDataSource)
      db.migrate();                                           // explicit: tables appear only when asked
      Marketo marketo = Marketo.connect(marketoSettings);     // one per Marketo instance: one rate limit
      SyncEngine engine = SyncEngine.builder()
          .wiredTo(db.stores(Tenant.of("acme")), marketo)     // the tenant's store, outbox, send gate, Smart Grid
          .listener(new SyncListener() {
            @Override
            public void onProgress(SyncProgress p) {
              System.out.printf("%,d people read%s%n", p.read(), p.eta().map(eta -> ", ETA " + eta.toSeconds() + " s").orElse(""));
            }
          })
          .build();                                           // throws ConfigurationException listing every problem

      SyncReport initial = engine.initialSync();              // resumable: a crash resumes after the last committed page
      SyncReport changes = engine.syncChanges();              // call on a schedule: one bounded incremental pass
      System.out.printf("initial sync: %,d people stored; incremental pass: %,d written%n", initial.upserted(), changes.upserted());
      System.out.println(engine.people().byEmail("ada@example.com")); // read-only: everyone sharing the address
      return engine.people().count();
    }
    // end snippet
  }
}
