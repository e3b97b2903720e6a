package io.unisync.core.port;

import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.Person;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where people live in the CRM, read live: each person's contact (a converted lead followed to its contact) or
 * unconverted lead, with the contact's account and the opportunities it has a role in. The engine asks it for the
 * people whose stored {@link CrmLinks} are missing, older than the refresh period, or about another contact, and
 * keeps the answers in a {@link CrmLinkStore}. Thread-safe.
 */
public interface CrmDirectory {

  /**
   * The current links of those of {@code people} the CRM knows, each stamped {@code resolvedAt}. A person with
   * neither a lead nor a contact id, or whose records are gone from the CRM, is absent from the result (not an error).
   *
   * @throws io.unisync.core.error.RetryableAdapterException when the CRM could not be read; nothing is stored then
   * @param people the people
   * @param resolvedAt the time the links are stamped with
   * @return the links found
   */
  List<CrmLinks> lookUp(Collection<Person> people, Instant resolvedAt);
}
