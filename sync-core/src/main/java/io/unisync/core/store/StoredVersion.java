package io.unisync.core.store;

import io.unisync.core.domain.Fingerprint;
import java.time.Instant;

/**
 * What a store knows about a stored person's version: enough to decide whether an upsert or removal
 * applies.
 */
public record StoredVersion(Fingerprint fingerprint, Instant sourceUpdatedAt) {}
