package io.unisync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.ReminderTask;
import io.unisync.core.engine.ReminderReport;
import io.unisync.core.engine.SyncEngine;
import io.unisync.testkit.InMemoryPersonSource;
import io.unisync.testkit.InMemoryReminderStore;
import io.unisync.testkit.InMemoryWatermarkStore;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.sim.SalesforceSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reminders both ways between Actions and Salesforce Tasks: the later change wins, nothing echoes. */
class ReminderTwoWayTest {

  final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T09:00:00Z"));
  SalesforceFixture world;
  InMemoryReminderStore reminders;
  SyncEngine engine;

  @BeforeEach
  void setUp() {
    world = new SalesforceFixture(3, null, 1_000_000, clock);
    reminders = new InMemoryReminderStore();
    Salesforce salesforce = Salesforce.connect(world.clientCredentials(), clock);
    engine = SyncEngine.builder().personSource(new InMemoryPersonSource(clock)).personStore(world.people).clock(clock)
        .reminderStore(reminders).crmTasks(salesforce.crmTasks(world.people)).watermarkStore(new InMemoryWatermarkStore()).build();
    engine.reminders().orElseThrow().sync();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  ReminderTask create(String id) {
    ReminderTask reminder = new ReminderTask(id, SalesforceFixture.id(1), "Call back about pricing", LocalDate.parse("2026-06-05"),
        false, clock.instant(), null);
    engine.reminders().orElseThrow().save(reminder);
    return reminder;
  }

  Map<String, Object> taskOf(String reminderId) {
    return world.sim.records("Task").stream().filter(t -> reminderId.equals(t.get(SalesforceSimulator.REMINDER_ID_FIELD)))
        .findFirst().orElseThrow();
  }

  @Test
  void aReminderMadeInActionsBecomesATaskAndItsCompletionInSalesforceComesBack() {
    create("r-1");
    assertThat(engine.reminders().orElseThrow().sync().pushed()).isEqualTo(1);
    Map<String, Object> task = taskOf("r-1");
    assertThat(task).containsEntry("WhoId", world.contactIds.get(0)).containsEntry("Status", "Not Started")
        .containsEntry("ActivityDate", LocalDate.parse("2026-06-05"));

    clock.advance(Duration.ofMinutes(5));
    world.sim.update("Task", (String) task.get("Id"), Map.of("Status", "Completed"), SalesforceFixture.SALES_USER);
    ReminderReport pulled = engine.reminders().orElseThrow().sync();

    assertThat(pulled.updatedFromCrm()).isEqualTo(1);
    assertThat(pulled.pushed()).as("not pushed back").isZero();
    assertThat(reminders.find("r-1").orElseThrow().completed()).isTrue();
  }

  @Test
  void completingReschedulingAndReopeningInActionsReachSalesforce() {
    ReminderTask reminder = create("r-2");
    engine.reminders().orElseThrow().sync();

    clock.advance(Duration.ofMinutes(1));
    engine.reminders().orElseThrow().save(reminders.find("r-2").orElseThrow().completed(true, clock.instant()));
    engine.reminders().orElseThrow().sync();
    assertThat(taskOf("r-2")).containsEntry("Status", "Completed").containsEntry("IsClosed", true);

    clock.advance(Duration.ofMinutes(1));
    engine.reminders().orElseThrow().save(reminders.find("r-2").orElseThrow().completed(false, clock.instant()).rescheduled(LocalDate.parse("2026-06-09"), clock.instant()));
    engine.reminders().orElseThrow().sync();
    assertThat(taskOf("r-2")).containsEntry("Status", "Not Started").containsEntry("ActivityDate", LocalDate.parse("2026-06-09"));
    assertThat(world.sim.records("Task")).as("one Task for one reminder").hasSize(1);
    assertThat(reminder.id()).isEqualTo("r-2");
  }

  @Test
  void aReminderCreatedInSalesforceAppearsInActions() {
    clock.advance(Duration.ofMinutes(1));
    String crmId = world.sim.insert("Task", Map.of("Subject", "Send the contract", "WhoId", world.contactIds.get(2),
        "ActivityDate", LocalDate.parse("2026-06-07"), "TaskSubtype", "Task"), SalesforceFixture.SALES_USER);

    assertThat(engine.reminders().orElseThrow().sync().created()).isEqualTo(1);

    ReminderTask reminder = reminders.findByCrmId(crmId).orElseThrow();
    assertThat(reminder.person()).isEqualTo(SalesforceFixture.id(3));
    assertThat(reminder.subject()).isEqualTo("Send the contract");
  }

  @Test
  void aTaskDeletedInSalesforceRemovesTheReminder() {
    create("r-6");
    engine.reminders().orElseThrow().sync();
    clock.advance(Duration.ofMinutes(1));
    world.sim.delete("Task", (String) taskOf("r-6").get("Id"), SalesforceFixture.SALES_USER);

    assertThat(engine.reminders().orElseThrow().sync().deletedFromCrm()).isEqualTo(1);
    assertThat(reminders.find("r-6")).isEmpty();
  }

  @Test
  void concurrentEditsResolveByModificationTime() {
    create("r-3");
    create("r-4");
    engine.reminders().orElseThrow().sync();
    String task3 = (String) taskOf("r-3").get("Id");
    String task4 = (String) taskOf("r-4").get("Id");

    // r-3: Actions first, Salesforce later -> Salesforce wins
    clock.advance(Duration.ofMinutes(1));
    engine.reminders().orElseThrow().save(reminders.find("r-3").orElseThrow().rescheduled(LocalDate.parse("2026-06-20"), clock.instant()));
    // r-4: Salesforce first, Actions later -> Actions wins
    world.sim.update("Task", task4, Map.of("ActivityDate", LocalDate.parse("2026-07-01")), SalesforceFixture.SALES_USER);
    clock.advance(Duration.ofMinutes(1));
    world.sim.update("Task", task3, Map.of("ActivityDate", LocalDate.parse("2026-06-30")), SalesforceFixture.SALES_USER);
    engine.reminders().orElseThrow().save(reminders.find("r-4").orElseThrow().rescheduled(LocalDate.parse("2026-06-25"), clock.instant().plusSeconds(1)));

    ReminderReport report = engine.reminders().orElseThrow().sync();

    assertThat(reminders.find("r-3").orElseThrow().dueDate()).isEqualTo(LocalDate.parse("2026-06-30"));
    assertThat(taskOf("r-3")).containsEntry("ActivityDate", LocalDate.parse("2026-06-30"));
    assertThat(reminders.find("r-4").orElseThrow().dueDate()).isEqualTo(LocalDate.parse("2026-06-25"));
    assertThat(taskOf("r-4")).containsEntry("ActivityDate", LocalDate.parse("2026-06-25"));
    assertThat(report.keptLocal()).isEqualTo(1);
  }

  @Test
  void nothingEchoesOverAHundredRounds() {
    create("r-5");
    engine.reminders().orElseThrow().sync();
    clock.advance(Duration.ofMinutes(1));
    world.sim.update("Task", (String) taskOf("r-5").get("Id"), Map.of("Subject", "Changed in Salesforce"), SalesforceFixture.SALES_USER);
    engine.reminders().orElseThrow().sync();
    long tasksModstamp = world.sim.records("Task").stream().mapToLong(t -> ((Instant) t.get("SystemModstamp")).toEpochMilli()).sum();

    for (int round = 0; round < 100; round++) {
      clock.advance(Duration.ofSeconds(30));
      ReminderReport report = engine.reminders().orElseThrow().sync();
      assertThat(report.pushed() + report.created()).as("round " + round).isZero();
    }

    assertThat(world.sim.records("Task").stream().mapToLong(t -> ((Instant) t.get("SystemModstamp")).toEpochMilli()).sum())
        .as("no Task was written again").isEqualTo(tasksModstamp);
    assertThat(reminders.find("r-5").orElseThrow().subject()).isEqualTo("Changed in Salesforce");
  }
  @Test
  void aTaskDeletedInSalesforceThatThePullMissedIsNotCreatedAgainAndHoldsUpNoOtherReminder() {
    create("r-7");
    create("r-8");
    engine.reminders().orElseThrow().sync();
    String task7 = (String) taskOf("r-7").get("Id");
    // the pull's watermark moves on with another Task's change...
    clock.advance(Duration.ofMinutes(30));
    world.sim.insert("Task", Map.of("Subject", "Unrelated", "TaskSubtype", "Task"), SalesforceFixture.SALES_USER);
    engine.reminders().orElseThrow().sync();
    // ...past r-7's deletion, which a user's transaction committed late: its SystemModstamp is older than the overlap
    Instant now = clock.instant();
    clock.set(now.minus(Duration.ofMinutes(20)));
    world.sim.delete("Task", task7, SalesforceFixture.SALES_USER);
    clock.set(now.plus(Duration.ofMinutes(1)));
    engine.reminders().orElseThrow().sync();
    assertThat(reminders.find("r-7")).as("the pull missed the deletion").isPresent();
    engine.reminders().orElseThrow().save(reminders.find("r-7").orElseThrow().rescheduled(LocalDate.parse("2026-06-12"), clock.instant()));
    engine.reminders().orElseThrow().save(reminders.find("r-8").orElseThrow().rescheduled(LocalDate.parse("2026-06-13"), clock.instant()));

    ReminderReport report = engine.reminders().orElseThrow().sync();

    assertThat(report.deletedFromCrm()).as("Salesforce answered ENTITY_IS_DELETED: its deletion wins").isEqualTo(1);
    assertThat(reminders.find("r-7")).isEmpty();
    assertThat(world.sim.records("Task").stream().filter(t -> "r-7".equals(t.get(SalesforceSimulator.REMINDER_ID_FIELD))))
        .as("not created again").hasSize(1).allSatisfy(t -> assertThat(t).containsEntry("IsDeleted", true));
    assertThat(report.pushed()).as("its neighbour in the batch").isEqualTo(1);
    assertThat(taskOf("r-8")).containsEntry("ActivityDate", LocalDate.parse("2026-06-13"));
    assertThat(engine.reminders().orElseThrow().sync().pushed()).as("nothing left to push").isZero();
  }

  @Test
  void aTaskSalesforceRefusesIsQuarantinedWithItsReasonAndTheOthersGoOn() {
    world.sim.addValidationRule("Task", task -> "Forbidden subject".equals(task.get("Subject")), "Subject: not allowed here");
    ReminderTask refused = new ReminderTask("r-9", SalesforceFixture.id(1), "Forbidden subject", LocalDate.parse("2026-06-05"), false,
        clock.instant(), null);
    engine.reminders().orElseThrow().save(refused);
    create("r-10");

    ReminderReport report = engine.reminders().orElseThrow().sync();

    assertThat(report.pushed()).isEqualTo(1);
    assertThat(report.quarantined()).isEqualTo(1);
    assertThat(taskOf("r-10")).containsEntry("Subject", "Call back about pricing");
    assertThat(world.people.quarantined(0, 10)).singleElement().satisfies(q -> {
      assertThat(q.sourceId()).isEqualTo("reminder:r-9");
      assertThat(q.reason()).contains("r-9").contains("FIELD_CUSTOM_VALIDATION_EXCEPTION").doesNotContain("Forbidden");
    });
    assertThat(reminders.find("r-9")).as("kept in Actions").isPresent();
    ReminderReport next = engine.reminders().orElseThrow().sync();
    assertThat(next.pushed() + next.quarantined()).as("not pushed again until it changes").isZero();

    clock.advance(Duration.ofMinutes(1));
    engine.reminders().orElseThrow().save(reminders.find("r-9").orElseThrow().rescheduled(LocalDate.parse("2026-06-06"), clock.instant()));
    assertThat(engine.reminders().orElseThrow().sync().quarantined()).as("changed: tried again, refused again").isEqualTo(1);
  }
}
