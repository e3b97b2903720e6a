/**
 * The Spring Boot starter: {@link io.unisync.spring.UnisyncAutoConfiguration} builds Unisync from {@code unisync.*}
 * properties ({@link io.unisync.spring.UnisyncProperties}) on the host's {@code DataSource}.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.spring;

import org.jspecify.annotations.NullMarked;
