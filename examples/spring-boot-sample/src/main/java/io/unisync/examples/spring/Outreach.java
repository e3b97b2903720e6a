package io.unisync.examples.spring;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.Seller;
import io.unisync.core.engine.GateDecision;
import io.unisync.core.engine.SyncEngine;
import java.time.Clock;
import org.springframework.stereotype.Service;

/** The service's own code: it asks the send gate before an e-mail and records the e-mail after it went out. */
@Service
public class Outreach {

  private final SyncEngine unisync;
  private final Clock clock = Clock.systemUTC();

  public Outreach(SyncEngine unisync) {
    this.unisync = unisync;
  }

  /** Sends (here: records) an e-mail when the gate allows it; returns the gate's decision. */
  public GateDecision email(String eventId, PersonId person, Seller seller, String subject) {
    // this application's engine is built with both (unisync.marketo.* is set): a missing one is a wiring error
    GateDecision decision = unisync.emailGate().orElseThrow().check(person);
    if (decision.allowed()) {
      unisync.activities().orElseThrow().record(new Activity.SendSalesEmail(ActivityId.of(eventId), person, clock.instant(), seller, subject, null));
    }
    return decision;
  }
}
