package io.unisync.marketo.internal;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.error.RetryableAdapterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The id side of the mixed snapshot: reads blocks of up to 300 consecutive lead ids through {@code leads.json}, with
 * the mapping's fields and {@code createdAt}, at background priority (so the call budget's interactive reserve is never
 * taken), and no more calls in a day than {@link io.unisync.marketo.MarketoSnapshot#scanQuotaShare()} of the daily
 * quota; finds where the id space ends ({@link #findTop}).
 *
 * <p>Marketo numbers leads in the order they are created and never reuses an id, so the ids of deleted leads are gaps:
 * a block costs a call whether its ids still exist or not. The day's calls are counted by this process (from the
 * probes on), and the count starts again at midnight in Chicago, when Marketo's daily quota does.
 */
public final class IdScan {

  private static final Logger LOG = LoggerFactory.getLogger(IdScan.class);
  /** New Lead. */
  private static final int NEW_LEAD = 12;
  /** Pages of New Lead activities read at most for one look-back. */
  static final int MAX_FEED_PAGES = 20;
  /** Blocks probed above the first empty one before the id space is taken to end there. */
  static final int EMPTY_CONFIRMATIONS = 3;

  private final MarketoHttp http;
  private final Clock clock;
  private final Set<String> fields;
  private final LeadReader leads;
  /** Whether the caller asked for {@code createdAt} itself (otherwise it is taken off the records). */
  private final boolean keepCreatedAt;
  private @Nullable LocalDate day;
  private int callsToday;

  /**
   * @param fields the fields a scanned person is read with ({@code createdAt} is added and kept off the records)
   */
  public IdScan(MarketoHttp http, Clock clock, Set<String> fields) {
    this.http = http;
    this.clock = clock;
    Set<String> read = new LinkedHashSet<>(fields);
    read.add("createdAt");
    this.fields = Set.copyOf(read);
    this.keepCreatedAt = fields.contains("createdAt");
    this.leads = new LeadReader(http);
  }

  /**
   * One block read: the people found (createdAt removed unless asked for) and their creation times by id, only those
   * that are plausible (see {@link #plausible}).
   */
  public record Block(List<SourceRecord> records, Map<String, Instant> createdAt) {}

  /** {@return the calls this scan may make in a day: its share of the daily quota, at least 1} */
  public int callsPerDay() {
    return (int) Math.max(1, Math.floor(http.settings().rateLimit().dailyQuota() * http.settings().snapshot().scanQuotaShare()));
  }

  /** {@return whether today's share of the quota is spent (the scan waits for midnight in Chicago)} */
  public synchronized boolean spentToday() {
    rollDay();
    return callsToday >= callsPerDay();
  }

  /** {@return calls made today by this scan} */
  public synchronized int callsToday() {
    rollDay();
    return callsToday;
  }

  /**
   * Reads the leads among ids {@code from} (inclusive) to {@code to} (exclusive), at most 300.
   *
   * @throws RetryableAdapterException when today's share of the quota is spent, with the wait until midnight in Chicago
   */
  public Block read(long from, long to) {
    spend();
    List<PersonId> ids = LongStream.range(from, to).mapToObj(PersonId::of).toList();
    List<SourceRecord> found = leads.read(ids, fields, RateLimiter.Priority.BACKGROUND);
    List<SourceRecord> records = new ArrayList<>(found.size());
    Map<String, Instant> created = new HashMap<>();
    for (SourceRecord record : found) {
      String text = record.values().get("createdAt");
      Instant at = text == null ? null : LeadReader.parseTimeQuietly(text);
      if (at != null && record.problem() == null && plausible(at)) {
        created.put(record.sourceId(), at);
      }
      if (keepCreatedAt || text == null) {
        records.add(record);
      } else {
        Map<String, String> values = new HashMap<>(record.values());
        values.remove("createdAt");
        records.add(new SourceRecord(record.sourceId(), values, record.updatedAt(), record.problem()));
      }
    }
    return new Block(records, created);
  }

  /**
   * Whether a creation time may serve as evidence: not before the snapshot's configured start (no lead the exports
   * cover is older) and not after now plus {@link io.unisync.marketo.MarketoLimits#futureTolerance()}. A time outside
   * is kept off {@link Block#createdAt()}: its lead is applied (at worst twice, never lost) and it cannot end the scan.
   */
  private boolean plausible(Instant at) {
    return !at.isBefore(http.settings().snapshot().start()) && !at.isAfter(clock.instant().plus(http.settings().limits().futureTolerance()));
  }

  /**
   * The id the scan starts below: the newest lead found, plus {@link io.unisync.marketo.MarketoSnapshot#scanTopMargin()},
   * at most {@link io.unisync.marketo.MarketoSnapshot#restPagingMaxId()}. The newest lead is the higher of two
   * searches: the ids of New Lead activities in the look-back (first the last hour, then a day, a week, the whole
   * look-back: the first that finds any), which sees past any run of deleted leads; and probes of blocks at doubling
   * ids, confirmed by {@value #EMPTY_CONFIRMATIONS} more blocks above the first empty one, then halved down to the last
   * block with a lead. A feed that cannot be read only leaves the probes; probes that cannot be read fail the call.
   *
   * @return the highest id plus one that the scan reads (ids below it)
   */
  public long findTop() {
    long cap = http.settings().snapshot().restPagingMaxId();
    long fromFeed = 0;
    try {
      fromFeed = newestFromFeed();
    } catch (io.unisync.core.error.SyncException e) {
      LOG.warn("Could not read Marketo's New Lead activities to find the newest lead ({}); probing ids alone", e.getMessage());
    }
    long probed = probeTop(cap);
    long newest = Math.max(fromFeed, probed);
    long top = Math.min(cap, newest + http.settings().snapshot().scanTopMargin());
    LOG.info("The id scan starts below id {} (newest lead found: {} by probes, {} by New Lead activities)", top + 1, probed, fromFeed);
    return top + 1;
  }

  private long newestFromFeed() {
    Duration lookback = http.settings().snapshot().scanTopLookback();
    ActivityFeed feed = new ActivityFeed(http);
    Instant now = clock.instant();
    for (Duration back : new Duration[] {Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), lookback}) {
      if (back.compareTo(lookback) > 0) {
        back = lookback;
      }
      spend();
      String token = feed.tokenSince(now.minus(back), RateLimiter.Priority.BACKGROUND);
      long newest = 0;
      for (int page = 0; page < MAX_FEED_PAGES; page++) {
        spend();
        ActivityFeed.Page read = feed.read("/rest/v1/activities.json", token, Map.of("activityTypeIds", Integer.toString(NEW_LEAD),
            "batchSize", "300"), RateLimiter.Priority.BACKGROUND, new ActivityFeed.EmptyPages(http.settings().limits().maxEmptyPages()));
        for (JsonNode activity : read.activities()) {
          JsonNode lead = activity.path("leadId");
          long id = lead.isNumber() ? lead.asLong() : LeadReader.leadIdValue(lead.asString(""));
          if (activity.path("activityTypeId").asInt(NEW_LEAD) == NEW_LEAD && id > newest) {
            newest = id;
          }
        }
        if (!read.more()) {
          break;
        }
        token = read.nextToken();
      }
      if (newest > 0 || back.equals(lookback)) {
        return newest;
      }
    }
    return 0;
  }

  /** The highest id found by probing blocks: doubling, confirmed above the first empty block, then halving. */
  long probeTop(long cap) {
    long found = 0;
    long from = 1;
    long empty = -1;
    while (from <= cap) {
      long newest = newestIn(from, cap);
      if (newest > 0) {
        found = Math.max(found, newest);
        from = Math.max(from * 2, from + LeadReader.MAX_IDS);
        continue;
      }
      long confirm = from;
      long seen = 0;
      for (int i = 0; i < EMPTY_CONFIRMATIONS && seen == 0; i++) {
        confirm = Math.max(confirm * 2, confirm + LeadReader.MAX_IDS);
        if (confirm > cap) {
          break;
        }
        seen = newestIn(confirm, cap);
      }
      if (seen > 0) {
        found = Math.max(found, seen);
        from = Math.max(confirm * 2, confirm + LeadReader.MAX_IDS);
        continue;
      }
      empty = from;
      break;
    }
    if (empty < 0) {
      return Math.min(cap, Math.max(found, from - 1)); // reached the cap with leads all the way
    }
    long low = found + 1; // blocks from here up to empty: the top is in between
    long high = empty;
    while (high - low > LeadReader.MAX_IDS) {
      long mid = low + (high - low) / 2;
      long newest = newestIn(mid, cap);
      if (newest > 0) {
        found = Math.max(found, newest);
        low = newest + 1;
      } else {
        high = mid;
      }
    }
    if (low < high) {
      found = Math.max(found, newestIn(low, cap));
    }
    return found;
  }

  /** The highest existing id among the block from {@code from} (0: none), one call. */
  private long newestIn(long from, long cap) {
    long to = Math.min(from + LeadReader.MAX_IDS, cap + 1);
    if (to <= from) {
      return 0;
    }
    spend();
    long newest = 0;
    for (SourceRecord record : leads.read(LongStream.range(from, to).mapToObj(PersonId::of).toList(), Set.of("id"),
        RateLimiter.Priority.BACKGROUND)) {
      newest = Math.max(newest, LeadReader.leadIdValue(record.sourceId()));
    }
    return newest;
  }

  private synchronized void spend() {
    rollDay();
    if (callsToday >= callsPerDay()) {
      Instant reset = day().plusDays(1).atStartOfDay(MarketoHttp.CENTRAL).toInstant();
      throw new RetryableAdapterException("the initial sync's id scan has made its " + callsPerDay() + " calls of today"
          + " (MarketoSnapshot.scanQuotaShare of the daily quota); it goes on after midnight in Chicago, " + reset,
          Duration.between(clock.instant(), reset), null);
    }
    callsToday++;
  }

  private LocalDate day() {
    return clock.instant().atZone(MarketoHttp.CENTRAL).toLocalDate();
  }

  private void rollDay() {
    LocalDate today = day();
    if (!today.equals(day)) {
      day = today;
      callsToday = 0;
    }
  }
}
