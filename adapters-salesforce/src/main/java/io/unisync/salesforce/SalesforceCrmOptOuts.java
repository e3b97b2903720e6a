package io.unisync.salesforce;

import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.port.CrmOptOuts;
import io.unisync.core.port.QuarantinedRecord;
import io.unisync.core.wire.ServerText;
import io.unisync.salesforce.internal.SalesforceHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link CrmOptOuts} on Lead and Contact {@code HasOptedOutOfEmail}. Writes go through sObject Collections
 * (PATCH, 200 per call, every result checked). Reads use SOQL on the indexed {@code SystemModstamp} from the
 * stored watermark minus an overlap, ordered by {@code (SystemModstamp, Id)}; rows last modified by the
 * integration user (our own writes coming back) are left out; converted leads are skipped. Thread-safe.
 */
public final class SalesforceCrmOptOuts implements CrmOptOuts {

  private static final Logger LOG = LoggerFactory.getLogger(SalesforceCrmOptOuts.class);

  private final SalesforceHttp http;
  private final Duration overlap;

  private SalesforceCrmOptOuts(Salesforce salesforce, Duration overlap) {
    this.http = salesforce.http();
    this.overlap = overlap;
  }

  /**
   * Reads re-cover {@code overlap} before the watermark, for rows committed late by long transactions.
   *
   * @param salesforce the connection
   * @param overlap how far before the watermark reads begin again
   * @return the opt-out source
   */
  public static SalesforceCrmOptOuts create(Salesforce salesforce, Duration overlap) {
    return new SalesforceCrmOptOuts(salesforce, overlap);
  }

  @Override
  public List<Refusal> optOut(Collection<String> crmIds) {
    List<String> ids = crmIds.stream().distinct().toList();
    List<Refusal> refused = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += 200) {
      List<String> slice = ids.subList(from, Math.min(ids.size(), from + 200));
      ObjectNode body = http.json().createObjectNode();
      body.put("allOrNone", false);
      ArrayNode records = body.putArray("records");
      for (String id : slice) {
        ObjectNode record = records.addObject();
        record.putObject("attributes").put("type", id.startsWith("00Q") ? "Lead" : "Contact");
        record.put("id", id);
        record.put("HasOptedOutOfEmail", true);
      }
      JsonNode results = http.collection("PATCH", body);
      List<String> locked = new ArrayList<>();
      for (int i = 0; i < slice.size(); i++) {
        JsonNode result = results.path(i);
        if (!result.path("success").asBoolean(false)) {
          String code = result.path("errors").path(0).path("statusCode").asString("UNKNOWN");
          if (code.equals("UNABLE_TO_LOCK_ROW")) {
            locked.add(slice.get(i));
          } else {
            refused.add(new Refusal(slice.get(i), code + ": " + ServerText.printable(result.path("errors").path(0).path("message").asString(""))));
          }
        }
      }
      if (!locked.isEmpty()) {
        throw new RetryableAdapterException(locked.size() + " Salesforce records were locked (UNABLE_TO_LOCK_ROW); the push will be repeated");
      }
    }
    return refused;
  }

  @Override
  public Changes changesSince(Optional<String> watermark) {
    String integrationUser = http.integrationUserId();
    String filter = watermark.map(w -> "SystemModstamp >= " + Instant.parse(w).minus(overlap))
        .orElse("HasOptedOutOfEmail = true");
    List<Change> changes = new ArrayList<>();
    List<QuarantinedRecord> unreadable = new ArrayList<>();
    // A first read takes everyone opted out now; later reads start from about now, not from the epoch.
    Instant latest = watermark.map(Instant::parse).orElse(http.clock().instant().minus(overlap));
    for (String object : List.of("Lead", "Contact")) {
      String soql = "SELECT Id, HasOptedOutOfEmail, LastModifiedById, SystemModstamp FROM " + object + " WHERE " + filter
          + (object.equals("Lead") ? " AND IsConverted != true" : "") + " ORDER BY SystemModstamp, Id";
      Instant[] newest = {latest};
      http.query(soql, true, row -> { // page by page: only the compact changes are kept
        String id = row.path("Id").asString("");
        Instant modified = SalesforceHttp.time(row.path("SystemModstamp"));
        String problem = !SalesforceHttp.isRecordId(id) ? "Id '" + ServerText.printable(id) + "' is not a Salesforce id"
            : modified == null ? "SystemModstamp '" + ServerText.printable(row.path("SystemModstamp").asString("")) + "' is not a date and time"
                + " Salesforce writes (2024-01-16T23:32:19.000+0000)"
            : !row.path("HasOptedOutOfEmail").isBoolean() ? "HasOptedOutOfEmail is not true or false" : null;
        if (problem != null || modified == null) {
          // quarantined, never guessed: a flag read as false would lift a suppression without evidence
          unreadable.add(new QuarantinedRecord(id, "Salesforce " + object + " " + (id.isEmpty() ? "(no Id)" : ServerText.printable(id)) + ": "
              + problem + "; its opt-out flag was not read", ServerText.printable(row.toString()), http.clock().instant()));
          return;
        }
        if (modified.isAfter(newest[0])) {
          newest[0] = modified;
        }
        if (!integrationUser.equals(row.path("LastModifiedById").asString(""))) { // else our own write coming back
          changes.add(new Change(id, row.path("HasOptedOutOfEmail").booleanValue(), modified));
        }
      });
      latest = newest[0];
    }
    changes.sort(Comparator.comparing(Change::modifiedAt).thenComparing(Change::crmId));
    return new Changes(changes, latest.toString(), unreadable);
  }

  /** A vendor's message, kept short for a report. */
}
