package io.unisync.core.port;

import io.unisync.core.domain.Fingerprint;
import io.unisync.core.domain.Person;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Store this person at this source version, unless the store already holds a newer version (a person
 * never moves backwards) or the same values (nothing is rewritten). Versions are kept to the
 * microsecond, the precision every supported database stores.
 */
public record PersonUpsert(Person person, Instant sourceUpdatedAt, Fingerprint fingerprint) {

  /**
   * Truncates the source's version to microseconds and checks the fingerprint is the person's.
   *
   * @param person the person
   * @param sourceUpdatedAt the source's version of it
   * @param fingerprint the person's fingerprint
   */
  public PersonUpsert {
    sourceUpdatedAt = sourceUpdatedAt.truncatedTo(ChronoUnit.MICROS);
    if (!fingerprint.equals(person.fingerprint())) {
      throw new IllegalArgumentException("fingerprint does not match person " + person.id());
    }
  }

  /**
   * The upsert of {@code person} at the source's version {@code sourceUpdatedAt}, its fingerprint computed.
   *
   * @param person the person
   * @param sourceUpdatedAt the source's version
   * @return the upsert
   */
  public static PersonUpsert of(Person person, Instant sourceUpdatedAt) {
    return new PersonUpsert(person, sourceUpdatedAt, person.fingerprint());
  }
}
