package io.unisync.testkit;

import io.unisync.core.domain.Person;
import io.unisync.core.domain.PersonField;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.error.InvalidValueException;
import io.unisync.core.port.PersonStore;
import io.unisync.core.port.StoredPerson;
import io.unisync.testkit.sim.MarketoSimulator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a store must hold after syncing an {@link InMemoryPersonSource}, worked out directly from the
 * mission's rules (a non-blank owner, the 11 fields by their source names) rather than through the
 * engine's own mapping code. Records with an unusable id or invalid values are expected to be quarantined,
 * so they are not in the result.
 */
public final class ExpectedPeople {

  private ExpectedPeople() {}

  /**
   * The eligible, valid people of the source, by id.
   *
   * @param source the source
   * @param fields the source field names
   * @return the people
   */
  public static Map<PersonId, Person> eligibleIn(InMemoryPersonSource source, SourceFields fields) {
    Map<String, Map<String, String>> records = new LinkedHashMap<>();
    for (SourceRecord record : source.records()) {
      records.put(record.sourceId(), record.values());
    }
    return eligible(records, fields);
  }

  /**
   * The eligible, valid leads of the Marketo simulator, by id (walks every lead: fine up to a few hundred thousand).
   *
   * @param sim the simulator
   * @param fields the source field names
   * @return the people
   */
  public static Map<PersonId, Person> eligibleIn(MarketoSimulator sim, SourceFields fields) {
    Map<String, Map<String, String>> records = new LinkedHashMap<>();
    for (long id : sim.existingIds()) {
      records.put(Long.toString(id), sim.lead(id).orElseThrow());
    }
    return eligible(records, fields);
  }

  /**
   * Every person in a store, by id, read page by page.
   *
   * @param store the store
   * @return the people
   */
  public static Map<PersonId, Person> storedIn(PersonStore store) {
    Map<PersonId, Person> all = new HashMap<>();
    PersonId after = null;
    List<StoredPerson> page;
    while (!(page = store.page(after, 5_000)).isEmpty()) {
      for (StoredPerson p : page) {
        all.put(p.person().id(), p.person());
        after = p.person().id();
      }
    }
    return all;
  }

  /** Records (source id → values by source field name) that have an owner, mapped field by field. */
  private static Map<PersonId, Person> eligible(Map<String, Map<String, String>> records, SourceFields fields) {
    Map<PersonId, Person> expected = new HashMap<>();
    records.forEach((sourceId, record) -> {
      String owner = record.get(fields.ownerField());
      if (owner == null || owner.isBlank()) {
        return;
      }
      Map<PersonField, String> values = new EnumMap<>(PersonField.class);
      for (PersonField field : PersonField.values()) {
        String value = record.get(fields.nameOf(field));
        if (value != null && field != PersonField.MARKETO_ID) {
          values.put(field, value);
        }
      }
      try {
        PersonId id = PersonId.of(sourceId);
        expected.put(id, Person.of(id, values));
      } catch (InvalidValueException invalid) {
        // quarantined by the engine, not stored
      }
    });
    return expected;
  }
}
