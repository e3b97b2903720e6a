package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The Actions side's list of people who must not be e-mailed. A suppression that originates in Actions
 * waits to be pushed to the CRM ({@link #unpushed}); one that came from the CRM does not. Thread-safe;
 * {@code SuppressionStoreContract} in {@code unisync-testkit} checks the behaviour.
 */
public interface SuppressionStore {

  /**
   * The person's suppression, if any.
   *
   * @param person the person
   * @return the suppression, if any
   */
  Optional<Suppression> find(PersonId person);

  /**
   * Adds or replaces a suppression. One from {@link Suppression.Origin#ACTIONS} is queued for the CRM;
   * one from {@link Suppression.Origin#CRM} is not (it came from there).
   *
   * @param suppression the suppression
   */
  void suppress(Suppression suppression);

  /**
   * Lifts a suppression; returns whether there was one.
   *
   * @param person the person
   * @return whether there was one
   */
  boolean lift(PersonId person);

  /**
   * Suppressions from Actions not yet pushed to the CRM, oldest first.
   *
   * @param max the most suppressions
   * @return the suppressions
   */
  List<Suppression> unpushed(int max);

  /**
   * Records that these people's suppressions reached the CRM.
   *
   * @param people the people
   */
  void markPushed(Collection<PersonId> people);

  /**
   * This store with every write fenced by {@code fence}: each write checks, in its own transaction, that the
   * lease has no newer epoch; otherwise nothing of it commits and it throws
   * {@link io.unisync.core.error.LeaseLostException}. Reads are not fenced. The view shares this store's data.
   *
   * @param fence the fence
   * @return the fenced view
   */
  SuppressionStore fencedBy(Fence fence);
}
