/**
 * Abstract contract suites, one per port. Every adapter, the in-memory fakes included, extends the suite
 * of the port it implements. <b>API</b>, for test scope.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.testkit.contract;

import org.jspecify.annotations.NullMarked;
