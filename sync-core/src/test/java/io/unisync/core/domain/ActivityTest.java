package io.unisync.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.InvalidValueException;
import io.unisync.core.store.ActivityCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityTest {

  static final Instant AT = Instant.parse("2026-05-05T10:15:30.123456789Z");
  static final Seller SELLER = new Seller("seller-9", "005000000000009AAA");

  static List<Activity> oneOfEach() {
    PersonId p = PersonId.of(42);
    List<Activity> all = new ArrayList<>();
    all.add(new Activity.SendSalesEmail(ActivityId.of("a1"), p, AT, SELLER, "Quick question", "intro"));
    all.add(new Activity.OpenSalesEmail(ActivityId.of("a2"), p, AT, SELLER, "Quick question", null));
    all.add(new Activity.ClickSalesEmail(ActivityId.of("a3"), p, AT, SELLER, "Quick question", "https://example.com/a?b=c%5C&d=e"));
    all.add(new Activity.RepliedToSalesEmail(ActivityId.of("a4"), p, AT, SELLER, "Re: C:\\temp = ✓"));
    all.add(new Activity.SalesEmailBounced(ActivityId.of("a5"), p, AT, Seller.of("s"), "Quick question", "hard", "550 5.1.1 user unknown"));
    all.add(new Activity.SalesCallReceived(ActivityId.of("a6"), p, AT, SELLER, null, "Left voicemail", 42, null));
    all.add(new Activity.AddToSalesCampaign(ActivityId.of("a7"), p, AT, SELLER, "Q3 🚀 Outreach", "https://actions.example.com/c/1"));
    all.add(new Activity.RemovedFromSalesCampaign(ActivityId.of("a8"), p, AT, SELLER, "Q3 🚀 Outreach", null));
    return all;
  }

  @Test
  void everyKindSurvivesTheCodec() {
    List<Activity> all = oneOfEach();
    assertThat(all).extracting(Activity::kind).containsExactly(ActivityKind.values());
    for (Activity activity : all) {
      assertThat(ActivityCodec.decode(ActivityCodec.encode(activity))).isEqualTo(activity);
    }
    assertThat(all.get(0).occurredAt()).as("kept to the microsecond").isEqualTo(Instant.parse("2026-05-05T10:15:30.123456Z"));
  }

  @Test
  void invalidFieldsAreNamed() {
    PersonId p = PersonId.of(1);
    assertThatThrownBy(() -> new Activity.SendSalesEmail(ActivityId.of("x"), p, AT, SELLER, "  ", null))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("subject"));
    assertThatThrownBy(() -> new Activity.ClickSalesEmail(ActivityId.of("x"), p, AT, SELLER, "s", "javascript:alert(1)"))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("link"));
    assertThatThrownBy(() -> new Activity.SalesCallReceived(ActivityId.of("x"), p, AT, SELLER, null, "Connected", -1, null))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("durationSeconds"));
    assertThatThrownBy(() -> new Activity.AddToSalesCampaign(ActivityId.of("x"), p, AT, SELLER, "bad\u0000name", null))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("campaignName"));
    assertThatThrownBy(() -> ActivityId.of("has space")).hasMessageContaining("activityId");
    assertThatThrownBy(() -> new Seller("s", "not-an-id")).hasMessageContaining("seller.salesforceUserId");
  }

  @Test
  void toStringShowsIdsOnly() {
    String text = oneOfEach().get(0).toString();
    assertThat(text).contains("a1", "42", "seller-9").doesNotContain("Quick question");
  }
}
