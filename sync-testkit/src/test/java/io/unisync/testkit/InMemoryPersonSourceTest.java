package io.unisync.testkit;

import io.unisync.core.port.PersonSource;
import io.unisync.testkit.contract.PersonSourceContract;
import java.util.Map;

class InMemoryPersonSourceTest extends PersonSourceContract {

  @Override
  protected Fixture newFixture() {
    InMemoryPersonSource source = new InMemoryPersonSource(ManualClock.startingAtEpochOf2026());
    return new Fixture() {
      @Override
      public PersonSource source() {
        return source;
      }

      @Override
      public void create(long id, Map<String, String> values) {
        source.put(id, values);
      }

      @Override
      public void update(long id, String field, String value) {
        source.update(id, field, value);
      }

      @Override
      public void delete(long id) {
        source.delete(id);
      }

      @Override
      public void merge(long winner, long loser) {
        source.merge(winner, loser);
      }
    };
  }
}
