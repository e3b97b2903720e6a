/**
 * Benchmarks (not tests): programs that print figures and ratios. They may print to standard output.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.benchmarks;

import org.jspecify.annotations.NullMarked;
