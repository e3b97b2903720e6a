package io.unisync.marketo;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import io.unisync.core.error.AdapterException;
import io.unisync.core.error.InvalidValueException;
import io.unisync.core.port.ChangeBatch;
import io.unisync.core.port.PersonChange;
import io.unisync.core.port.PersonSource;
import io.unisync.core.port.SnapshotPage;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.core.port.SourcePosition;
import io.unisync.core.wire.ServerText;
import io.unisync.marketo.internal.ActivityFeed;
import io.unisync.marketo.internal.BulkSnapshot;
import io.unisync.marketo.internal.MixedSnapshot;
import io.unisync.marketo.internal.LeadReader;
import io.unisync.marketo.internal.MarketoErrorException;
import io.unisync.marketo.internal.MarketoHttp;
import io.unisync.marketo.internal.RateLimiter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@link PersonSource} over Marketo.
 *
 * <ul>
 *   <li>Snapshot: Bulk Lead Extract by creation-date windows (or, with bulk off, {@code leads.json} by
 *       id ranges of 300 up to {@link MarketoSnapshot#restPagingMaxId()});
 *   <li>changes: {@code leadchanges.json} (New Lead, Change Data Value), {@code deletedleads.json} and
 *       Merge Leads activities from {@code activities.json}, each with its paging token. The position also
 *       keeps the date behind the tokens: a token Marketo no longer accepts is minted again from that date
 *       minus {@link MarketoFeeds#overlap()}; the engine is idempotent, so the overlap is harmless.
 *       Empty pages that say more is coming are followed;
 *   <li>current state: {@code leads.json?filterType=id}, 300 ids per call.
 * </ul>
 * Thread-safe.
 */
public final class MarketoPersonSource implements PersonSource {

  private static final Logger LOG = LoggerFactory.getLogger(MarketoPersonSource.class);

  private final Marketo marketo;
  private final SourceFields fields;
  private final Set<String> readFields;
  private final ActivityFeed feed;
  /** Whether the last batch that read every feed found nothing (then batches read one feed in turn). */
  private final java.util.concurrent.atomic.AtomicBoolean quiet = new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicInteger quietTurn = new java.util.concurrent.atomic.AtomicInteger();
  private final LeadReader leads;
  private final BulkSnapshot bulk;
  /**
   * The census's exports: the id and the owner alone (about a sixth of a snapshot's bytes). No {@code updatedAt}: the
   * reconciliation's verify step has already read every stored person in full, so the census only looks for eligible
   * people the store lacks, and the version would be 21 of each row's ~27 bytes.
   */
  private final BulkSnapshot census;

  private MarketoPersonSource(Marketo marketo) {
    this.marketo = marketo;
    this.fields = marketo.settings().fields();
    Set<String> all = new LinkedHashSet<>();
    all.add("id");
    all.addAll(fields.allSourceNames());
    all.add("updatedAt");
    this.readFields = Set.copyOf(all);
    this.feed = new ActivityFeed(marketo.http());
    this.leads = new LeadReader(marketo.http());
    this.bulk = new BulkSnapshot(marketo.http(), marketo.clock(), all);
    Set<String> narrow = new LinkedHashSet<>();
    narrow.add("id");
    narrow.add(fields.ownerField());
    this.census = new BulkSnapshot(marketo.http(), marketo.clock(), narrow);
    this.mixed = new MixedSnapshot(marketo.http(), marketo.clock(), all);
  }

  /** The snapshot read by exports and an id scan at once, when {@link MarketoSnapshot#mixed()}. */
  private final MixedSnapshot mixed;

  /**
   * The person source over a connection: bulk exports (or REST paging) for the snapshot, the three change feeds for
   *     changes.
   *
   * @param marketo the connection
   * @return the source
   */
  public static MarketoPersonSource create(Marketo marketo) {
    return new MarketoPersonSource(marketo);
  }

  @Override
  public SourceFields fields() {
    return fields;
  }

  @Override
  public SourcePosition currentPosition() {
    Instant now = marketo.clock().instant();
    return new Position(now, null, null, null, now, now, now).encode();
  }

  @Override
  public SnapshotPage readSnapshot(Optional<SnapshotPosition> after, int pageSize) {
    if (marketo.settings().snapshot().mixed()) {
      return mixed.read(after.orElse(null), pageSize);
    }
    if (marketo.settings().snapshot().bulk()) {
      return bulk.read(after.orElse(null), pageSize);
    }
    long from = after.map(p -> Long.parseLong(p.value().substring("rest|".length()))).orElse(1L);
    long to = Math.min(from + Math.min(pageSize, LeadReader.MAX_IDS), marketo.settings().snapshot().restPagingMaxId() + 1);
    List<PersonId> ids = LongStream.range(from, to).mapToObj(PersonId::of).toList();
    List<SourceRecord> records = leads.read(ids, readFields, RateLimiter.Priority.BACKGROUND);
    return new SnapshotPage(records, new SnapshotPosition("rest|" + to), to > marketo.settings().snapshot().restPagingMaxId());
  }

  /**
   * One line about a stored snapshot position (from {@code PersonStore.checkpoint()}), for status pages: with bulk
   * exports, the window being read, the windows left at {@code now}, the exports started ahead. Reads nothing from Marketo.
   *
   * @param position the stored position
   * @param now the time to count windows left at
   * @param window the snapshot's window length
   * @return the line, or empty when the position is not a Marketo snapshot's
   */
  public static java.util.Optional<String> describe(io.unisync.core.port.SnapshotPosition position, java.time.Instant now,
      java.time.Duration window) {
    return MixedSnapshot.describe(position).or(() -> BulkSnapshot.describe(position, now, window));
  }

  /** With bulk exports: windows done and left, an ETA at this process's pace, and a line to show. */
  @Override
  public java.util.Optional<io.unisync.core.port.SnapshotPlan> snapshotPlan() {
    if (marketo.settings().snapshot().mixed()) {
      return mixed.plan();
    }
    return marketo.settings().snapshot().bulk() ? bulk.plan() : java.util.Optional.empty();
  }

  /**
   * The census pages: bulk exports of the id and the owner over the snapshot's windows, under the same
   * queue places, allowance and call budget; without bulk exports, the snapshot's REST paging.
   */
  /** With bulk exports: the census's windows done and left, and an ETA at this process's pace. */
  @Override
  public java.util.Optional<io.unisync.core.port.SnapshotPlan> censusPlan() {
    return marketo.settings().snapshot().bulk() ? census.plan() : java.util.Optional.empty();
  }

  /** With bulk exports: the census page when its export is completed, without waiting for it. */
  @Override
  public java.util.Optional<SnapshotPage> readCensusIfReady(java.util.Optional<SnapshotPosition> after, int pageSize) {
    return marketo.settings().snapshot().bulk() ? census.readIfReady(after.orElse(null), pageSize)
        : java.util.Optional.of(readSnapshot(after, pageSize));
  }

  @Override
  public SnapshotPage readCensus(java.util.Optional<SnapshotPosition> after, int pageSize) {
    return marketo.settings().snapshot().bulk() ? census.read(after.orElse(null), pageSize) : readSnapshot(after, pageSize);
  }

  @Override
  public ChangeBatch readChanges(SourcePosition after, int maxChanges) {
    Instant now = marketo.clock().instant();
    Instant plausible = now.plus(marketo.settings().limits().futureTolerance());
    Position position = Position.decode(after, plausible);
    int batch = Math.max(1, Math.min(300, maxChanges / 3));
    String fieldList = String.join(",", fields.allSourceNames());
    String typeList = marketo.settings().feeds().changeTypeIds().stream().map(String::valueOf).collect(Collectors.joining(","));
    ActivityFeed.EmptyPages emptyPages = new ActivityFeed.EmptyPages(marketo.settings().limits().maxEmptyPages());

    Map<String, PersonChange> changes = new LinkedHashMap<>(); // by marketoGUID: overlaps are read once
    List<SourceRecord> unreadable = new ArrayList<>();
    Instant latest = position.since();
    boolean more = false;

    // While the feeds are quiet, one feed per batch in turn (see MarketoLimits.quietFeedRotation); all three otherwise.
    boolean rotate = marketo.settings().limits().quietFeedRotation() && quiet.get();
    int turn = rotate ? Math.floorMod(quietTurn.getAndIncrement(), 3) : -1;
    Fetched lc = turn == -1 || turn == 0 ? fetch("/rest/v1/activities/leadchanges.json", position.leadChanges(), position.since(),
        Map.of("fields", fieldList, "batchSize", Integer.toString(batch), "activityTypeIds", typeList), emptyPages) : null;
    Fetched dl = turn == -1 || turn == 1 ? fetch("/rest/v1/activities/deletedleads.json", position.deleted(), position.since(),
        Map.of("batchSize", Integer.toString(batch)), emptyPages) : null;
    Fetched mg = turn == -1 || turn == 2 ? fetch("/rest/v1/activities.json", position.merges(), position.since(),
        Map.of("activityTypeIds", Integer.toString(marketo.settings().feeds().mergeTypeId()), "batchSize", Integer.toString(batch)),
        emptyPages) : null;
    List<Fetched> read = new ArrayList<>();
    for (Fetched f : java.util.Arrays.asList(lc, dl, mg)) {
      if (f != null) {
        read.add(f);
      }
    }
    for (Fetched fetched : read) {
      more |= fetched.page().more();
      for (JsonNode activity : fetched.page().activities()) {
        String key = activity.path("marketoGUID").asString(activity.path("id").asString(""));
        if (!activity.isObject()) {
          unreadable.add(SourceRecord.unreadable("", "a change-feed entry that is not a JSON object",
              Map.of("raw", ServerText.abbreviate(activity.toString()))));
          continue;
        }
        PersonChange change = toChange(activity, unreadable);
        if (change != null) {
          changes.putIfAbsent(key, change);
        }
        Instant date = LeadReader.parseTime(activity.path("activityDate").asString(null));
        if (date != null && date.isAfter(plausible)) {
          LOG.warn("Marketo activity {} is dated {}, after the local clock ({}) allows; the change position is not moved"
              + " past {} for it", key, date, now, now);
          date = now;
        }
        if (date != null && date.isAfter(latest)) {
          latest = date;
        }
      }
    }
    // a feed read to its end in this batch is read through the moment this batch began
    Position next = new Position(latest, lc == null ? position.leadChanges() : lc.page().nextToken(),
        dl == null ? position.deleted() : dl.page().nextToken(), mg == null ? position.merges() : mg.page().nextToken(),
        lc == null || lc.page().more() ? position.changesAt() : now, dl == null || dl.page().more() ? position.deletedAt() : now,
        mg == null || mg.page().more() ? position.mergesAt() : now);
    boolean found = !changes.isEmpty() || !unreadable.isEmpty() || more;
    if (found) {
      quiet.set(false); // changes flow: every feed, every batch
    } else if (turn == -1) {
      quiet.set(true); // all three read and quiet: from now on one per batch
    }
    return new ChangeBatch(new ArrayList<>(changes.values()), next.encode(), more, unreadable);
  }

  /** A page read with a stored token, or with a token minted from the position's date when there is none or it is refused. */
  private record Fetched(ActivityFeed.Page page) {}

  private Fetched fetch(String path, @Nullable String token, Instant since, Map<String, String> params, ActivityFeed.EmptyPages budget) {
    String current = token != null ? token : feed.tokenSince(since, RateLimiter.Priority.BACKGROUND);
    try {
      return new Fetched(feed.read(path, current, params, RateLimiter.Priority.BACKGROUND, budget));
    } catch (MarketoErrorException e) {
      if (token == null) {
        throw e;
      }
      // The stored token was refused (expired or invalid): start again a little before the stored date.
      String fresh = feed.tokenSince(since.minus(marketo.settings().feeds().overlap()), RateLimiter.Priority.BACKGROUND);
      return new Fetched(feed.read(path, fresh, params, RateLimiter.Priority.BACKGROUND, budget));
    }
  }

  /**
   * The change an activity stands for, or null when it names no lead we can read (then it is added to
   * {@code unreadable}, naming the activity and the field).
   */
  private @Nullable PersonChange toChange(JsonNode activity, List<SourceRecord> unreadable) {
    String activityId = activity.path("id").asString(activity.path("marketoGUID").asString("(no id)"));
    Optional<PersonId> lead = leadId(activity.path("leadId"));
    if (lead.isEmpty()) {
      unreadable.add(SourceRecord.unreadable("", "activity " + activityId + ": field 'leadId' is not a Marketo id",
          Map.of("raw", ServerText.abbreviate(activity.toString()))));
      return null;
    }
    int type = activity.path("activityTypeId").asInt();
    PersonId id = lead.get();
    if (type == 37) {
      return new PersonChange.Deleted(id);
    }
    if (type == marketo.settings().feeds().mergeTypeId()) {
      List<PersonId> losers = new ArrayList<>();
      for (JsonNode attribute : activity.path("attributes")) {
        if (attribute.path("name").asString("").equalsIgnoreCase("Merge IDs")) {
          for (String loser : attribute.path("value").asString("").split(",")) {
            String text = loser.strip();
            if (text.isEmpty() || text.equals(Long.toString(id.value()))) {
              continue;
            }
            Optional<PersonId> loserId = leadId(text);
            if (loserId.isPresent()) {
              losers.add(loserId.get());
            } else {
              unreadable.add(SourceRecord.unreadable(id.toString(), "Merge Leads activity " + activityId + " for lead " + id
                  + ": attribute 'Merge IDs' holds '" + ServerText.printable(text) + "', which is not a Marketo id;"
                  + " the other ids of the merge are applied", Map.of("raw", ServerText.abbreviate(activity.toString()))));
            }
          }
        }
      }
      return losers.isEmpty() ? new PersonChange.Updated(id, Set.of()) : new PersonChange.Merged(id, losers);
    }
    Set<String> changed = new HashSet<>();
    for (JsonNode field : activity.path("fields")) {
      changed.add(field.path("name").asString(""));
    }
    changed.remove("");
    return new PersonChange.Updated(id, changed);
  }

  private static Optional<PersonId> leadId(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() && node.longValue() > 0 ? Optional.of(PersonId.of(node.longValue())) : Optional.empty();
    }
    return node.isString() ? leadId(node.asString()) : Optional.empty();
  }

  private static Optional<PersonId> leadId(String text) {
    try {
      return Optional.of(PersonId.of(text));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }

  @Override
  public java.util.Optional<io.unisync.core.port.FeedRetention> feedRetention() {
    MarketoFeeds feeds = marketo.settings().feeds();
    return java.util.Optional.of(new io.unisync.core.port.FeedRetention(feeds.deletionRetention(), feeds.changeRetention()));
  }

  @Override
  public java.util.Optional<Instant> readThrough(SourcePosition position) {
    Instant plausible = marketo.clock().instant().plus(marketo.settings().limits().futureTolerance());
    return java.util.Optional.of(Position.decode(position, plausible).readThrough());
  }

  @Override
  public List<SourceRecord> readCurrent(Collection<PersonId> ids) {
    return leads.read(ids, readFields, RateLimiter.Priority.BACKGROUND);
  }

  @Override
  public int maxReadBatch() {
    return LeadReader.MAX_IDS;
  }

  @Override
  public String toString() {
    return "MarketoPersonSource[" + marketo.settings().baseUrl() + "]";
  }

  /**
   * The change position: the date behind the tokens, one token per feed (absent until first read), and for each feed
   * when it was last read to its end (everything before that instant was in it). Version 1 positions, stored before
   * the read-through times existed, read as read through at their date.
   */
  private record Position(Instant since, @Nullable String leadChanges, @Nullable String deleted, @Nullable String merges,
      Instant changesAt, Instant deletedAt, Instant mergesAt) {

    SourcePosition encode() {
      StringJoiner joiner = new StringJoiner("|");
      joiner.add("v2").add(since.toString()).add(or(leadChanges)).add(or(deleted)).add(or(merges))
          .add(changesAt.toString()).add(deletedAt.toString()).add(mergesAt.toString());
      return new SourcePosition(joiner.toString());
    }

    /** Until when every feed had been read to its end. */
    Instant readThrough() {
      Instant oldest = changesAt.isBefore(deletedAt) ? changesAt : deletedAt;
      return oldest.isBefore(mergesAt) ? oldest : mergesAt;
    }

    /** Reads a stored position; a date past {@code plausible} (stored before dates were checked) is clamped to it. */
    static Position decode(SourcePosition position, Instant plausible) {
      String[] parts = position.value().split("\\|", -1);
      boolean v1 = parts.length == 5 && parts[0].equals("v1");
      if (!v1 && !(parts.length == 8 && parts[0].equals("v2"))) {
        throw new AdapterException("not a Marketo change position: " + position.value());
      }
      Instant since = clamp(Instant.parse(parts[1]), plausible, "dated");
      if (v1) {
        return new Position(since, none(parts[2]), none(parts[3]), none(parts[4]), since, since, since);
      }
      return new Position(since, none(parts[2]), none(parts[3]), none(parts[4]), clamp(Instant.parse(parts[5]), plausible, "read through"),
          clamp(Instant.parse(parts[6]), plausible, "read through"), clamp(Instant.parse(parts[7]), plausible, "read through"));
    }

    private static Instant clamp(Instant at, Instant plausible, String what) {
      if (at.isAfter(plausible)) {
        LOG.warn("The stored change position is {} {}, after what the local clock allows; using {}", what, at, plausible);
        return plausible;
      }
      return at;
    }

    private static String or(@Nullable String token) {
      return token == null ? "-" : token;
    }

    private static @Nullable String none(String token) {
      return token.equals("-") ? null : token;
    }
  }
}
