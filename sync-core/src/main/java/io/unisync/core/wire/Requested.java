package io.unisync.core.wire;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The ids one request asked for, to check its answer against: a record whose id was not asked for is refused and
 * counted, whatever the server meant by it (an answer for another request, a server that ignores the filter), so an
 * answer for 2 ids can never upsert 100,000 people. Thread-safe.
 */
public final class Requested {

  private final Set<String> ids;
  private final UnaryOperator<String> key;
  private final AtomicInteger refused = new AtomicInteger();

  private Requested(Set<String> ids, UnaryOperator<String> key) {
    this.ids = ids;
    this.key = key;
  }

  /**
   * The ids asked for, as the answer spells them (compared exactly).
   *
   * @param ids the ids
   * @return the requested set
   */
  public static Requested ids(Collection<String> ids) {
    return ids(ids, UnaryOperator.identity());
  }

  /**
   * The ids asked for, compared by {@code key} (Salesforce answers an 18-character id for a 15-character one asked for:
   * compare their first 15 characters).
   *
   * @param ids the ids
   * @param key maps an id to what is compared
   * @return the requested set
   */
  public static Requested ids(Collection<String> ids, UnaryOperator<String> key) {
    Set<String> keys = new HashSet<>();
    ids.forEach(id -> keys.add(key.apply(id)));
    return new Requested(Set.copyOf(keys), key);
  }

  /**
   * Whether {@code id} was asked for; when not, the record is counted as refused.
   *
   * @param id an id from the answer
   * @return whether it was asked for
   */
  public boolean admits(String id) {
    if (ids.contains(key.apply(id))) {
      return true;
    }
    refused.incrementAndGet();
    return false;
  }

  /** {@return records refused so far} */
  public int refused() {
    return refused.get();
  }

  @Override
  public String toString() {
    return "Requested[" + ids.size() + " ids, " + refused.get() + " refused]";
  }
}
