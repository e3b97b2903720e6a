/**
 * Test support for hosts and adapter authors: in-memory fakes of every port with seeded fault injection,
 * and a manual clock. <b>API</b>, for test scope.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.testkit;

import org.jspecify.annotations.NullMarked;
