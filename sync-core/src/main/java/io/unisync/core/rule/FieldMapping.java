package io.unisync.core.rule;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.error.InvalidValueException;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The standard, fixed mapping of a source record to the 11 fields of a {@link Person}. Only the source's
 * field names vary ({@link SourceFields}); which field goes where does not. Immutable and thread-safe.
 */
public final class FieldMapping {

  private final SourceFields fields;

  private FieldMapping(SourceFields fields) {
    this.fields = fields;
  }

  /**
   * The standard mapping reading the given source field names.
   *
   * @param fields the source field names
   * @return the mapping
   */
  public static FieldMapping standard(SourceFields fields) {
    return new FieldMapping(fields);
  }

  /** {@return the source field names this mapping reads (the 11 mapped fields, not the owner)} */
  public Set<String> sourceFieldsRead() {
    return Set.copyOf(fields.names().values());
  }

  /**
   * Maps one record. The Marketo id is the record's {@link SourceRecord#sourceId()}, falling back to the
   * mapped id field when the source id is blank.
   *
   * @param fallbackVersion the version to use when the source gave no update time
   * @return {@link MappingResult.Mapped} or, when any field is invalid, {@link MappingResult.Rejected}
   *     naming the field and the record
   * @param record the record
   */
  public MappingResult map(SourceRecord record, Instant fallbackVersion) {
    String rawId = record.sourceId().isBlank()
        ? record.value(fields.nameOf(PersonField.MARKETO_ID)).orElse("")
        : record.sourceId();
    String recordLabel = rawId.isBlank() ? "a record without an id" : "record " + safeLabel(rawId);
    try {
      PersonId id = PersonId.of(rawId);
      Map<PersonField, String> values = new EnumMap<>(PersonField.class);
      for (Map.Entry<PersonField, String> name : fields.names().entrySet()) {
        if (name.getKey() == PersonField.MARKETO_ID) {
          continue;
        }
        String value = record.values().get(name.getValue());
        if (value != null) {
          values.put(name.getKey(), value);
        }
      }
      Person person = Person.of(id, Collections.unmodifiableMap(values));
      Instant version = record.updatedAt() == null ? fallbackVersion : record.updatedAt();
      return new MappingResult.Mapped(person, version);
    } catch (InvalidValueException e) {
      String field = e.field();
      String sourceName = sourceNameOf(field);
      String reason = "Rejected " + recordLabel + ": field " + field
          + (sourceName.equals(field) ? "" : " (source field '" + sourceName + "')")
          + " " + java.util.Objects.requireNonNullElse(e.getMessage(), "").substring(field.length() + 2);
      return new MappingResult.Rejected(rawId, reason, record.toPayload());
    }
  }

  private String sourceNameOf(String label) {
    for (PersonField field : PersonField.values()) {
      if (field.label().equals(label)) {
        return fields.nameOf(field);
      }
    }
    return label;
  }

  /** An id is not personal data, but a broken one may hold anything: keep it short and printable. */
  private static String safeLabel(String rawId) {
    StringBuilder label = new StringBuilder();
    rawId.codePoints().limit(40).forEach(cp -> {
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
        label.append('?');
      } else {
        label.appendCodePoint(cp);
      }
    });
    return "'" + label + (rawId.length() > 40 ? "...'" : "'");
  }
}
