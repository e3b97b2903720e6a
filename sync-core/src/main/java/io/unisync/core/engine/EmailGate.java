package io.unisync.core.engine;

import io.unisync.core.domain.PersonId;

/**
 * Asked before a seller e-mails someone. Checks the local suppression list (opt-outs from Actions and
 * from the CRM) and Marketo's unsubscribe status, live. Thread-safe.
 */
public interface EmailGate {

  /**
   * Allowed, or Blocked with the reason. Never throws for an unreachable Marketo: see {@link
   * ActivityOptions#blockWhenStatusUnknown()}.
   *
   * @param person the person about to be e-mailed
   * @return the decision
   */
  GateDecision check(PersonId person);
}
