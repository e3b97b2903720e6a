package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.Seller;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.sql.Connection;
import java.time.Clock;
import io.unisync.marketo.MarketoSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class EmbeddingSampleTest {

  @Test
  void theSampleSyncsRecordsInTheHostTransactionAndGatesSends() throws Exception {
    JdbcDataSource hostDataSource = new JdbcDataSource();
    hostDataSource.setURL("jdbc:h2:mem:host-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(2_000, 5), MarketoSimulator.Options.unlimited(), Clock.systemUTC())) {
      MarketoSettings settings = MarketoSettings.of(sim.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET)
          .withBulk(true, Instant.parse("2023-12-01T00:00:00Z"), Duration.ofDays(31), Duration.ZERO)
          .withCreateActivityTypes(true)
          .withRateLimit(100, Duration.ofSeconds(1), 10, 1.0); // the simulator runs unlimited; no need to wait out Marketo's window
      EmbeddingSample sample = new EmbeddingSample(hostDataSource, settings);

      sample.tick(); // the initial sync
      long synced = sample.engine().people().count();
      assertThat(synced).isEqualTo(sim.existingIds().stream().filter(id -> sim.lead(id).orElseThrow().containsKey("sfdcLeadOwnerId")).count());

      PersonId someone = sample.engine().people().page(null, 1).get(0).id();
      Activity.SendSalesEmail sent = new Activity.SendSalesEmail(ActivityId.of("host-event-1"), someone, Instant.now(Clock.systemUTC()),
          Seller.of("seller-7"), "Following up", null);
      try (Connection tx = hostDataSource.getConnection()) {
        tx.setAutoCommit(false);
        sample.emailSent(tx, sent);
        tx.commit();
      }
      sample.tick();

      assertThat(sim.externalActivities()).anySatisfy(a -> assertThat(a).containsEntry("unisyncActivityId", "host-event-1"));
      assertThat(sample.maySend(sent)).isEqualTo(!Boolean.parseBoolean(sim.lead(someone.value()).orElseThrow().get("unsubscribed")));
    }
  }
}
