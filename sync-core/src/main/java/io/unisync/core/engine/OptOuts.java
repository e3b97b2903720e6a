package io.unisync.core.engine;

import io.unisync.core.domain.PersonId;

/** The two-way unsubscribe sync with the CRM (never with Marketo). Thread-safe. */
public interface OptOuts {

  /**
   * A person unsubscribed in Actions: they join the suppression list at once (the send gate blocks them) and the
   * next {@link #sync()} sets the CRM's opt-out flag.
   *
   * @param person the person
   * @param reason why, kept with the suppression
   */
  void unsubscribe(PersonId person, String reason);

  /**
   * One bounded pass: pushes Actions unsubscribes to the CRM, then pulls opt-out changes made in the CRM (ours
   * excluded) into the suppression list; at most {@link ActivityOptions#maxBatchesPerPass()} batches each way.
   *
   * @return what the pass pushed and pulled
   */
  OptOutReport sync();
}
