package io.unisync.core.engine;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Read-only access to the synced people, for the host. There is deliberately no way to create or edit a
 * person here: Marketo is the source of truth and every change arrives through the sync.
 * Thread-safe.
 */
public interface People {

  /**
   * A person by Marketo id.
   *
   * @param id the Marketo id
   * @return the person, if stored
   */
  Optional<Person> byId(PersonId id);

  /**
   * Everyone with this e-mail address (case-insensitive), ordered by id; duplicates are legal.
   *
   * @param email the address
   * @return the people with it
   */
  List<Person> byEmail(String email);

  /**
   * Up to {@code limit} people after {@code after} (exclusive) in id order; {@code null} starts at the beginning.
   *
   * @param after the last id of the previous page, or {@code null}
   * @param limit the most people returned
   * @return the page
   */
  List<Person> page(@Nullable PersonId after, int limit);

  /** {@return how many people are stored} */
  long count();
}
