package io.unisync.core.port;

import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.PersonId;
import java.util.Collection;
import java.util.Map;

/** Each person's CRM links, kept with the person so activity logging does not look them up every time. Thread-safe. */
public interface CrmLinkStore {

  /**
   * The stored links of these people (absent ones are missing from the result).
   *
   * @param people the people
   * @return their stored links
   */
  Map<PersonId, CrmLinks> find(Collection<PersonId> people);

  /**
   * Stores or replaces links.
   *
   * @param links the links
   */
  void save(Collection<CrmLinks> links);

  /**
   * This store with every write fenced by {@code fence}: each write checks, in its own transaction, that the
   * lease has no newer epoch; otherwise nothing of it commits and it throws
   * {@link io.unisync.core.error.LeaseLostException}. Reads are not fenced. The view shares this store's data.
   *
   * @param fence the fence
   * @return the fenced view
   */
  CrmLinkStore fencedBy(Fence fence);
}
