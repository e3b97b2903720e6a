package io.unisync.core.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One record exactly as a source delivered it: its id, its field values under the source's own field
 * names, and the time the source last changed it. Nothing is validated here; the engine validates while
 * mapping and quarantines what fails, so one bad record never stops a run.
 *
 * @param sourceId the source's id for the record (for Marketo, the lead id); may be blank when the source
 *     sent none, which the mapping rejects
 * @param values field values by source field name; absent fields have no entry
 * @param updatedAt when the source last changed the record, if it said; used as the record's version
 */
public record SourceRecord(String sourceId, Map<String, String> values, @Nullable Instant updatedAt) {

  public SourceRecord {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** The value of one source field, if present. */
  public Optional<String> value(String field) {
    return Optional.ofNullable(values.get(field));
  }

  /**
   * The record rendered as a JSON object, for quarantine. Control characters and unpaired surrogates are
   * escaped, so the text is safe to store in any database even when the record itself is not.
   */
  public String toPayload() {
    StringBuilder json = new StringBuilder(64 + values.size() * 32);
    json.append("{\"sourceId\":");
    appendJsonString(json, sourceId);
    json.append(",\"updatedAt\":");
    if (updatedAt == null) {
      json.append("null");
    } else {
      appendJsonString(json, updatedAt.toString());
    }
    json.append(",\"values\":{");
    boolean first = true;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      appendJsonString(json, entry.getKey());
      json.append(':');
      appendJsonString(json, entry.getValue());
    }
    return json.append("}}").toString();
  }

  /** Shows the id and field names only: values are personal data. */
  @Override
  public String toString() {
    return "SourceRecord[sourceId=" + sourceId + ", fields=" + values.keySet() + ", updatedAt=" + updatedAt + "]";
  }

  private static void appendJsonString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (pairedHigh) {
        out.append(c).append(s.charAt(++i));
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
