package io.unisync.core.port;

import io.unisync.core.domain.Fingerprint;
import io.unisync.core.domain.Person;
import java.time.Instant;

/**
 * A person as stored, with the source version it came from.
 *
 * @param person the 11 fields
 * @param fingerprint the digest of those fields
 * @param sourceUpdatedAt the source version stored
 */
public record StoredPerson(Person person, Fingerprint fingerprint, Instant sourceUpdatedAt) {}
