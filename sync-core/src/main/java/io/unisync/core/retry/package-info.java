/**
 * One retry and deadline policy for every remote call, shared by the adapters: {@link RetryPolicy} (the settings:
 * attempts and a total deadline per {@link CallClass}, the backoff between attempts) and {@link Retrier} (runs one
 * call under them). An adapter translates the wire (an answer into a value, a transient failure into a
 * {@link Retrier.Outcome#retry retry}, a rejected token into one {@link Retrier.Outcome#renewed renewal}); how often,
 * how long and how patiently it is tried again is decided here, once. Waiting goes through an injected
 * {@link io.unisync.core.port.Sleeper} and jitter comes from a seeded source, so tests run on a manual clock.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.core.retry;

import org.jspecify.annotations.NullMarked;
