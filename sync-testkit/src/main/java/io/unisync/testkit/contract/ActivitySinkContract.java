package io.unisync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityKind;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.port.ActivitySink;
import io.unisync.core.port.DeliveryOutcome;
import io.unisync.testkit.SampleActivities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ActivitySink} must have. Provide a {@link Fixture}: the sink and a way to
 * count what the destination holds.
 */
public abstract class ActivitySinkContract {

  /** The sink under test and a view of its destination. */
  public interface Fixture {
    /**
     * The sink under test.
     *
     * @return the sink
     */
    ActivitySink sink();

    /**
     * How many copies of this activity the destination holds.
     *
     * @param id the activity
     * @return the copies
     */
    int copiesOf(ActivityId id);

    /**
     * The people activities may refer to; the fixture makes sure the destination knows them.
     *
     * @param n a number
     * @return a person's Marketo id
     */
    default long person(long n) {
      return n;
    }
  }

  /** The time the tests start at. */
  protected static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  /**
   * A fresh fixture over an empty destination. Called before each test.
   *
   * @return the fixture
   */
  protected abstract Fixture newFixture();

  /** The fixture of the test under way. */
  protected Fixture fixture;
  /** The sink of the test under way. */
  protected ActivitySink sink;

  @BeforeEach
  void createFixture() {
    fixture = newFixture();
    sink = fixture.sink();
  }

  /**
   * The kinds this sink's destination takes (Salesforce takes no campaign activities).
   *
   * @param kind the kind
   * @return whether the destination takes it
   */
  protected boolean accepts(ActivityKind kind) {
    return true;
  }

  /**
   * {@code count} sample activities from number {@code offset} on, of the kinds the destination takes.
   *
   * @param count how many
   * @param offset the first activity's number
   * @return the activities
   */
  protected List<Activity> sample(int count, long offset) {
    List<Activity> batch = new ArrayList<>();
    for (long n = offset; batch.size() < count; n++) {
      Activity a = SampleActivities.activity(n, fixture.person(1 + n % 50), T0.plusSeconds(n));
      if (accepts(a.kind())) {
        batch.add(a);
      }
    }
    return batch;
  }

  @Test
  void everyActivityGetsExactlyOneOutcomeAndIsDelivered() {
    List<Activity> batch = sample(8, 0);

    List<DeliveryOutcome> outcomes = sink.deliver(batch);

    assertThat(outcomes).extracting(DeliveryOutcome::id).containsExactlyInAnyOrderElementsOf(batch.stream().map(Activity::id).toList());
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
    batch.forEach(a -> assertThat(fixture.copiesOf(a.id())).as(a.id().value()).isEqualTo(1));
  }

  @Test
  void deliveringAgainAfterALostAnswerCreatesNoSecondCopy() {
    List<Activity> batch = sample(5, 100);
    sink.deliver(batch);

    // the first answer was "lost": the engine retries with the batch marked in doubt
    List<DeliveryOutcome> again = sink.deliver(batch, batch.stream().map(Activity::id).collect(java.util.stream.Collectors.toSet()));

    assertThat(again).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
    batch.forEach(a -> assertThat(fixture.copiesOf(a.id())).as(a.id().value()).isEqualTo(1));
  }

  @Test
  void aFullBatchIsAccepted() {
    List<Activity> batch = sample(sink.maxBatchSize(), 1_000);

    List<DeliveryOutcome> outcomes = sink.deliver(batch);

    assertThat(outcomes).hasSize(sink.maxBatchSize());
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
  }
}
