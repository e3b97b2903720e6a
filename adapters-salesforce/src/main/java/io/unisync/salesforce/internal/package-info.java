/**
 * Salesforce wire format, HTTP, OAuth and JWT signing. <b>Internal, not API</b>.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.salesforce.internal;

import org.jspecify.annotations.NullMarked;
