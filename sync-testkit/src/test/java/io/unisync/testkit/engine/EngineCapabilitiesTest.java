package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.ReminderTask;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.error.AdapterException;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.port.CrmOptOuts;
import io.unisync.core.port.CrmTasks;
import io.unisync.core.port.MarketingActivity;
import io.unisync.testkit.InMemoryActivityHistory;
import io.unisync.testkit.InMemoryActivityOutbox;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.InMemoryReminderStore;
import io.unisync.testkit.InMemorySuppressionStore;
import io.unisync.testkit.InMemoryUnsubscribeStatus;
import io.unisync.testkit.InMemoryWatermarkStore;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.RecordingActivitySink;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine shows what it was built with: a feature it was not given is an empty accessor, never a runtime failure. */
class EngineCapabilitiesTest {

  private final ManualClock clock = ManualClock.startingAtEpochOf2026();

  private SyncEngine.Builder bare() {
    return SyncEngine.builder().clock(clock).personSource(new InMemoryPersonSource(clock)).personStore(new InMemoryPersonStore());
  }

  @Test
  void anEngineBuiltForPeopleAloneHasNoOtherFeature() {
    SyncEngine engine = bare().build();

    assertThat(engine.capabilities()).isEmpty();
    assertThat(engine.activities()).isEmpty();
    assertThat(engine.emailGate()).isEmpty();
    assertThat(engine.smartGrid()).isEmpty();
    assertThat(engine.optOuts()).isEmpty();
    assertThat(engine.reminders()).isEmpty();
    assertThat(engine.syncPersons().kind()).as("the person sync works as ever").isNotNull();
  }

  /** A tenant's stores, all in memory. */
  record Stores(InMemoryPersonStore people, InMemoryActivityOutbox outbox, InMemorySuppressionStore suppressions,
      InMemoryWatermarkStore watermarks, InMemoryReminderStore reminders, io.unisync.testkit.InMemoryCrmLinkStore crmLinks)
      implements io.unisync.core.assembly.TenantStores {}

  @Test
  void wiredToAMarketingSystemAndACrmTheEngineHasEveryFeatureAndSendsToBoth() {
    InMemoryPersonSource source = new InMemoryPersonSource(clock);
    RecordingActivitySink marketingSink = new RecordingActivitySink(io.unisync.core.port.Destination.MARKETO);
    io.unisync.core.assembly.MarketingSystem marketing = new io.unisync.core.assembly.MarketingSystem() {
      @Override
      public io.unisync.core.port.PersonSource personSource() {
        return source;
      }

      @Override
      public io.unisync.core.port.ActivitySink activitySink() {
        return marketingSink;
      }

      @Override
      public io.unisync.core.port.UnsubscribeStatus unsubscribeStatus() {
        return new InMemoryUnsubscribeStatus();
      }

      @Override
      public io.unisync.core.port.ActivityHistory activityHistory() {
        return new InMemoryActivityHistory();
      }
    };
    List<String> scopes = new ArrayList<>();
    io.unisync.core.assembly.CrmSystem crm = new io.unisync.core.assembly.CrmSystem() {
      @Override
      public io.unisync.core.port.CrmActivitySink activitySink(String scope) {
        scopes.add(scope);
        return new io.unisync.core.port.CrmActivitySink() {
          @Override
          public io.unisync.core.port.Destination destination() {
            return io.unisync.core.port.Destination.SALESFORCE;
          }

          @Override
          public int maxBatchSize() {
            return 200;
          }

          @Override
          public List<io.unisync.core.port.DeliveryOutcome> deliver(List<io.unisync.core.domain.Activity> batch,
              java.util.Map<PersonId, io.unisync.core.domain.CrmLinks> links) {
            return List.of();
          }
        };
      }

      @Override
      public io.unisync.core.port.CrmDirectory crmDirectory() {
        return new io.unisync.testkit.InMemoryCrmDirectory();
      }

      @Override
      public CrmOptOuts crmOptOuts() {
        return new CrmOptOuts() {
          @Override
          public List<Refusal> optOut(Collection<String> crmIds) {
            return List.of();
          }

          @Override
          public Changes changesSince(Optional<String> watermark) {
            return new Changes(List.of(), "w");
          }
        };
      }

      @Override
      public CrmTasks crmTasks(io.unisync.core.port.PersonReader people) {
        return new CrmTasks() {
          @Override
          public List<Pushed> push(List<ReminderTask> batch) {
            return List.of();
          }

          @Override
          public Changes changesSince(Optional<String> watermark) {
            return new Changes(List.of(), "w");
          }
        };
      }
    };
    io.unisync.core.assembly.TenantStores stores = new Stores(new InMemoryPersonStore(), new InMemoryActivityOutbox(),
        new InMemorySuppressionStore(), new InMemoryWatermarkStore(), new InMemoryReminderStore(), new io.unisync.testkit.InMemoryCrmLinkStore());

    SyncEngine marketingOnly = SyncEngine.builder().clock(clock).wiredTo(stores, marketing).build();
    SyncEngine both = SyncEngine.builder().clock(clock).wiredTo(stores, marketing, crm, "acme").build();

    assertThat(marketingOnly.capabilities()).containsExactlyInAnyOrder(SyncEngine.Capability.ACTIVITIES, SyncEngine.Capability.SEND_GATE,
        SyncEngine.Capability.SMART_GRID);
    assertThat(marketingOnly.activities().orElseThrow().deliver().destinations()).containsOnlyKeys(io.unisync.core.port.Destination.MARKETO);
    assertThat(both.capabilities()).containsExactlyInAnyOrder(SyncEngine.Capability.values());
    assertThat(both.activities().orElseThrow().deliver().destinations())
        .containsOnlyKeys(io.unisync.core.port.Destination.MARKETO, io.unisync.core.port.Destination.SALESFORCE);
    assertThat(scopes).as("the CRM sink is scoped to the tenant").containsExactly("acme");
  }

