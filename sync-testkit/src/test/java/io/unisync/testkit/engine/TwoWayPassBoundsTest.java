package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.ReminderTask;
import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.port.CrmOptOuts;
import io.unisync.core.port.CrmTasks;
import io.unisync.core.port.Suppression;
import io.unisync.core.port.UnsubscribeStatus;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.InMemoryReminderStore;
import io.unisync.testkit.InMemorySuppressionStore;
import io.unisync.testkit.InMemoryWatermarkStore;
import io.unisync.testkit.ManualClock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A two-way pass pushes at most {@code maxBatchesPerPass} batches of 200 to the CRM; the rest waits for the next pass. */
class TwoWayPassBoundsTest {

  private final ManualClock clock = ManualClock.startingAtEpochOf2026();

  @Test
  void anOptOutPassPushesAtMostItsBatchesAndTheNextPassGoesOn() {
    InMemorySuppressionStore suppressions = new InMemorySuppressionStore();
    for (int i = 1; i <= 450; i++) {
      suppressions.suppress(new Suppression(PersonId.of(i), Suppression.Origin.ACTIONS, "unsubscribed", clock.instant()));
    }
    CrmOptOuts crm = new CrmOptOuts() {
      @Override
      public List<Refusal> optOut(Collection<String> crmIds) {
        return List.of();
      }

      @Override
      public Changes changesSince(Optional<String> watermark) {
        return new Changes(List.of(), "w");
      }
    };
    UnsubscribeStatus marketo = new UnsubscribeStatus() {
      @Override
      public boolean isUnsubscribed(PersonId person) {
        return false;
      }

      @Override
      public Map<PersonId, Boolean> unsubscribed(Collection<PersonId> people) {
        return Map.of();
      }
    };
    SyncEngine engine = SyncEngine.builder().clock(clock).personSource(new InMemoryPersonSource(clock)).personStore(new InMemoryPersonStore())
        .unsubscribeStatus(marketo).suppressionStore(suppressions).watermarkStore(new InMemoryWatermarkStore()).crmOptOuts(crm)
        .activityOptions(ActivityOptions.defaults().withMaxBatchesPerPass(1)).build();

    assertThat(engine.optOuts().orElseThrow().sync().pushed()).isEqualTo(200);
    assertThat(engine.optOuts().orElseThrow().sync().pushed()).isEqualTo(200);
    assertThat(engine.optOuts().orElseThrow().sync().pushed()).isEqualTo(50);
    assertThat(engine.optOuts().orElseThrow().sync().pushed()).isZero();
  }

  @Test
  void aReminderPassPushesAtMostItsBatchesAndTheNextPassGoesOn() {
    InMemoryReminderStore reminders = new InMemoryReminderStore();
    for (int i = 1; i <= 250; i++) {
      reminders.save(new ReminderTask("r-" + i, PersonId.of(i), "Call back", LocalDate.of(2026, 2, 1), false, clock.instant(), null), false);
    }
    List<Integer> pushes = new ArrayList<>();
    CrmTasks crm = new CrmTasks() {
      @Override
      public List<Pushed> push(List<ReminderTask> batch) {
        pushes.add(batch.size());
        return batch.stream().<Pushed>map(r -> new Pushed.Written(String.format("00T%012dAAA", Integer.parseInt(r.id().substring(2))))).toList();
      }

      @Override
      public Changes changesSince(Optional<String> watermark) {
        return new Changes(List.of(), "w");
      }
    };
    SyncEngine engine = SyncEngine.builder().clock(clock).personSource(new InMemoryPersonSource(clock)).personStore(new InMemoryPersonStore())
        .reminderStore(reminders).watermarkStore(new InMemoryWatermarkStore()).crmTasks(crm)
        .activityOptions(ActivityOptions.defaults().withMaxBatchesPerPass(1)).build();

    assertThat(engine.reminders().orElseThrow().sync().pushed()).isEqualTo(200);
    assertThat(engine.reminders().orElseThrow().sync().pushed()).isEqualTo(50);
    assertThat(engine.reminders().orElseThrow().sync().pushed()).isZero();
    assertThat(pushes).containsExactly(200, 50);
  }
}
