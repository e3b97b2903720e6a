/**
 * Marketo wire format, HTTP, authentication, rate limiting and bulk export. <b>Internal, not API</b>.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.marketo.internal;

import org.jspecify.annotations.NullMarked;
