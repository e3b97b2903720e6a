/**
 * Unisync on Micrometer: {@link io.unisync.micrometer.UnisyncMetrics} turns the engine's events into counters and
 * timers and its state into gauges, tagged by tenant. {@code unisync-core} knows nothing of Micrometer.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.micrometer;

import org.jspecify.annotations.NullMarked;
