package io.unisync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.unisync.core.port.Fence;
import io.unisync.core.port.Leases;
import io.unisync.core.error.LeaseLostException;
import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonId;
import io.unisync.core.port.Suppression;
import io.unisync.core.port.SuppressionStore;
import io.unisync.core.port.WatermarkStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour of every {@link SuppressionStore} and {@link WatermarkStore}: fresh, empty ones per test. */
public abstract class SuppressionStoreContract {

  /** The time the tests start at. */
  protected static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  /**
   * A fresh, empty suppression store. Called before each test.
   *
   * @return the store
   */
  protected abstract SuppressionStore newSuppressionStore();

  /**
   * A fresh, empty watermark store. Called before each test.
   *
   * @return the store
   */
  protected abstract WatermarkStore newWatermarkStore();

  /** {@return the leases that fence this implementation's stores (shared with them, as one database is)} */
  protected abstract Leases leases();

  /** The suppression store of the test under way. */
  protected SuppressionStore store;

  @BeforeEach
  void create() {
    store = newSuppressionStore();
  }

  @Test
  void aSuppressionIsFoundAndCanBeLifted() {
    Suppression s = new Suppression(PersonId.of(1), Suppression.Origin.ACTIONS, "asked to stop", T0);
    store.suppress(s);

    assertThat(store.find(PersonId.of(1))).contains(s);
    assertThat(store.find(PersonId.of(2))).isEmpty();
    assertThat(store.lift(PersonId.of(1))).isTrue();
    assertThat(store.lift(PersonId.of(1))).isFalse();
    assertThat(store.find(PersonId.of(1))).isEmpty();
  }

  @Test
  void onlyActionsSuppressionsWaitForThePushUntilMarked() {
    store.suppress(new Suppression(PersonId.of(1), Suppression.Origin.ACTIONS, "a", T0));
    store.suppress(new Suppression(PersonId.of(2), Suppression.Origin.CRM, "b", T0.plusSeconds(1)));
    store.suppress(new Suppression(PersonId.of(3), Suppression.Origin.ACTIONS, "c", T0.plusSeconds(2)));

    assertThat(store.unpushed(10)).extracting(Suppression::person).containsExactly(PersonId.of(1), PersonId.of(3));
    assertThat(store.unpushed(1)).hasSize(1);
    store.markPushed(List.of(PersonId.of(1)));
    assertThat(store.unpushed(10)).extracting(Suppression::person).containsExactly(PersonId.of(3));
  }

  @Test
  void aCrmSuppressionReplacingAnActionsOneIsNotPushedBack() {
    store.suppress(new Suppression(PersonId.of(1), Suppression.Origin.ACTIONS, "a", T0));
    store.suppress(new Suppression(PersonId.of(1), Suppression.Origin.CRM, "HasOptedOutOfEmail", T0.plusSeconds(5)));

    assertThat(store.unpushed(10)).isEmpty();
    assertThat(store.find(PersonId.of(1)).orElseThrow().origin()).isEqualTo(Suppression.Origin.CRM);
  }

  @Test
  void watermarksAreKeptPerStream() {
    WatermarkStore watermarks = newWatermarkStore();
    assertThat(watermarks.get("crm.optOuts")).isEmpty();

    watermarks.put("crm.optOuts", "2026-04-01T09:00:00Z|00Q000000000000001AAA");
    watermarks.put("crm.optOuts", "2026-04-01T10:00:00Z|00Q000000000000002AAA");
    watermarks.put("crm.tasks", "x");

    assertThat(watermarks.get("crm.optOuts")).contains("2026-04-01T10:00:00Z|00Q000000000000002AAA");
    assertThat(watermarks.get("crm.tasks")).contains("x");
  }

  @Test
  void suppressionWritesUnderALostLeaseCommitNothing() {
    TakeOver lease = TakeOver.begin(leases());
    SuppressionStore first = store.fencedBy(lease.first());
    first.suppress(new Suppression(PersonId.of(1), Suppression.Origin.ACTIONS, "a", T0));
    Fence second = lease.takeOver();

    assertThatThrownBy(() -> first.suppress(new Suppression(PersonId.of(2), Suppression.Origin.ACTIONS, "b", T0)))
        .isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(() -> first.lift(PersonId.of(1))).isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(() -> first.markPushed(List.of(PersonId.of(1)))).isInstanceOf(LeaseLostException.class);

    assertThat(store.find(PersonId.of(2))).isEmpty();
    assertThat(store.find(PersonId.of(1))).isPresent();
    assertThat(store.unpushed(10)).extracting(Suppression::person).containsExactly(PersonId.of(1));
    assertThat(store.fencedBy(second).lift(PersonId.of(1))).isTrue();
  }

  @Test
  void watermarkWritesUnderALostLeaseCommitNothing() {
    WatermarkStore watermarks = newWatermarkStore();
    TakeOver lease = TakeOver.begin(leases());
    WatermarkStore first = watermarks.fencedBy(lease.first());
    first.put("crm.optOuts", "one");
    Fence second = lease.takeOver();

    assertThatThrownBy(() -> first.put("crm.optOuts", "stale")).isInstanceOf(LeaseLostException.class);

    assertThat(watermarks.get("crm.optOuts")).contains("one");
    watermarks.fencedBy(second).put("crm.optOuts", "two");
    assertThat(watermarks.get("crm.optOuts")).contains("two");
  }
}
