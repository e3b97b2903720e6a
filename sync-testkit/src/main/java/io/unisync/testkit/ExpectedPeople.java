package io.unisync.testkit;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.error.InvalidValueException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What a store must hold after syncing an {@link InMemoryPersonSource}, worked out directly from the
 * mission's rules (a non-blank owner, the 11 fields by their source names) rather than through the
 * engine's own mapping code. Records with an unusable id or invalid values are expected to be quarantined,
 * so they are not in the result.
 */
public final class ExpectedPeople {

  private ExpectedPeople() {}

  /** The eligible, valid people of the source, by id. */
  public static Map<PersonId, Person> eligibleIn(InMemoryPersonSource source, SourceFields fields) {
    Map<PersonId, Person> expected = new HashMap<>();
    for (SourceRecord record : source.records()) {
      String owner = record.values().get(fields.ownerField());
      if (owner == null || owner.isBlank()) {
        continue;
      }
      Map<PersonField, String> values = new EnumMap<>(PersonField.class);
      for (PersonField field : PersonField.values()) {
        String value = record.values().get(fields.nameOf(field));
        if (value != null && field != PersonField.MARKETO_ID) {
          values.put(field, value);
        }
      }
      try {
        PersonId id = PersonId.of(record.sourceId());
        expected.put(id, Person.of(id, values));
      } catch (InvalidValueException invalid) {
        // quarantined by the engine, not stored
      }
    }
    return expected;
  }
}
