package io.unisync.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonId;
import io.unisync.core.port.MarketingActivity;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.SampleActivities;
import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SyntheticPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketoSmartGridTest {

  @Test
  void theGridShowsMarketingAndSalesActivityNewestFirst() {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    try (MarketoSimulator sim = MarketoSimulator.start(SyntheticPeople.of(50, 4), MarketoSimulator.Options.unlimited(), clock)) {
      Marketo marketo = Simulators.connect(sim, clock, Instant.parse("2024-01-01T00:00:00Z"));
      sim.addActivity(7, 1, "/pricing", Map.of("Webpage URL", "/pricing"));
      clock.advance(Duration.ofMinutes(1));
      sim.addActivity(7, 10, "Spring Newsletter", Map.of());
      clock.advance(Duration.ofMinutes(1));
      marketo.activitySink().deliver(List.of(SampleActivities.activity(8, 7, clock.instant()))); // a Send Sales Email
      sim.addActivity(8, 1, "/other-person", Map.of());

      List<MarketingActivity> grid = marketo.activityHistory().recent(PersonId.of(7), Instant.parse("2026-03-01T00:00:00Z"), 10);

      assertThat(grid).extracting(MarketingActivity::type).containsExactly("Send Sales Email", "Open Email", "Visit Webpage");
      assertThat(grid.get(0).primary()).isEqualTo("Hello 8");
    }
  }
}
