package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reading the stored people: by id, by e-mail, by CRM id, in pages. What the engine's people API and the CRM adapters
 * need of a {@link PersonStore}; reads return copies. Thread-safe.
 */
public interface PersonReader {

  /**
   * One person by id.
   *
   * @param id the Marketo id
   * @return the person, if stored
   */
  Optional<StoredPerson> findById(PersonId id);

  /**
   * Every person with this e-mail address, compared case-insensitively, ordered by id. Several people may
   * share one address: identity is the Marketo id.
   *
   * @param email the address
   * @return the people with it
   */
  List<StoredPerson> findByEmail(String email);

  /**
   * Every person whose Salesforce contact id or lead id is {@code salesforceId} (18-character form),
   * ordered by id: the way back from a CRM record to Actions people.
   *
   * @param salesforceId the 18-character id
   * @return the people with it
   */
  List<StoredPerson> findBySalesforceId(String salesforceId);

  /**
   * A page of people in ascending id order.
   *
   * @param after the last id of the previous page, or {@code null} for the first page
   * @param limit the most people to return (at least 1)
   * @return the page
   */
  List<StoredPerson> page(@Nullable PersonId after, int limit);

  /** {@return how many people are stored} */
  long count();
}
