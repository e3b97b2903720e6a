/**
 * Driven ports (SPI) that adapters implement: where people come from and where they are stored, with the records the ports exchange. <b>SPI</b>: implementations must pass the matching contract suite in {@code unisync-testkit}.
 *
 * <p>Null policy: every type here is {@link org.jspecify.annotations.NullMarked}; a value that may be
 * absent is annotated {@code @Nullable} or returned as {@link java.util.Optional}.
 */
@NullMarked
package io.unisync.core.port;

import org.jspecify.annotations.NullMarked;
