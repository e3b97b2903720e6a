package io.unisync.testkit;

import io.unisync.core.port.WatermarkStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Watermarks in memory. Thread-safe. */
public final class InMemoryWatermarkStore implements WatermarkStore {

  private final Map<String, String> values = new ConcurrentHashMap<>();

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
