/**
 * The Actions store on PostgreSQL and H2: {@link io.unisync.jdbc.JdbcDatabase} (entry point: pool,
 * migrations, stores) and {@link io.unisync.jdbc.JdbcPersonStore}. <b>API</b>. No Jdbi, HikariCP or
 * Flyway type appears in it; those live in {@code io.unisync.jdbc.internal}.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.jdbc;

import org.jspecify.annotations.NullMarked;
