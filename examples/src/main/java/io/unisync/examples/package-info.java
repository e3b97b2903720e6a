/**
 * Runnable examples: the {@code unisync} command line (the demo) and an embedding sample. Examples may
 * print to standard output; library code never does.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.examples;

import org.jspecify.annotations.NullMarked;
