/**
 * Salesforce adapters: {@link io.unisync.salesforce.Salesforce} (one connection per org: OAuth, retries,
 * the daily request budget), {@link io.unisync.salesforce.SalesforceSettings}, and
 * {@link io.unisync.salesforce.SalesforceCrmActivitySink}, {@link io.unisync.salesforce.SalesforceCrmDirectory}. <b>API</b>. HTTP and JSON live in
 * {@code io.unisync.salesforce.internal}.
 *
 * <p>Null policy: {@link org.jspecify.annotations.NullMarked}.
 */
@NullMarked
package io.unisync.salesforce;

import org.jspecify.annotations.NullMarked;
