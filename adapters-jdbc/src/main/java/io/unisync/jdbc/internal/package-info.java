/**
 * SQL, Jdbi, Flyway and HikariCP wiring of the JDBC adapters. <b>Internal, not API</b>: may change in any
 * release.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.jdbc.internal;

import org.jspecify.annotations.NullMarked;
