package io.unisync.testkit;

import org.jspecify.annotations.Nullable;
import io.unisync.core.port.Fence;
import io.unisync.core.port.WatermarkStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Watermarks in memory. Thread-safe. */
public final class InMemoryWatermarkStore implements WatermarkStore {

  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final @Nullable InMemoryLeases leases;

  /** An empty store whose fenced views check nothing. */
  public InMemoryWatermarkStore() {
    this.leases = null;
  }

  /**
   * A store whose {@linkplain #fencedBy fenced views} check their fences against {@code leases}.
   *
   * @param leases the leases
   */
  public InMemoryWatermarkStore(InMemoryLeases leases) {
    this.leases = java.util.Objects.requireNonNull(leases, "leases");
  }

  @Override
  public WatermarkStore fencedBy(Fence fence) {
    InMemoryLeases checked = Fencing.leasesOf(leases, this);
    InMemoryWatermarkStore store = this;
    return new WatermarkStore() {
      @Override
      public Optional<String> get(String stream) {
        return store.get(stream);
      }

      @Override
      public void put(String stream, String value) {
        checked.underFence(fence, () -> store.put(stream, value));
      }

      @Override
      public WatermarkStore fencedBy(Fence other) {
        return store.fencedBy(other);
      }
    };
  }

  @Override
  public Optional<String> get(String stream) {
    return Optional.ofNullable(values.get(stream));
  }

  @Override
  public void put(String stream, String value) {
    if (value.isBlank() || value.length() > 4000) {
      throw new IllegalArgumentException("a watermark must be 1 to 4000 characters");
    }
    values.put(stream, value);
  }
}
