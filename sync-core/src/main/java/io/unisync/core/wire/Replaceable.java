package io.unisync.core.wire;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resource built again when it stopped for good: the JDK HTTP client whose selector thread ended (see
 * {@link Exchange#clientStopped}) fails every later call, so an adapter replaces it instead of living on with a dead
 * one. Thread-safe; only the caller still holding the stopped instance replaces it (others already see the new one).
 */
public final class Replaceable<T> {

  private static final Logger LOG = LoggerFactory.getLogger(Replaceable.class);

  private final String what;
  private final Supplier<T> factory;
  private volatile T current;

  /**
   * @param what names it in the log ("the Marketo HTTP client")
   * @param factory builds one
   */
  public Replaceable(String what, Supplier<T> factory) {
    this.what = what;
    this.factory = factory;
    this.current = factory.get();
  }

  /** {@return the instance to use now} */
  public T get() {
    return current;
  }

  /**
   * Builds a new instance if {@code stopped} is still the current one.
   *
   * @param stopped the instance found stopped
   */
  public synchronized void replace(T stopped) {
    if (current == stopped) {
      LOG.warn("{} stopped for good; a new one takes the next calls", what);
      current = factory.get();
    }
  }
}
