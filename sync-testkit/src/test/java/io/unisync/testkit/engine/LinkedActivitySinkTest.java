package io.unisync.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.engine.LinkedActivitySink;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.CrmActivitySink;
import io.unisync.core.port.CrmDirectory;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.core.port.Destination;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.SourcePosition;
import io.unisync.core.port.StoreBatch;
import io.unisync.testkit.InMemoryCrmDirectory;
import io.unisync.testkit.InMemoryCrmLinkStore;
import io.unisync.testkit.InMemoryPersonStore;
import io.unisync.testkit.ManualClock;
import io.unisync.testkit.SampleActivities;
import io.unisync.testkit.SamplePeople;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine, not the CRM adapter, resolves each person's CRM links: stored while fresh, looked up once a batch otherwise. */
class LinkedActivitySinkTest {

  private static final String ACCOUNT = "001000000000001AAA";
  private static final String CONTACT_1 = "003000000000001AAA";
  private static final String CONTACT_2 = "003000000000002AAA";

  private final ManualClock clock = ManualClock.startingAtEpochOf2026();
  private final InMemoryPersonStore people = new InMemoryPersonStore();
  private final InMemoryCrmLinkStore links = new InMemoryCrmLinkStore();
  private final InMemoryCrmDirectory directory = new InMemoryCrmDirectory()
      .addContact(CONTACT_1, ACCOUNT, List.of()).addContact(CONTACT_2, ACCOUNT, List.of("006000000000001AAA"));
  private final List<Map<PersonId, CrmLinks>> seen = new ArrayList<>();
  private final CrmActivitySink crm = new CrmActivitySink() {
    @Override
    public Destination destination() {
      return Destination.SALESFORCE;
    }

    @Override
    public int maxBatchSize() {
      return 200;
    }

    @Override
    public List<DeliveryOutcome> deliver(List<Activity> batch, Map<PersonId, CrmLinks> given) {
      seen.add(Map.copyOf(given));
      return batch.stream().<DeliveryOutcome>map(a -> new DeliveryOutcome.Delivered(a.id())).toList();
    }
  };
  private final LinkedActivitySink sink = LinkedActivitySink.of(crm, people, links, directory, Duration.ofDays(1), clock);

  private void store(long n, String contactId) {
    Person person = SamplePeople.person(n).with(PersonField.SALESFORCE_CONTACT_ID, contactId).with(PersonField.SALESFORCE_LEAD_ID, null);
    people.apply(new StoreBatch(List.of(PersonUpsert.of(person, clock.instant())), List.of(), List.of(),
        Checkpoint.incremental(new SourcePosition("p"))));
  }

  private List<Activity> activitiesOf(long... persons) {
    List<Activity> batch = new ArrayList<>();
    for (int i = 0; i < persons.length; i++) {
      batch.add(SampleActivities.activity(8 * (i + 1), persons[i], clock.instant()));
    }
    return batch;
  }

  @Test
  void missingLinksAreLookedUpOnceABatchStoredAndThenReusedWhileFresh() {
    store(1, CONTACT_1);
    store(2, CONTACT_2);

    assertThat(sink.deliver(activitiesOf(1, 2, 1))).hasSize(3);
    assertThat(directory.lookUps()).isEqualTo(1);
    assertThat(seen.get(0).get(PersonId.of(2)).what()).contains("006000000000001AAA");
    assertThat(links.find(List.of(PersonId.of(1), PersonId.of(2)))).hasSize(2);

    clock.advance(Duration.ofHours(23));
    sink.deliver(activitiesOf(1, 2));
    assertThat(directory.lookUps()).as("fresh links come from the store").isEqualTo(1);
    assertThat(seen.get(1)).isEqualTo(seen.get(0));
  }

  @Test
  void linksOlderThanTheRefreshAreReadAgain() {
    store(1, CONTACT_1);
    sink.deliver(activitiesOf(1));

    clock.advance(Duration.ofDays(1).plusSeconds(1));
    directory.addRole(CONTACT_1, "006000000000009AAA");
    sink.deliver(activitiesOf(1));

    assertThat(directory.lookUps()).isEqualTo(2);
    assertThat(seen.get(1).get(PersonId.of(1)).what()).contains("006000000000009AAA");
    assertThat(links.find(List.of(PersonId.of(1))).get(PersonId.of(1)).resolvedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aPersonWhoseContactChangedIsReadAgainAtOnce() {
    store(1, CONTACT_1);
    sink.deliver(activitiesOf(1));

    store(1, CONTACT_2);
    sink.deliver(activitiesOf(1));

    assertThat(directory.lookUps()).isEqualTo(2);
    assertThat(seen.get(1).get(PersonId.of(1)).contactId()).isEqualTo(CONTACT_2);
  }

  @Test
  void aPersonTheStoreOrTheCrmDoesNotKnowGoesWithoutLinksAndAStaleLinkIsNeverUsed() {
    store(1, CONTACT_1);
    sink.deliver(activitiesOf(1));
    directory.remove(CONTACT_1);
    clock.advance(Duration.ofDays(2));

    sink.deliver(activitiesOf(1, 99));

    assertThat(seen.get(1)).as("the contact is gone; person 99 is not in the store").isEmpty();
  }

  @Test
  void anAnswerAboutSomeoneNotAskedForIsNotStored() {
    store(1, CONTACT_1);
    CrmDirectory chatty = new CrmDirectory() {
      @Override
      public List<CrmLinks> lookUp(Collection<Person> asked, Instant at) {
        List<CrmLinks> answer = new ArrayList<>(directory.lookUp(asked, at));
        answer.add(new CrmLinks(PersonId.of(42), null, CONTACT_2, ACCOUNT, List.of(), at));
        return answer;
      }
    };

    LinkedActivitySink.of(crm, people, links, chatty, Duration.ofDays(1), clock).deliver(activitiesOf(1));

    assertThat(links.find(List.of(PersonId.of(1), PersonId.of(42)))).containsOnlyKeys(PersonId.of(1));
    assertThat(seen.get(0)).containsOnlyKeys(PersonId.of(1));
  }

  @Test
  void aBatchLargerThanTheSinkTakesIsRefusedBeforeAnyLookUp() {
    long[] persons = new long[201];
    java.util.Arrays.fill(persons, 1);

    assertThatThrownBy(() -> sink.deliver(activitiesOf(persons))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200");
    assertThat(directory.lookUps()).isZero();
  }
}
