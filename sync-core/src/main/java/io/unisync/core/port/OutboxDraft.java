package io.unisync.core.port;

import io.unisync.core.domain.Activity;
import java.time.Instant;

/** An activity to enqueue for one destination, due at a time. */
public record OutboxDraft(Destination destination, Activity activity, Instant dueAt) {}
