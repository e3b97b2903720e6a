package io.unisync.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.port.Lease;
import io.unisync.core.port.Leases;
import io.unisync.testkit.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of every {@link Leases}: one valid holder at a time, epochs that only grow, renewals that fail
 * once the lease changed hands. Implementations get a {@link ManualClock} that the tests move.
 */
public abstract class LeasesContract {

  /** The leases' time to live. */
  protected static final Duration TTL = Duration.ofSeconds(30);

  /**
   * Leases judged by {@code clock}; each test uses fresh names, so the storage may be shared.
   *
   * @param clock judges expiry
   * @return the leases
   */
  protected abstract Leases newLeases(Clock clock);

  /** The clock the leases are judged by. */
  protected final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));
  /** The leases under test. */
  protected Leases leases;
  /** A lease name no other test uses. */
  protected String name;

  @BeforeEach
  void create() {
    leases = newLeases(clock);
    name = "tenant-" + UUID.randomUUID();
  }

  @Test
  void theFirstAcquisitionGetsEpochOneAndAValidLease() {
    Lease lease = leases.acquire(name, "a", TTL).orElseThrow();

    assertThat(lease.epoch()).isEqualTo(1);
    assertThat(lease.holder()).isEqualTo("a");
    assertThat(lease.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    assertThat(leases.current(name)).contains(lease);
  }

  @Test
  void aValidLeaseIsNotGivenToAnotherHolder() {
    leases.acquire(name, "a", TTL).orElseThrow();
    clock.advance(TTL.minusSeconds(1));

    assertThat(leases.acquire(name, "b", TTL)).isEmpty();
  }

  @Test
  void theHolderAcquiringAgainRenewsWithTheSameEpoch() {
    Lease first = leases.acquire(name, "a", TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(10));

    Lease again = leases.acquire(name, "a", TTL).orElseThrow();

    assertThat(again.epoch()).isEqualTo(first.epoch());
    assertThat(again.expiresAt()).isEqualTo(clock.instant().plus(TTL));
  }

  @Test
  void anExpiredLeaseGoesToTheNextHolderWithAGreaterEpochAndTheOldOneCannotRenew() {
    Lease first = leases.acquire(name, "a", TTL).orElseThrow();
    clock.advance(TTL);

    Lease second = leases.acquire(name, "b", TTL).orElseThrow();

    assertThat(second.epoch()).isGreaterThan(first.epoch());
    assertThat(leases.renew(first, TTL)).as("a renewal after the takeover").isEmpty();
    assertThat(leases.current(name)).contains(second);
  }

  @Test
  void renewingManyAtOnceAnswersAsRenewingEachWouldAndLeavesOutTheLostOnes() {
    Lease kept = leases.acquire(name + "/kept", "a", TTL).orElseThrow();
    Lease released = leases.acquire(name + "/released", "a", TTL).orElseThrow();
    Lease takenOver = leases.acquire(name + "/taken", "a", TTL).orElseThrow();
    Lease lapsed = leases.acquire(name + "/lapsed", "a", TTL).orElseThrow();
    leases.release(released);
    clock.advance(TTL.plusSeconds(1));
    Lease thief = leases.acquire(takenOver.name(), "b", TTL).orElseThrow();
    // "kept" and "lapsed" both lapsed, nobody took them: renewed with their epochs, as renew() would
    Lease neverStored = new Lease(name + "/never", "a", 1, clock.instant());

    Map<String, Lease> renewed = leases.renewAll(List.of(kept, released, takenOver, lapsed, neverStored), TTL);

    assertThat(renewed).containsOnlyKeys(kept.name(), lapsed.name());
    assertThat(renewed.get(kept.name())).isEqualTo(new Lease(kept.name(), "a", kept.epoch(), clock.instant().plus(TTL)));
    assertThat(renewed).extractingByKey(lapsed.name()).extracting(Lease::epoch).isEqualTo(lapsed.epoch());
    assertThat(leases.current(kept.name())).contains(renewed.get(kept.name()));
    assertThat(leases.current(takenOver.name())).as("the new holder's lease is untouched").contains(thief);
    assertThat(leases.acquire(released.name(), "c", TTL)).as("a released lease stays free").isPresent();
    assertThat(leases.renewAll(List.of(), TTL)).isEmpty();
  }

  @Test
  void readingManyAtOnceGivesEveryStoredLeaseValidOrNot() {
    Lease valid = leases.acquire(name + "/valid", "a", TTL).orElseThrow();
    Lease expired = leases.acquire(name + "/expired", "b", Duration.ofSeconds(1)).orElseThrow();
    clock.advance(Duration.ofSeconds(2));

    Map<String, Lease> found = leases.currentAll(List.of(valid.name(), expired.name(), name + "/never"));

    assertThat(found).containsOnlyKeys(valid.name(), expired.name());
    assertThat(found.get(valid.name())).isEqualTo(valid);
    assertThat(found.get(expired.name())).isEqualTo(expired);
    assertThat(expired.isValidAt(clock.instant())).isFalse();
    assertThat(leases.currentAll(List.of())).isEmpty();
  }

  @Test
  void aLateRenewalSucceedsWhenNobodyTookTheLeaseAndKeepsTheEpoch() {
    Lease first = leases.acquire(name, "a", TTL).orElseThrow();
    clock.advance(TTL.plusSeconds(5));

    Optional<Lease> renewed = leases.renew(first, TTL);

    assertThat(renewed).get().satisfies(l -> {
      assertThat(l.epoch()).isEqualTo(first.epoch());
      assertThat(l.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    });
  }

  @Test
  void aReleasedLeaseIsFreeAtOnceAndTheNextEpochIsGreaterEvenForTheSameHolder() {
    Lease first = leases.acquire(name, "a", TTL).orElseThrow();
    leases.release(first);

    Lease second = leases.acquire(name, "b", TTL).orElseThrow();
    leases.release(second);
    Lease third = leases.acquire(name, "b", TTL).orElseThrow();

    assertThat(second.epoch()).isGreaterThan(first.epoch());
    assertThat(third.epoch()).isGreaterThan(second.epoch());
    assertThat(leases.renew(first, TTL)).isEmpty();
    assertThat(leases.renew(second, TTL)).as("released, then re-acquired").isEmpty();
  }

  @Test
  void releasingALeaseThatChangedHandsChangesNothing() {
    Lease first = leases.acquire(name, "a", TTL).orElseThrow();
    clock.advance(TTL);
    Lease second = leases.acquire(name, "b", TTL).orElseThrow();

    leases.release(first);

    assertThat(leases.current(name)).contains(second);
    assertThat(leases.acquire(name, "c", TTL)).isEmpty();
  }

  @Test
  void leasesOnDifferentNamesAreIndependent() {
    String other = name + "-other";
    assertThat(leases.acquire(name, "a", TTL)).isPresent();
    assertThat(leases.acquire(other, "b", TTL)).get().satisfies(l -> assertThat(l.epoch()).isEqualTo(1));
  }

  /** One tenure of an epoch as a holder saw it: from the grant to the expiry (or to its release). */
  private record Grant(String holder, long epoch, Instant start, Instant end) {}

  @Test
  void holdersRacingNeverOverlapAndEpochsOnlyGrow() throws Exception {
    int holders = 4;
    int rounds = 250;
    List<Grant> grants = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(holders);
    List<Future<?>> runs = new ArrayList<>();
    for (int h = 0; h < holders; h++) {
      String holder = "replica-" + h;
      long seed = 7919L * (h + 1);
      runs.add(pool.submit(() -> {
        SplittableRandom random = new SplittableRandom(seed);
        Lease held = null;
        for (int round = 0; round < rounds; round++) {
          int move = random.nextInt(10);
          if (move < 4) {
            Optional<Lease> got = leases.acquire(name, holder, TTL);
            if (got.isPresent()) {
              held = got.get();
              grants.add(new Grant(holder, held.epoch(), held.expiresAt().minus(TTL), held.expiresAt()));
            }
          } else if (move < 7 && held != null) {
            Optional<Lease> renewed = leases.renew(held, TTL); // often late: the clock moves under it
            if (renewed.isPresent()) {
              held = renewed.get();
              grants.add(new Grant(holder, held.epoch(), held.expiresAt().minus(TTL), held.expiresAt()));
            } else {
              held = null;
            }
          } else if (move < 9) {
            clock.advance(Duration.ofSeconds(random.nextInt(12)));
          } else if (held != null) {
            Instant before = clock.instant();
            leases.release(held);
            grants.add(new Grant(holder, held.epoch(), before, before)); // marks the end of this tenure
            held = null;
          }
        }
        return null;
      }));
    }
    for (Future<?> run : runs) {
      run.get(5, TimeUnit.MINUTES);
    }
    pool.shutdown();

    Map<Long, String> holderOfEpoch = new HashMap<>();
    Map<Long, Instant> firstStart = new HashMap<>();
    Map<Long, Instant> end = new HashMap<>();
    for (Grant g : grants) {
      String previous = holderOfEpoch.putIfAbsent(g.epoch(), g.holder());
      assertThat(previous == null || previous.equals(g.holder())).as("epoch " + g.epoch() + " given to one holder only").isTrue();
      firstStart.merge(g.epoch(), g.start(), (a, b) -> a.isBefore(b) ? a : b);
      if (g.start().equals(g.end())) {
        // released (one thread holds an epoch, and its release comes after its grants): the tenure ended there,
        // unless it had lapsed before (a release of a lease already taken over changes nothing)
        end.merge(g.epoch(), g.end(), (a, b) -> a.isBefore(b) ? a : b);
      } else {
        end.merge(g.epoch(), g.end(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    assertThat(holderOfEpoch).as("the holders took the lease from each other").hasSizeGreaterThan(3);
    List<Long> epochs = new ArrayList<>(holderOfEpoch.keySet());
    Collections.sort(epochs);
    for (int i = 1; i < epochs.size(); i++) {
      long before = epochs.get(i - 1);
      long after = epochs.get(i);
      assertThat(firstStart.get(after)).as("epoch " + after + " starts after epoch " + before + " began").isAfterOrEqualTo(firstStart.get(before));
      // at most one valid holder at any instant: epoch e's tenure ended (lapsed or released) before e+1 began
      assertThat(end.get(before)).as("epoch " + before + " of " + holderOfEpoch.get(before) + " still valid when epoch " + after
          + " went to " + holderOfEpoch.get(after) + "; grants of both: "
          + grants.stream().filter(g -> g.epoch() == before || g.epoch() == after).toList()).isBeforeOrEqualTo(firstStart.get(after));
    }
  }
}
