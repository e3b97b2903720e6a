/**
 * HTTP simulators of the vendor APIs Unisync talks to, on 127.0.0.1 with an ephemeral port, speaking the
 * same wire format, enforcing the same limits and injecting seeded faults. <b>API</b>, for tests and demos.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.testkit.sim;

import org.jspecify.annotations.NullMarked;
