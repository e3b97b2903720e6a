package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.ReminderTask;
import io.unisync.core.engine.ReminderReport;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.error.AdapterException;
import io.unisync.core.port.CrmTasks;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.InMemoryReminderStore;
import io.unisync.testkit.InMemoryWatermarkStore;
import io.unisync.testkit.ManualClock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What the reminder sync does with each record's push outcome: one refused or deleted Task never holds up the others. */
class ReminderPushOutcomesTest {

  private final ManualClock clock = ManualClock.startingAtEpochOf2026();
  private final InMemoryReminderStore reminders = new InMemoryReminderStore();
  private final InMemoryPersonStore people = new InMemoryPersonStore();
  private final List<List<String>> pushes = new ArrayList<>();

  private SyncEngine engine(Function<List<ReminderTask>, List<CrmTasks.Pushed>> crm) {
    return SyncEngine.builder().clock(clock).personSource(new InMemoryPersonSource(clock)).personStore(people).reminderStore(reminders)
        .watermarkStore(new InMemoryWatermarkStore()).crmTasks(new CrmTasks() {
          @Override
          public List<Pushed> push(List<ReminderTask> batch) {
            pushes.add(batch.stream().map(ReminderTask::id).toList());
            return crm.apply(batch);
          }

          @Override
          public Changes changesSince(Optional<String> watermark) {
            return new Changes(List.of(), "w");
          }
        }).build();
  }

  private void save(String id, String crmId) {
    reminders.save(new ReminderTask(id, PersonId.of(1), "Call back", LocalDate.of(2026, 2, 1), false, clock.instant(), crmId), false);
  }

  @Test
  void writtenIsMarkedPushedGoneIsDeletedRefusedIsQuarantinedAndNoneIsPushedAgain() {
    save("r-1", null);
    save("r-2", "00T000000000002AAA");
    save("r-3", "00T000000000003AAA");
    SyncEngine engine = engine(batch -> batch.stream().map(r -> switch (r.id()) {
      case "r-1" -> (CrmTasks.Pushed) new CrmTasks.Pushed.Written("00T000000000001AAA");
      case "r-2" -> new CrmTasks.Pushed.Gone("00T000000000002AAA");
      default -> new CrmTasks.Pushed.Refused("FIELD_CUSTOM_VALIDATION_EXCEPTION");
    }).toList());

    ReminderReport report = engine.reminders().orElseThrow().sync();

    assertThat(report.pushed()).isEqualTo(1);
    assertThat(report.deletedFromCrm()).isEqualTo(1);
    assertThat(report.quarantined()).isEqualTo(1);
    assertThat(reminders.find("r-1").orElseThrow().crmId()).isEqualTo("00T000000000001AAA");
    assertThat(reminders.find("r-2")).isEmpty();
    assertThat(reminders.find("r-3").orElseThrow().crmId()).as("its Task id kept").isEqualTo("00T000000000003AAA");
    assertThat(people.quarantined(0, 10)).singleElement().satisfies(q -> {
      assertThat(q.sourceId()).isEqualTo("reminder:r-3");
      assertThat(q.reason()).isEqualTo("reminder r-3: the CRM refused its Task: FIELD_CUSTOM_VALIDATION_EXCEPTION");
      assertThat(q.payload()).contains("\"reminder\":\"r-3\"").doesNotContain("Call back");
    });
    assertThat(reminders.unpushed(10)).isEmpty();
    engine.reminders().orElseThrow().sync();
    assertThat(pushes).hasSize(1);
  }

  @Test
  void anAnswerWithAnotherNumberOfOutcomesMarksNothingPushed() {
    save("r-1", null);
    save("r-2", null);
    SyncEngine engine = engine(batch -> List.of(new CrmTasks.Pushed.Written("00T000000000001AAA")));

    assertThatThrownBy(() -> engine.reminders().orElseThrow().sync()).isInstanceOf(AdapterException.class)
        .hasMessageContaining("1 outcomes for 2 reminders");
    assertThat(reminders.unpushed(10)).extracting(ReminderTask::id).containsExactlyInAnyOrder("r-1", "r-2");
    assertThat(reminders.find("r-1").orElseThrow().crmId()).isNull();
  }
}
