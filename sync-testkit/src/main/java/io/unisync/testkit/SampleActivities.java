package io.unisync.testkit;

import io.unisync.core.domain.Activity;
import io.unisync.core.domain.ActivityId;
import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.Seller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Deterministic sample activities: one of each kind, or many of mixed kinds. */
public final class SampleActivities {

  private static final Seller SELLER = new Seller("seller-1", "005000000000001AAA");

  private SampleActivities() {}

  /**
   * Activity number {@code n} about {@code person}: the kind cycles through all eight.
   *
   * @param n the activity's number
   * @param person the person's Marketo id
   * @param at when it happened
   * @return the activity
   */
  public static Activity activity(long n, long person, Instant at) {
    ActivityId id = ActivityId.of("act-" + n);
    PersonId who = PersonId.of(person);
    switch ((int) (n % 8)) {
      case 0: return new Activity.SendSalesEmail(id, who, at, SELLER, "Hello " + n, "intro-template");
      case 1: return new Activity.OpenSalesEmail(id, who, at, SELLER, "Hello " + n, null);
      case 2: return new Activity.ClickSalesEmail(id, who, at, SELLER, "Hello " + n, "https://example.com/pricing?n=" + n);
      case 3: return new Activity.RepliedToSalesEmail(id, who, at, SELLER, "Re: Hello " + n);
      case 4: return new Activity.SalesEmailBounced(id, who, at, SELLER, "Hello " + n, "hard", "550 mailbox unavailable");
      case 5: return new Activity.SalesCallReceived(id, who, at, SELLER, "Discovery call", "Connected", 300, "https://calls.example.com/r/" + n);
      case 6: return new Activity.AddToSalesCampaign(id, who, at, SELLER, "Q3 Outreach", "https://actions.example.com/c/7");
      default: return new Activity.RemovedFromSalesCampaign(id, who, at, SELLER, "Q3 Outreach", null);
    }
  }

  /**
   * One activity of each kind, about people 1 to 8.
   *
   * @param at when they happened
   * @return the activities
   */
  public static List<Activity> oneOfEachKind(Instant at) {
    List<Activity> all = new ArrayList<>();
    for (long n = 0; n < 8; n++) {
      all.add(activity(n, n + 1, at));
    }
    return all;
  }
}
