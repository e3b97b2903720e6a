package io.unisync.core.port;

import io.unisync.core.domain.PersonId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Remove this person from the store.
 *
 * @param id who
 * @param reason why (for reports and listeners)
 * @param sourceUpdatedAt the source version that made the person ineligible, when known; a store holding
 *     a newer version keeps the person. Deletes and merges carry none and always remove.
 */
public record PersonRemoval(PersonId id, Reason reason, @Nullable Instant sourceUpdatedAt) {

  /** Why a person leaves the store. */
  public enum Reason {
    /** The person lost the sales owner (or otherwise failed the eligibility rule). */
    INELIGIBLE,
    /** The source no longer has the person: deleted, or merged into another. */
    GONE,
    /** The person was merged into another. */
    MERGED
  }

  /**
   * Truncates the source's version to microseconds, the stores' precision.
   *
   * @param id who
   * @param reason why (for reports and listeners)
   * @param sourceUpdatedAt the source version that made the person ineligible, when known; a store holding a newer
   *     version keeps the person. Deletes and merges carry none and always remove.
   */
  public PersonRemoval {
    sourceUpdatedAt = sourceUpdatedAt == null ? null : sourceUpdatedAt.truncatedTo(ChronoUnit.MICROS);
  }

  /** {@return the source's version of the removal, when it has one (a newer stored person is then kept)} */
  public Optional<Instant> version() {
    return Optional.ofNullable(sourceUpdatedAt);
  }
}
