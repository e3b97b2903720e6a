package io.unisync.core.port;

import java.util.Optional;

/**
 * Where two-way syncs keep how far they have read the other side, one opaque value per stream (for
 * example {@code "crm.optOuts"}). A sync stores its watermark only after applying what it read, so the
 * watermark is never ahead of the data. Thread-safe.
 */
public interface WatermarkStore {

  /**
   * The stream's watermark, if one was stored.
   *
   * @param stream the stream's name
   * @return the watermark, if stored
   */
  Optional<String> get(String stream);

  /**
   * Stores the stream's watermark (non-blank, at most 4000 characters).
   *
   * @param stream the stream's name
   * @param value the watermark
   */
  void put(String stream, String value);

  /**
   * This store with every write fenced by {@code fence}: each write checks, in its own transaction, that the
   * lease has no newer epoch; otherwise nothing of it commits and it throws
   * {@link io.unisync.core.error.LeaseLostException}. Reads are not fenced. The view shares this store's data.
   *
   * @param fence the fence
   * @return the fenced view
   */
  WatermarkStore fencedBy(Fence fence);
}
