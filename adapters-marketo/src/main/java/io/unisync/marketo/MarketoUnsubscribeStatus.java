package io.unisync.marketo;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.port.UnsubscribeStatus;
import io.unisync.marketo.internal.LeadReader;
import io.unisync.marketo.internal.RateLimiter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link UnsubscribeStatus} from the lead's {@code unsubscribed} field, read live as an interactive call
 * (ahead of background sync in the rate limiter). A lead Marketo does not know, or whose flag is empty,
 * is not unsubscribed. Thread-safe.
 */
public final class MarketoUnsubscribeStatus implements UnsubscribeStatus {

  private final LeadReader leads;

  private MarketoUnsubscribeStatus(Marketo marketo) {
    this.leads = new LeadReader(marketo.http());
  }

  public static MarketoUnsubscribeStatus create(Marketo marketo) {
    return new MarketoUnsubscribeStatus(marketo);
  }

  @Override
  public boolean isUnsubscribed(PersonId person) {
    return unsubscribed(List.of(person)).get(person);
  }

  @Override
  public Map<PersonId, Boolean> unsubscribed(Collection<PersonId> people) {
    Map<PersonId, Boolean> result = new LinkedHashMap<>();
    people.forEach(p -> result.put(p, false));
    List<PersonId> ids = new ArrayList<>(result.keySet());
    for (int from = 0; from < ids.size(); from += LeadReader.MAX_IDS) {
      List<PersonId> slice = ids.subList(from, Math.min(ids.size(), from + LeadReader.MAX_IDS));
      for (SourceRecord lead : leads.read(slice, Set.of("id", "unsubscribed"), RateLimiter.Priority.INTERACTIVE)) {
        result.put(PersonId.of(lead.sourceId()), lead.value("unsubscribed").map(Boolean::parseBoolean).orElse(false));
      }
    }
    return result;
  }
}
