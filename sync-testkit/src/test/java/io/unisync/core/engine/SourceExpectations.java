package io.unisync.core.engine;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.testkit.InMemoryPersonSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What the store must hold for a source, worked out directly from the mission's rules (owner present,
 * the 11 fields by name) rather than through the engine's own mapping code.
 */
final class SourceExpectations {

  private SourceExpectations() {}

  static Map<PersonId, Person> eligiblePeople(InMemoryPersonSource source, SourceFields fields) {
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
      PersonId id = PersonId.of(Long.parseLong(record.sourceId()));
      expected.put(id, Person.of(id, values));
    }
    return expected;
  }
}
