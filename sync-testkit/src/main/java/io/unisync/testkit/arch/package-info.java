/**
 * Unisync's architecture rules as reusable ArchUnit rules, for the project's own build and for hosts that
 * want to hold their integration code to them. <b>API</b>, for test scope.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.testkit.arch;

import org.jspecify.annotations.NullMarked;
