package io.unisync.core.wire;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Resources shared by every connection of the process, built on first use: the adapters' JDK HTTP client, one per
 * adapter and connect timeout, so a replica running a thousand tenants opens one selector thread and one connection
 * pool (kept per host) instead of a thousand. The JDK client is thread-safe and keeps connections per host, so tenants
 * never see each other's requests; a shared client that stops for good is replaced once for everyone
 * ({@link Replaceable}).
 */
public final class Shared {

  private static final Map<List<Object>, Replaceable<?>> RESOURCES = new ConcurrentHashMap<>();

  private Shared() {}

  /**
   * The process's resource named {@code what} for {@code key}, built by {@code factory} the first time it is asked for.
   *
   * @param what names it (and in the log when it is replaced): "the Marketo HTTP client"
   * @param key what tells two of them apart (a connect timeout)
   * @param factory builds one; must give the same kind of resource for the same {@code what}
   * @param <T> the resource's type
   * @return the shared resource, replaceable when it stopped for good
   */
  @SuppressWarnings("unchecked") // one factory type per name: the caller's promise, documented above
  public static <T> Replaceable<T> resource(String what, Object key, Supplier<T> factory) {
    return (Replaceable<T>) RESOURCES.computeIfAbsent(List.of(what, key), k -> new Replaceable<>(what + " (shared, " + key + ")", factory));
  }
}