  @Test
  void everyFeatureItWasBuiltWithIsPresentAndWorks() {
    InMemoryActivityHistory history = new InMemoryActivityHistory();
    history.add(PersonId.of(7), new MarketingActivity("a1", "Visit Webpage", clock.instant(), "/pricing", java.util.Map.of()));
    List<Collection<String>> optedOut = new ArrayList<>();
    List<Integer> pushed = new ArrayList<>();
    InMemoryReminderStore reminderStore = new InMemoryReminderStore();
    SyncEngine engine = bare()
        .activityOutbox(new InMemoryActivityOutbox()).activitySink(new RecordingActivitySink(io.unisync.core.port.Destination.MARKETO))
        .unsubscribeStatus(new InMemoryUnsubscribeStatus()).suppressionStore(new InMemorySuppressionStore())
        .activityHistory(history).watermarkStore(new InMemoryWatermarkStore())
        .crmOptOuts(new CrmOptOuts() {
          @Override
          public List<Refusal> optOut(Collection<String> crmIds) {
            optedOut.add(crmIds);
            return List.of();
          }

          @Override
          public Changes changesSince(Optional<String> watermark) {
            return new Changes(List.of(), "w");
          }
        })
        .reminderStore(reminderStore).crmTasks(new CrmTasks() {
          @Override
          public List<Pushed> push(List<ReminderTask> batch) {
            pushed.add(batch.size());
            return batch.stream().<Pushed>map(r -> new Pushed.Written("00T000000000001AAA")).toList();
          }

          @Override
          public Changes changesSince(Optional<String> watermark) {
            return new Changes(List.of(), "w");
          }
        })
        .build();

    assertThat(engine.capabilities()).containsExactlyInAnyOrder(SyncEngine.Capability.values());
    assertThat(engine.activities().orElseThrow().deliver().destinations()).containsOnlyKeys(io.unisync.core.port.Destination.MARKETO);
    assertThat(engine.emailGate().orElseThrow().check(PersonId.of(7)).allowed()).isTrue();
    assertThat(engine.smartGrid().orElseThrow().recent(PersonId.of(7), clock.instant().minusSeconds(60), 10))
        .extracting(MarketingActivity::id).containsExactly("a1");
    assertThatThrownBy(() -> engine.smartGrid().orElseThrow().recent(PersonId.of(7), clock.instant(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    engine.optOuts().orElseThrow().unsubscribe(PersonId.of(7), "asked us");
    assertThat(engine.emailGate().orElseThrow().check(PersonId.of(7)).allowed()).as("suppressed at once").isFalse();
    engine.reminders().orElseThrow().save(new ReminderTask("r-1", PersonId.of(7), "Call back", LocalDate.of(2026, 2, 1), false,
        clock.instant(), null));
    assertThat(reminderStore.find("r-1")).isPresent();
    assertThat(engine.reminders().orElseThrow().sync().pushed()).isEqualTo(1);
    assertThat(pushed).containsExactly(1);
  }

  @Test
  void aReminderStoreWithoutCrmTasksIsAWiringProblemAtBuild() {
    assertThatThrownBy(() -> bare().reminderStore(new InMemoryReminderStore()).build())
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.problems()).singleElement().asString().contains("reminderStore", "crmTasks"));
  }

  @Test
  void closingClosesWhatItOwnsLastFirstPastAFailureAndOnlyOnce() {
    List<String> closed = new ArrayList<>();
    SyncEngine engine = bare()
        .closing(() -> closed.add("pool"))
        .closing(() -> {
          closed.add("broken client");
          throw new IOException("socket already gone");
        })
        .closing(() -> closed.add("client")).build();

    assertThatThrownBy(engine::close).isInstanceOf(AdapterException.class)
        .hasMessageContaining("IOException").hasCauseInstanceOf(IOException.class);
    assertThat(closed).containsExactly("client", "broken client", "pool");

    engine.close();
    assertThat(closed).as("a second close does nothing").hasSize(3);
  }

  @Test
  void anEngineIsAResourceOfTryWithResources() {
    List<String> closed = new ArrayList<>();
    try (SyncEngine engine = bare().closing(() -> closed.add("pool")).build()) {
      engine.syncPersons();
    }
    assertThat(closed).containsExactly("pool");
  }
}
