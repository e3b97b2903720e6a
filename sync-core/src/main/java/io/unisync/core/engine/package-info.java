/**
 * The embedding API: {@link io.unisync.core.engine.SyncEngine}, its builder, options, reports and listener. <b>API</b>.
 *
 * <p>Null policy: every type here is {@link org.jspecify.annotations.NullMarked}; a value that may be
 * absent is annotated {@code @Nullable} or returned as {@link java.util.Optional}.
 */
@NullMarked
package io.unisync.core.engine;

import org.jspecify.annotations.NullMarked;
