package io.unisync.marketo.internal;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.wire.ServerText;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import io.unisync.core.wire.Requested;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reading leads by id through {@code leads.json?filterType=id} (at most 300 per call). An answer without a
 * result array fails the call (it is no evidence that the leads are gone); an element or field that cannot be
 * read becomes an {@linkplain SourceRecord#unreadable unreadable record}, which the engine quarantines.
 */
public final class LeadReader {

  public static final int MAX_IDS = 300;
  private static final Logger LOG = LoggerFactory.getLogger(LeadReader.class);
  private static final DateTimeFormatter OFFSET_WITHOUT_COLON = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
  private static final DateTimeFormatter WITHOUT_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final MarketoHttp http;

  public LeadReader(MarketoHttp http) {
    this.http = http;
  }

  /** The leads that exist among {@code ids}, with the requested fields; absent values have no entry. */
  public List<SourceRecord> read(Collection<PersonId> ids, Set<String> fields, RateLimiter.Priority priority) {
    if (ids.size() > MAX_IDS) {
      throw new IllegalArgumentException("at most " + MAX_IDS + " ids per call, got " + ids.size());
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    StringJoiner values = new StringJoiner(",");
    ids.forEach(id -> values.add(Long.toString(id.value())));
    StringJoiner fieldList = new StringJoiner(",");
    fields.forEach(fieldList::add);
    if (!fields.contains("updatedAt")) {
      fieldList.add("updatedAt");
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("filterType", "id");
    query.put("filterValues", values.toString());
    query.put("fields", fieldList.toString());
    query.put("batchSize", Integer.toString(MAX_IDS));
    JsonNode envelope = http.get("/rest/v1/leads.json", query, priority);
    JsonNode result = envelope.get("result");
    if (result == null || !result.isArray()) {
      // Marketo always sends an array here, empty when no lead matches. Anything else is no answer at all, and
      // must never be read as "none of these leads exist".
      throw new RetryableAdapterException("Marketo's answer to leads.json has " + (result == null ? "no result" : "a result that is not an array")
          + "; it is not taken as an answer (nothing is removed)");
    }
    List<SourceRecord> records = new ArrayList<>(result.size());
    Requested asked = Requested.ids(ids.stream().map(id -> Long.toString(id.value())).toList());
    boolean repaired = envelope.path(MarketoHttp.REPAIRED_UTF8).asBoolean(false);
    int index = 0;
    for (JsonNode lead : result) {
      SourceRecord record = lead.isObject() ? record(lead, fieldList.toString())
          : SourceRecord.unreadable("", "leads.json result[" + index + "] is not a JSON object", Map.of("raw", ServerText.abbreviate(lead.toString())));
      index++;
      if (isLeadId(record.sourceId()) && !asked.admits(record.sourceId())) {
        continue; // a lead nobody asked for: never stored, whatever the server meant by it
      }
      // (a record whose id is no lead id stays: it is quarantined, and the answer is no evidence for the ids it lacks)
      if (repaired && record.problem() == null && record.values().values().stream().anyMatch(v -> v.indexOf(MarketoHttp.REPAIRED_CHARACTER) >= 0)) {
        String field = record.values().entrySet().stream().filter(e -> e.getValue().indexOf(MarketoHttp.REPAIRED_CHARACTER) >= 0)
            .map(Map.Entry::getKey).sorted().findFirst().orElse("?");
        record = SourceRecord.unreadable(record.sourceId(), "lead " + record.sourceId() + ": field '" + field + "' holds bytes that are not UTF-8",
            record.values());
      }
      records.add(record);
    }
    if (asked.refused() > 0) {
      http.noteUnrequested(asked.refused());
      LOG.warn("Marketo's leads.json answer for {} ids carried {} leads that were not asked for; they were refused", ids.size(), asked.refused());
    }
    return records;
  }

  /** {@return the number a lead id's text stands for, or 0 when the text is no lead id} */
  static long leadIdValue(String id) {
    return isLeadId(id) ? Long.parseLong(id) : 0;
  }

  private static boolean isLeadId(String id) {
    if (id.isEmpty() || id.length() > 18) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (!Character.isDigit(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A lead object as a source record: every present field as text; {@code updatedAt} as the version. A field
   * we asked for that holds an object or an array makes the record unreadable (naming the field).
   */
  static SourceRecord record(JsonNode lead, String requested) {
    Map<String, String> values = new HashMap<>();
    String problem = null;
    for (Map.Entry<String, JsonNode> field : lead.properties()) {
      JsonNode value = field.getValue();
      if ((value.isObject() || value.isArray())) {
        if (problem == null && (field.getKey().equals("id") || ("," + requested + ",").contains("," + field.getKey() + ","))) {
          problem = "field '" + field.getKey() + "' holds a JSON " + (value.isArray() ? "array" : "object") + ", not a value";
        }
      } else if (!value.isNull()) {
        values.put(field.getKey(), value.isString() ? value.stringValue() : value.asString());
      }
    }
    String id = values.getOrDefault("id", "");
    if (problem != null) {
      return SourceRecord.unreadable(id, "lead " + (id.isEmpty() ? "(no id)" : id) + ": " + problem, values);
    }
    return versioned(id, values, "lead " + (id.isEmpty() ? "(no id)" : id));
  }

  /**
   * A lead's record, its version read from {@code updatedAt}; a value that is no date and time Marketo writes makes
   * the record unreadable (quarantined with that reason) instead of giving it a made-up version, which could make a
   * later real update look older and be skipped.
   *
   * @param where names the record in the reason (a lead id, an export row)
   */
  public static SourceRecord versioned(String id, Map<String, String> values, String where) {
    String updatedAt = values.get("updatedAt");
    try {
      return new SourceRecord(id, values, strictTime(updatedAt));
    } catch (DateTimeParseException e) {
      return SourceRecord.unreadable(id, where + ": updatedAt '" + ServerText.printable(updatedAt)
          + "' is not a date and time Marketo writes (2024-01-16T23:32:19Z, ...+0000, ...-08:00 or 2024-01-16 23:32:19)", values);
    }
  }

  /**
   * Marketo writes times as {@code ...Z}, {@code ...+0000}, {@code ...-08:00} and, in places, {@code yyyy-MM-dd HH:mm:ss}
   * (no zone: UTC); all four are read. Null for an absent value or one that is none of them (activity dates, where a
   * caller skips what it cannot date); a person's version is read by {@link #versioned}, which quarantines instead.
   */
  public static @Nullable Instant parseTime(@Nullable String text) {
    try {
      return strictTime(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** As {@link #parseTime}, and null for anything else that goes wrong (a date out of range): for dates only noted. */
  static @Nullable Instant parseTimeQuietly(@Nullable String text) {
    try {
      return parseTime(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** As {@link #parseTime}, but a value that is none of the formats throws. */
  static @Nullable Instant strictTime(@Nullable String text) {
    if (text == null || text.isBlank() || text.equals("null")) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text, OFFSET_WITHOUT_COLON).toInstant();
      } catch (DateTimeParseException again) {
        return java.time.LocalDateTime.parse(text, WITHOUT_ZONE).toInstant(java.time.ZoneOffset.UTC);
      }
    }
  }
}
