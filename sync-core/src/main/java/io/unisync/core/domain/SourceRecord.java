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
 * @param problem why the adapter could not read the record whole (a broken CSV row, a field holding an object,
 *     ...), naming the field; such a record is quarantined with this reason and is never evidence of anything
 *     (it neither writes nor removes a person). Null for a record read whole
 */
public record SourceRecord(String sourceId, Map<String, String> values, @Nullable Instant updatedAt, @Nullable String problem) {

  /**
   * Copies the values in name order.
   *
   * @param sourceId the source's id for the record (for Marketo, the lead id); may be blank when the source sent none,
   *     which the mapping rejects
   * @param values field values by source field name; absent fields have no entry
   * @param updatedAt when the source last changed the record, if it said; used as the record's version
   * @param problem why the adapter could not read the record whole (a broken CSV row, a field holding an object, ...),
   *     naming the field; such a record is quarantined with this reason and is never evidence of anything (it neither
   *     writes nor removes a person). Null for a record read whole
   */
  public SourceRecord {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /**
   * A record read whole.
   *
   * @param sourceId the source's id of the record
   * @param values the source fields' values by name
   * @param updatedAt the source's version, when it has one
   */
  public SourceRecord(String sourceId, Map<String, String> values, @Nullable Instant updatedAt) {
    this(sourceId, values, updatedAt, null);
  }

  /**
   * A record the adapter could not read whole: the engine quarantines it with {@code problem} and leaves the
   * stored person, if any, as it was.
   *
   * @param sourceId the id, as far as it could be read (blank when not even that)
   * @param problem what is wrong, naming the field or the position in the answer
   * @param raw what could be read of it, for the quarantine (values under their field names, or one entry
   *     {@code "raw"} with the text)
   * @return the unreadable record
   */
  public static SourceRecord unreadable(String sourceId, String problem, Map<String, String> raw) {
    return new SourceRecord(sourceId, raw, null, problem);
  }

  /** {@return the adapter's reason this record could not be read whole, if so} */
  public Optional<String> readProblem() {
    return Optional.ofNullable(problem);
  }

  /**
   * The value of one source field, if present.
   *
   * @param field the source field's name
   * @return its value
   */
  public Optional<String> value(String field) {
    return Optional.ofNullable(values.get(field));
  }

  /**
   * The record rendered as a JSON object, for quarantine. Control characters and unpaired surrogates are
   * escaped, so the text is safe to store in any database even when the record itself is not.
   *
   * @return the JSON object
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
    return "SourceRecord[sourceId=" + sourceId + ", fields=" + values.keySet() + ", updatedAt=" + updatedAt
        + (problem == null ? "" : ", problem=" + problem) + "]";
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
