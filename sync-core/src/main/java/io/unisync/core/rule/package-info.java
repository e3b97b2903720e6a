/**
 * Eligibility and field-mapping rules that decide which source records become people and how. <b>API</b>.
 *
 * <p>Null policy: every type here is {@link org.jspecify.annotations.NullMarked}; a value that may be
 * absent is annotated {@code @Nullable} or returned as {@link java.util.Optional}.
 */
@NullMarked
package io.unisync.core.rule;

import org.jspecify.annotations.NullMarked;
