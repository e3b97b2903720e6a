package io.unisync.core.port;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.PersonId;
import java.util.List;
import java.util.Map;

/**
 * Logs activities against CRM records (Salesforce Tasks): like an {@link ActivitySink}, but each batch comes with
 * its people's {@link CrmLinks}, which the engine resolves (stored links, refreshed through a {@link CrmDirectory}).
 * The engine runs it as an {@code ActivitySink} through {@code io.unisync.core.engine.LinkedActivitySink}.
 *
 * <p>Contract: as {@link ActivitySink#deliver(List)}: exactly one outcome per activity, no second copy of an
 * activity the CRM already holds. An activity whose person has no links is rejected with a reason. Thread-safe.
 */
public interface CrmActivitySink {

  /** {@return the destination this sink writes to} */
  Destination destination();

  /** {@return the most activities one {@link #deliver} call takes (Salesforce 200)} */
  int maxBatchSize();

  /**
   * Delivers a batch, in order, and says what became of each activity.
   *
   * @param links the links of the batch's people; a person missing here has no live record in the CRM
   * @param batch the activities
   * @return one outcome per activity, in order
   */
  List<DeliveryOutcome> deliver(List<Activity> batch, Map<PersonId, CrmLinks> links);
}
