package io.unisync.marketo.internal;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceRecord;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reading leads by id through {@code leads.json?filterType=id} (at most 300 per call). */
public final class LeadReader {

  public static final int MAX_IDS = 300;
  private static final DateTimeFormatter OFFSET_WITHOUT_COLON = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

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
    List<SourceRecord> records = new ArrayList<>();
    for (JsonNode lead : envelope.path("result")) {
      records.add(record(lead));
    }
    return records;
  }

  /** A lead object as a source record: every present field as text; {@code updatedAt} as the version. */
  static SourceRecord record(JsonNode lead) {
    Map<String, String> values = new HashMap<>();
    for (Map.Entry<String, JsonNode> field : lead.properties()) {
      JsonNode value = field.getValue();
      if (!value.isNull()) {
        values.put(field.getKey(), value.isString() ? value.stringValue() : value.asString());
      }
    }
    String id = values.getOrDefault("id", "");
    return new SourceRecord(id, values, parseTime(values.get("updatedAt")));
  }

  /** Marketo writes times as {@code ...Z}, {@code ...+0000} or {@code ...-08:00}; all three are read. */
  public static @Nullable Instant parseTime(@Nullable String text) {
    if (text == null || text.isBlank() || text.equals("null")) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text, OFFSET_WITHOUT_COLON).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }
}
