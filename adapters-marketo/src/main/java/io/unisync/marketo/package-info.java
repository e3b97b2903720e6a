/**
 * Marketo adapters: {@link io.unisync.marketo.Marketo} (one connection per Marketo instance: auth, rate
 * limits, retries), {@link io.unisync.marketo.MarketoSettings}, and the ports it implements:
 * {@link io.unisync.marketo.MarketoPersonSource}, {@link io.unisync.marketo.MarketoActivitySink},
 * {@link io.unisync.marketo.MarketoActivityHistory}, {@link io.unisync.marketo.MarketoUnsubscribeStatus}.
 * <b>API</b>. HTTP, JSON and CSV live in {@code io.unisync.marketo.internal}.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.marketo;

import org.jspecify.annotations.NullMarked;
