package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import java.util.List;
import java.util.Set;

/** One entry of a source's change feed. */
public sealed interface PersonChange permits PersonChange.Updated, PersonChange.Deleted, PersonChange.Merged {

  /** {@return the people whose current state the engine must read again (or remove) because of this change} */
  List<PersonId> affected();

  /**
   * A person was created or changed.
   *
   * @param changedFields the source field names that changed; empty means "unknown or new", which the
   *     engine always treats as relevant
   */
  record Updated(PersonId id, Set<String> changedFields) implements PersonChange {
    /**
     * Copies the changed fields.
     *
     * @param id the person changed
     * @param changedFields the source field names that changed; empty means "unknown or new", which the engine always
     *     treats as relevant
     */
    public Updated {
      changedFields = Set.copyOf(changedFields);
    }

    @Override
    public List<PersonId> affected() {
      return List.of(id);
    }
  }

  /** A person was deleted in the source. */
  record Deleted(PersonId id) implements PersonChange {
    @Override
    public List<PersonId> affected() {
      return List.of(id);
    }
  }

  /** People were merged: the losers no longer exist, the winner carries the merged values. */
  record Merged(PersonId winner, List<PersonId> losers) implements PersonChange {
    /**
     * Copies the losers and checks there is at least one.
     *
     * @param winner the person that remains
     * @param losers the people merged into it, gone from the source
     */
    public Merged {
      losers = List.copyOf(losers);
      if (losers.isEmpty()) {
        throw new IllegalArgumentException("a merge needs at least one losing id");
      }
      if (losers.contains(winner)) {
        throw new IllegalArgumentException("merge winner " + winner + " is also listed as a loser");
      }
    }

    @Override
    public List<PersonId> affected() {
      List<PersonId> all = new java.util.ArrayList<>(losers.size() + 1);
      all.add(winner);
      all.addAll(losers);
      return List.copyOf(all);
    }
  }
}
