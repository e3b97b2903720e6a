/**
 * Domain values of Unisync: people, their identity, the raw records a source hands over, and fingerprints. <b>API</b>: stable, depends only on the JDK.
 *
 * <p>Null policy: every type here is {@link org.jspecify.annotations.NullMarked}; a value that may be
 * absent is annotated {@code @Nullable} or returned as {@link java.util.Optional}.
 */
@NullMarked
package io.unisync.core.domain;

import org.jspecify.annotations.NullMarked;
