package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import java.util.Optional;

/** The Actions side's list of people who must not be e-mailed. Thread-safe. */
public interface SuppressionStore {

  /** The person's suppression, if any. */
  Optional<Suppression> find(PersonId person);

  /** Adds or replaces a suppression. */
  void suppress(Suppression suppression);

  /** Lifts a suppression; returns whether there was one. */
  boolean lift(PersonId person);
}
