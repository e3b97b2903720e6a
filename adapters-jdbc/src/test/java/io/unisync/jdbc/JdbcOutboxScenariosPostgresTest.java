package io.unisync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxDraft;
import io.unisync.core.port.OutboxEntry;
import io.unisync.core.port.OutboxState;
import io.unisync.testkit.SampleActivities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JdbcOutboxScenariosPostgresTest extends JdbcOutboxScenarios {

  @Override
  JdbcDatabase database() {
    return TestDatabases.postgres();
  }

  @Test
  void threeEnginesDeliveringTogetherSendEveryActivityOnce() throws Exception {
    threeDispatchersOnThreeConnectionsDeliverEveryEntryExactlyOnce();
  }

  @Test
  void twoDispatchersOnOnePostgresNeverClaimAnEntryTwice() throws Exception {
    Tenant tenant = TestDatabases.freshTenant();
    JdbcActivityOutbox writer = database().activityOutbox(tenant);
    int total = 20_000;
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    List<OutboxDraft> drafts = new ArrayList<>(total);
    for (long n = 1; n <= total; n++) {
      // 5,000 people, four activities each: per-person ordering is part of what the claims must respect
      drafts.add(new OutboxDraft(Destination.MARKETO, SampleActivities.activity(n, 1 + n % 5_000, now), now));
    }
    for (int from = 0; from < total; from += 1_000) {
      writer.enqueue(drafts.subList(from, from + 1_000));
    }

    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicLong doubleClaims = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> dispatchers = new ArrayList<>();
    for (int d = 0; d < 2; d++) {
      JdbcActivityOutbox own = JdbcActivityOutbox.create(database().dataSource(), tenant); // as another process would
      dispatchers.add(pool.submit(() -> {
        int claimed = 0;
        int idle = 0;
        while (idle < 3) {
          List<OutboxEntry> batch = own.claim(Destination.MARKETO, 300, now, Duration.ofMinutes(5));
          if (batch.isEmpty()) {
            idle++;
            continue;
          }
          idle = 0;
          for (OutboxEntry e : batch) {
            if (!seen.add(e.activity().id().value())) {
              doubleClaims.incrementAndGet();
            }
          }
          claimed += batch.size();
          own.complete(batch, now);
        }
        return claimed;
      }));
    }
    int first = dispatchers.get(0).get(5, TimeUnit.MINUTES);
    int second = dispatchers.get(1).get(5, TimeUnit.MINUTES);
    pool.shutdown();

    assertThat(doubleClaims.get()).as("double claims").isZero();
    assertThat(first + second).isEqualTo(total);
    assertThat(first).as("both dispatchers did work").isPositive();
    assertThat(second).as("both dispatchers did work").isPositive();
    assertThat(writer.counts(Destination.MARKETO)).containsEntry(OutboxState.DELIVERED, (long) total);
  }
}
