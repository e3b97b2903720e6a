package io.unisync.testkit;

import io.unisync.core.domain.ActivityId;
import io.unisync.core.port.ActivitySink;
import io.unisync.core.port.Destination;
import io.unisync.testkit.contract.ActivitySinkContract;

class RecordingActivitySinkTest extends ActivitySinkContract {
  @Override
  protected Fixture newFixture() {
    RecordingActivitySink sink = new RecordingActivitySink(Destination.MARKETO);
    return new Fixture() {
      @Override
      public ActivitySink sink() {
        return sink;
      }

      @Override
      public int copiesOf(ActivityId id) {
        return (int) sink.delivered().stream().filter(a -> a.id().equals(id)).count();
      }
    };
  }
}
