package io.unisync.testkit.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * N synthetic Marketo leads computed from their id and a seed, so a million of them cost no memory. The
 * mix is realistic: about 20% have no sales owner, every 25th shares its e-mail with the previous id,
 * names include accents, CJK and emoji, and some fields are empty or missing. Field names are Marketo's
 * REST names. Deterministic.
 */
public final class SyntheticPeople {

  private static final String[] FIRST = {"Ada", "Grace", "Zoë", "José", "Mei", "Ólafur", "Aiko", "Chloé", "Søren", "Priya", "李", "Nkechi"};
  private static final String[] LAST = {"Lovelace", "Hopper", "Ñúñez", "Müller", "O'Brien", "Kowalski", "山田", "Dubois", "Smith 🚀", "Nguyễn"};
  private static final String[] COMPANIES = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises"};
  private static final String[] TITLES = {"VP Sales", "CTO", "Engineer", "Head of Marketing", "", "Buyer"};
  private static final String[] SOURCES = {"Web", "Trade Show", "Referral", "Webinar", "List Import"};

  private final long count;
  private final long seed;
  private final Instant firstCreated;
  private final Duration spacing;
  /** The share of ids 1..count that were deleted (gaps in the id space); 0: none. */
  private final double deletedShare;

  /**
   * @param count how many people (ids 1..count)
   * @param seed varies the values
   * @param firstCreated creation time of id 1
   * @param spacing creation time between consecutive ids
   */
  public SyntheticPeople(long count, long seed, Instant firstCreated, Duration spacing) {
    this(count, seed, firstCreated, spacing, 0);
  }

  private SyntheticPeople(long count, long seed, Instant firstCreated, Duration spacing, double deletedShare) {
    if (!(deletedShare >= 0 && deletedShare < 1)) {
      throw new IllegalArgumentException("deletedShare must be at least 0 and below 1, was " + deletedShare);
    }
    this.count = count;
    this.seed = seed;
    this.firstCreated = firstCreated;
    this.spacing = spacing;
    this.deletedShare = deletedShare;
  }

  /**
   * These people with a share of the ids 1..count deleted long ago, as in an instance years old: Marketo numbers leads
   * in creation order and never reuses an id, so deletions leave gaps. Which ids are gone is drawn per id from the seed
   * (the same every time); a deleted id is in no export, no read and no feed. The first id created in a window is still
   * found by time ({@link #firstIdCreatedAtOrAfter}), gaps included.
   *
   * @param share the share deleted, at least 0 and below 1 (0.3: 30%)
   * @return the population with gaps
   */
  public SyntheticPeople withDeletedShare(double share) {
    return new SyntheticPeople(count, seed, firstCreated, spacing, share);
  }

  /** {@return the share of ids 1..count deleted} */
  public double deletedShare() {
    return deletedShare;
  }

  /**
   * Whether lead {@code id} exists: within 1..count and not one of the deleted ({@link #withDeletedShare}).
   *
   * @param id the id
   * @return whether it exists
   */
  public boolean exists(long id) {
    if (id < 1 || id > count) {
      return false;
    }
    return deletedShare <= 0 || new SplittableRandom(seed * 1_000_003L ^ (id * 0x2545F491L)).nextDouble() >= deletedShare;
  }

  /**
   * {@code count} people created one minute apart from 2024-01-01.
   *
   * @param count how many
   * @param seed the values' seed
   * @return the population
   */
  public static SyntheticPeople of(long count, long seed) {
    return new SyntheticPeople(count, seed, Instant.parse("2024-01-01T00:00:00Z"), Duration.ofMinutes(1));
  }

  /**
   * How many people there are.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * When lead {@code id} was created (increasing with the id).
   *
   * @param id the id
   * @return the creation time
   */
  public Instant createdAt(long id) {
    // Marketo writes whole seconds (YYYY-MM-DDThh:mm:ssZ), whatever the first creation time's fraction
    return firstCreated.plus(spacing.multipliedBy(id - 1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /**
   * The first id created at or after {@code instant} (count + 1 when none).
   *
   * @param instant the time
   * @return the id
   */
  public long firstIdCreatedAtOrAfter(Instant instant) {
    // a creation time shown in whole seconds is at or after the instant when the exact one is at or after its next second
    Instant second = instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant target = second.equals(instant) ? instant : second.plusSeconds(1);
    if (!target.isAfter(firstCreated)) {
      return 1;
    }
    long steps = Duration.between(firstCreated, target).toNanos();
    long per = spacing.toNanos();
    long id = 1 + (steps + per - 1) / per;
    return Math.min(id, count + 1);
  }

  /**
   * Whether this person has a sales owner.
   *
   * @param id the id
   * @return whether it has one
   */
  public boolean hasOwner(long id) {
    return random(id).nextInt(100) >= 20;
  }

  /**
   * The lead's fields by REST name; absent fields have no entry, empty ones an empty string.
   *
   * @param id the id
   * @return the fields
   */
  public Map<String, String> lead(long id) {
    SplittableRandom r = random(id);
    boolean owner = r.nextInt(100) >= 20;
    Map<String, String> lead = new LinkedHashMap<>();
    lead.put("id", Long.toString(id));
    lead.put("firstName", FIRST[r.nextInt(FIRST.length)]);
    lead.put("lastName", LAST[r.nextInt(LAST.length)]);
    long emailId = id % 25 == 0 ? id - 1 : id; // shared addresses: two people, one e-mail
    lead.put("email", "person" + emailId + "@example" + (emailId % 7) + ".com");
    if (r.nextInt(10) > 0) {
      lead.put("company", COMPANIES[r.nextInt(COMPANIES.length)]);
    }
    lead.put("title", TITLES[r.nextInt(TITLES.length)]);
    if (r.nextInt(4) > 0) {
      lead.put("phone", "+1 555 " + (1_000_000 + r.nextInt(8_999_999)));
    }
    lead.put("leadSource", SOURCES[r.nextInt(SOURCES.length)]);
    if (r.nextInt(3) == 0) {
      lead.put("linkedInProfileURL", "https://www.linkedin.com/in/p" + id);
    }
    if (r.nextBoolean()) {
      lead.put("sfdcLeadId", String.format("00Q%015d", id));
    } else {
      lead.put("sfdcContactId", String.format("003%015d", id));
    }
    if (owner) {
      lead.put("sfdcLeadOwnerId", String.format("005%012dAAA", 1 + r.nextInt(40)));
    }
    lead.put("unsubscribed", r.nextInt(50) == 0 ? "true" : "false");
    Instant created = createdAt(id);
    lead.put("createdAt", created.toString());
    lead.put("updatedAt", created.toString());
    return lead;
  }

  private SplittableRandom random(long id) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
  }
}
