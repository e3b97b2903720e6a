package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import java.util.Collection;
import java.util.Map;

/**
 * Whether people are unsubscribed from e-mail in the marketing system (Marketo's {@code unsubscribed}).
 * Read live; throws {@link io.unisync.core.error.RetryableAdapterException} when the system cannot answer
 * now. Thread-safe.
 */
public interface UnsubscribeStatus {

  /**
   * Whether this person is unsubscribed; a person the system does not know is not.
   *
   * @param person the person
   * @return whether unsubscribed
   */
  boolean isUnsubscribed(PersonId person);

  /**
   * The same for several people at once; every requested id is in the result.
   *
   * @param people the people
   * @return each person's status
   */
  Map<PersonId, Boolean> unsubscribed(Collection<PersonId> people);
}
