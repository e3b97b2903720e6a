package io.unisync.marketo;

import io.unisync.core.domain.PersonId;
import io.unisync.core.error.AdapterException;
import io.unisync.core.error.InvalidValueException;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.port.UnsubscribeStatus;
import io.unisync.marketo.internal.LeadReader;
import io.unisync.marketo.internal.MarketoHttp;
import io.unisync.marketo.internal.RateLimiter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link UnsubscribeStatus} from the lead's {@code unsubscribed} field, read live as an interactive call
 * (ahead of background sync in the rate limiter), within the interactive deadline of {@link MarketoSettings#retry()} ({@code RetryPolicy.deadline(CallClass.INTERACTIVE)}). A lead
 * Marketo does not know, or whose flag is empty, is not unsubscribed; a flag other than true or false, or an
 * answer that cannot be read, fails the call (status unknown). Thread-safe.
 */
public final class MarketoUnsubscribeStatus implements UnsubscribeStatus {

  private final MarketoHttp http;
  private final LeadReader leads;

  private MarketoUnsubscribeStatus(Marketo marketo) {
    this.http = marketo.http();
    this.leads = new LeadReader(marketo.http());
  }

  /**
   * The send gate's source over a connection: a lead's {@code unsubscribed} field.
   *
   * @param marketo the connection
   * @return the status source
   */
  public static MarketoUnsubscribeStatus create(Marketo marketo) {
    return new MarketoUnsubscribeStatus(marketo);
  }

  /** An answer we cannot read leaves the status unknown: it fails, and the send gate blocks. */
  private static PersonId readableId(SourceRecord lead) {
    if (lead.readProblem().isPresent()) {
      throw new AdapterException("Marketo's answer about unsubscribes could not be read: " + lead.readProblem().get());
    }
    try {
      return PersonId.of(lead.sourceId());
    } catch (InvalidValueException e) {
      throw new AdapterException("Marketo's answer about unsubscribes holds a lead without a readable id; the status is unknown");
    }
  }

  @Override
  public boolean isUnsubscribed(PersonId person) {
    Boolean answer = unsubscribed(List.of(person)).get(person);
    if (answer == null) {
      // no answer for this person is no evidence either way: the send gate treats it as "status unknown"
      throw new io.unisync.core.error.AdapterException("Marketo's answer did not include person " + person);
    }
    return answer;
  }

  @Override
  public Map<PersonId, Boolean> unsubscribed(Collection<PersonId> people) {
    return http.withinInteractiveDeadline(() -> read(people));
  }

  private Map<PersonId, Boolean> read(Collection<PersonId> people) {
    Map<PersonId, Boolean> result = new LinkedHashMap<>();
    people.forEach(p -> result.put(p, false));
    List<PersonId> ids = new ArrayList<>(result.keySet());
    for (int from = 0; from < ids.size(); from += LeadReader.MAX_IDS) {
      List<PersonId> slice = ids.subList(from, Math.min(ids.size(), from + LeadReader.MAX_IDS));
      for (SourceRecord lead : leads.read(slice, Set.of("id", "unsubscribed"), RateLimiter.Priority.INTERACTIVE)) {
        PersonId id = readableId(lead);
        if (!result.containsKey(id)) {
          continue; // not asked for
        }
        String flag = lead.value("unsubscribed").orElse("false");
        if (!flag.equals("true") && !flag.equals("false")) {
          throw new AdapterException("Marketo's unsubscribed flag for lead " + id + " is neither true nor false; the status is unknown");
        }
        result.put(id, Boolean.parseBoolean(flag));
      }
    }
    return result;
  }
}
