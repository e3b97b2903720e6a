package io.unisync.salesforce;

import io.unisync.core.domain.ActivityId;
import io.unisync.core.domain.ActivityKind;
import io.unisync.core.port.ActivitySink;
import io.unisync.testkit.contract.ActivitySinkContract;
import org.junit.jupiter.api.AfterEach;

class SalesforceActivitySinkTest extends ActivitySinkContract {

  private SalesforceFixture world;

  @Override
  protected Fixture newFixture() {
    world = new SalesforceFixture(50, null, 1_000_000);
    io.unisync.core.engine.LinkedActivitySink sink = world.sink(Salesforce.connect(world.clientCredentials()), "t1");
    return new Fixture() {
      @Override
      public ActivitySink sink() {
        return sink;
      }

      @Override
      public int copiesOf(ActivityId id) {
        return (int) world.tasksWith(id.value());
      }
    };
  }

  @Override
  protected boolean accepts(ActivityKind kind) {
    return kind.group() != ActivityKind.Group.CAMPAIGN; // campaign membership is Marketo's only
  }

  @AfterEach
  void stop() {
    world.close();
  }
}
