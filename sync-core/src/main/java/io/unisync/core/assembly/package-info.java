/**
 * What a tenant's engine is assembled from: the bundles an adapter module's client offers
 * ({@link io.unisync.core.assembly.MarketingSystem}, {@link io.unisync.core.assembly.CrmSystem}) and a store adapter's
 * stores of one tenant ({@link io.unisync.core.assembly.TenantStores}), so that
 * {@code SyncEngine.builder().wiredTo(stores, marketing, crm, tenant)} wires every port in one call: the one assembly
 * the CLI, the Spring Boot starter and the demo share. <b>SPI</b> for adapter authors; hosts only pass the bundles on.
 *
 * <p>Null policy: every type here is {@link org.jspecify.annotations.NullMarked}; a value that may be
 * absent is annotated {@code @Nullable} or returned as {@link java.util.Optional}.
 */
@NullMarked
package io.unisync.core.assembly;

import org.jspecify.annotations.NullMarked;
