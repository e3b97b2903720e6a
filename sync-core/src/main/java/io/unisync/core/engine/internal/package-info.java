/**
 * Engine implementation. <b>Internal, not API</b>: may change in any release; use {@link io.unisync.core.engine.SyncEngine}.
 *
 * <p>Null policy: every type here is {@link org.jspecify.annotations.NullMarked}; a value that may be
 * absent is annotated {@code @Nullable} or returned as {@link java.util.Optional}.
 */
@NullMarked
package io.unisync.core.engine.internal;

import org.jspecify.annotations.NullMarked;
