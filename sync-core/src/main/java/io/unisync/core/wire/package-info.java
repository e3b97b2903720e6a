/**
 * Adapter SPI: what every HTTP adapter needs so that no answer from the wire can hold it, fill its memory or
 * slip in records nobody asked for, written once and shared (JDK only). {@link BoundedBody} reads a response body
 * whole but never past a byte cap, {@link Exchange#await} waits for an answer within a deadline and an idle
 * limit and lets a JVM {@link Error} through instead of retrying it, {@link Requested} checks an answer's records
 * against the ids the request asked for, and {@link Endpoints} is the one rule for a vendor URL (https, plain
 * http on loopback only, no credentials inside it), used by the adapters' settings and by every configuration
 * surface. Hosts do not need this package.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.core.wire;

import org.jspecify.annotations.NullMarked;
