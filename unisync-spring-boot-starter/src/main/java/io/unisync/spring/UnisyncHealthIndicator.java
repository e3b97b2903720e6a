package io.unisync.spring;

import io.unisync.core.engine.Activities;
import io.unisync.core.engine.SyncEngine;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.port.Destination;
import io.unisync.core.port.OutboxState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code unisync} health: DOWN when an operation (person sync, delivery, a two-way sync) has been failing for
 * longer than {@code unisync.health.max-failing-for}, or when more dead letters wait than
 * {@code unisync.health.max-dead-letters}; UP otherwise, also on a replica that does not hold the lease (another one
 * syncs). Details: the lease, the age of each operation's last success, the backlog and the dead letters per
 * destination. It never shows a person's data.
 */
public class UnisyncHealthIndicator implements HealthIndicator {

  private final UnisyncRunner runner;
  private final SyncEngine engine;
  private final Clock clock;
  private final Duration maxFailingFor;
  private final long maxDeadLetters;
  private final Instant started;

  /**
   * A health indicator.
   *
   * @param runner the runner
   * @param engine the host-facing engine
   * @param clock judges how long an operation has failed
   * @param settings the thresholds
   */
  public UnisyncHealthIndicator(UnisyncRunner runner, SyncEngine engine, Clock clock, UnisyncProperties.Health settings) {
    this.runner = runner;
    this.engine = engine;
    this.clock = clock;
    this.maxFailingFor = settings.getMaxFailingFor();
    this.maxDeadLetters = settings.getMaxDeadLetters();
    this.started = clock.instant();
  }

  @Override
  public Health health() {
    Instant now = clock.instant();
    Map<String, Object> operations = new LinkedHashMap<>();
    StringBuilder down = new StringBuilder();
    for (SyncRunner.Health h : runner.health()) {
      Map<String, Object> op = new LinkedHashMap<>();
      h.lastSuccess().ifPresent(t -> op.put("lastSuccessAge", Duration.between(t, now).toString()));
      op.put("consecutiveFailures", h.consecutiveFailures());
      h.lastError().ifPresent(e -> op.put("lastError", e));
      operations.put(h.operation(), op);
      Instant okSince = h.lastSuccess().orElse(started);
      if (h.consecutiveFailures() > 0 && Duration.between(okSince, now).compareTo(maxFailingFor) > 0) {
        down.append(down.isEmpty() ? "" : "; ").append(h.operation()).append(" failing for more than ").append(maxFailingFor);
      }
    }
    Map<String, Object> backlog = new LinkedHashMap<>();
    long dead = 0;
    for (Map.Entry<Destination, Map<OutboxState, Long>> e : engine.activities().map(Activities::backlog).orElse(Map.of()).entrySet()) {
      long pending = e.getValue().getOrDefault(OutboxState.PENDING, 0L);
      long deadHere = e.getValue().getOrDefault(OutboxState.DEAD, 0L);
      dead += deadHere;
      backlog.put(e.getKey().name().toLowerCase(java.util.Locale.ROOT), Map.of("pending", pending, "deadLetters", deadHere));
    }
    if (maxDeadLetters >= 0 && dead > maxDeadLetters) {
      down.append(down.isEmpty() ? "" : "; ").append(dead).append(" dead letters (more than ").append(maxDeadLetters).append(")");
    }
    Health.Builder health = down.isEmpty() ? Health.up() : Health.down().withDetail("reason", down.toString());
    return health
        .withDetail("tenant", runner.tenant())
        .withDetail("replica", runner.replicaId())
        .withDetail("leaseHeld", runner.leaseHeld())
        .withDetail("operations", operations)
        .withDetail("activities", backlog)
        .build();
  }
}
