/**
 * What store implementations share, so that every {@link io.unisync.core.port.PersonStore} and
 * {@link io.unisync.core.port.ActivityOutbox} decides and writes alike: {@link ApplyPlan} (which upserts and removals a
 * batch really needs, given the stored versions) and {@link ActivityCodec} (the one text form of an activity in an
 * outbox). For adapter authors; hosts never need it. <b>SPI support</b>: it changes with the ports.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.core.store;

import org.jspecify.annotations.NullMarked;
