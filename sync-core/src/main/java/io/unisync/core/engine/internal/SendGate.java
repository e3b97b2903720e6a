package io.unisync.core.engine.internal;

import io.unisync.core.domain.PersonId;
import io.unisync.core.engine.EmailGate;
import io.unisync.core.engine.GateDecision;
import io.unisync.core.engine.SyncListener;
import io.unisync.core.error.SyncException;
import io.unisync.core.port.Suppression;
import io.unisync.core.port.SuppressionStore;
import io.unisync.core.port.UnsubscribeStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The e-mail send gate: local and CRM opt-outs first, then Marketo's unsubscribe status, live. */
public final class SendGate implements EmailGate {

  private static final Logger LOG = LoggerFactory.getLogger(SendGate.class);

  private final UnsubscribeStatus marketo;
  private final @Nullable SuppressionStore suppressions;
  private final boolean blockWhenUnknown;
  private final Clock clock;
  private final SyncListener listener;

  public SendGate(UnsubscribeStatus marketo, @Nullable SuppressionStore suppressions, boolean blockWhenUnknown, Clock clock,
      SyncListener listener) {
    this.clock = clock;
    this.listener = SafeListener.wrap(listener);
    this.marketo = marketo;
    this.suppressions = suppressions;
    this.blockWhenUnknown = blockWhenUnknown;
  }

  @Override
  public GateDecision check(PersonId person) {
    Instant start = clock.instant();
    boolean[] known = {true};
    GateDecision decision = decide(person, known);
    listener.onGateDecision(decision, known[0], Duration.between(start, clock.instant()));
    return decision;
  }

  private GateDecision decide(PersonId person, boolean[] known) {
    if (suppressions != null) {
      Optional<Suppression> suppression = suppressions.find(person);
      if (suppression.isPresent()) {
        Suppression s = suppression.get();
        return new GateDecision.Blocked(s.origin() == Suppression.Origin.CRM
            ? "opted out of e-mail in the CRM" : "on the suppression list: " + s.reason());
      }
    }
    try {
      return marketo.isUnsubscribed(person) ? new GateDecision.Blocked("unsubscribed in Marketo") : new GateDecision.Allowed();
    } catch (SyncException e) {
      LOG.warn("Unsubscribe status of person {} is unknown: {}", person, e.getMessage());
      known[0] = false;
      return unknown();
    } catch (RuntimeException e) {
      // An adapter bug or an answer nobody foresaw: still an answer for the seller, never an exception. Errors
      // (out of memory, ...) are not caught: they are the host's to see.
      LOG.warn("Unsubscribe status of person {} is unknown: the status adapter failed", person, e);
      known[0] = false;
      return unknown();
    }
  }

  private GateDecision unknown() {
    return blockWhenUnknown ? new GateDecision.Blocked("status unknown: Marketo could not be asked") : new GateDecision.Allowed();
  }
}
