/**
 * The exception hierarchy: one unchecked root, {@link io.unisync.core.error.SyncException}, and its subtypes. <b>API</b>.
 *
 * <p>Null policy: every type here is {@link org.jspecify.annotations.NullMarked}; a value that may be
 * absent is annotated {@code @Nullable} or returned as {@link java.util.Optional}.
 */
@NullMarked
package io.unisync.core.error;

import org.jspecify.annotations.NullMarked;
