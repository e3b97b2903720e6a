package io.unisync.testkit.sim;

import io.unisync.testkit.sim.MarketoSimulator.Act;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Marketo simulator's activity log and its reads: paging tokens, the activity feeds (with the empty pages Marketo
 * serves while it scans), the retention policy that purges old deletions and changes, and a lossy feed for drift.
 */
final class MarketoActivityLog {

  /** Activity dates as Marketo's activity reads show them: {@code 2024-01-16T23:32:19+0000}. */
  private static final java.time.format.DateTimeFormatter ACTIVITY_DATE =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(java.time.ZoneOffset.UTC);

  private final List<Act> log = new ArrayList<>();
  private final AtomicLong nextActivityId = new AtomicLong(1_000);
  /** The retention policy (guarded by this): null keeps every activity. */
  private @Nullable Duration deletionRetention;
  private @Nullable Duration changeRetention;
  private double lossShare; // guarded by this
  private long lossSeed; // guarded by this
  private final Clock clock;
  private final ObjectMapper json;
  private final MarketoEnvelope envelope;
  private final MarketoCustomTypes types;

  MarketoActivityLog(Clock clock, ObjectMapper json, MarketoEnvelope envelope, MarketoCustomTypes types) {
    this.clock = clock;
    this.json = json;
    this.envelope = envelope;
    this.types = types;
  }

  /** Custom activities written through {@code external.json}, as JSON objects. */
  synchronized List<Map<String, String>> external() {
    List<Map<String, String>> out = new ArrayList<>();
    for (Act act : log) {
      if (act.typeId() >= 100_000) {
        Map<String, String> m = new LinkedHashMap<>(act.attributes());
        m.put("leadId", Long.toString(act.leadId()));
        m.put("activityTypeId", Integer.toString(act.typeId()));
        m.put("primaryAttributeValue", act.primary());
        out.add(m);
      }
    }
    return out;
  }

  /** Logs a custom activity a client wrote, at the date it gave. */
  synchronized Act appendAt(long leadId, Instant date, int typeId, String primary, Map<String, String> attributes) {
    Act act = new Act(nextActivityId.getAndIncrement(), leadId, date, typeId, primary, Map.copyOf(attributes), null, null, null);
    log.add(act);
    return act;
  }

  /** Purges Delete Lead activities after {@code deletions} and Change Data Value after {@code changes}. */
  synchronized void retention(Duration deletions, Duration changes) {
    this.deletionRetention = deletions;
    this.changeRetention = changes;
  }

  /** Loses {@code share} of the Change Data Value and Delete Lead activities from every read, by id and seed. */
  synchronized void lossy(double share, long seed) {
    this.lossShare = share;
    this.lossSeed = seed;
  }

  /** Logs an activity now. */
  synchronized Act append(long leadId, int typeId, String primary, Map<String, String> attributes,
      @Nullable String field, @Nullable String newValue, @Nullable String oldValue) {
    Act act = new Act(nextActivityId.getAndIncrement(), leadId, clock.instant(), typeId, primary, Map.copyOf(attributes), field, newValue, oldValue);
    log.add(act);
    return act;
  }

  /** {@code activities/pagingtoken.json}: a token for the activities from {@code sinceDatetime} on. */
  ObjectNode pagingToken(Map<String, String> params) {
    String since = params.get("sinceDatetime");
    if (since == null) {
      return envelope.error("1002", "Missing value for the required parameter 'sinceDatetime'");
    }
    Instant at;
    try {
      at = java.time.OffsetDateTime.parse(since).toInstant();
    } catch (RuntimeException e) {
      return envelope.error("704", "Invalid date format");
    }
    long after;
    synchronized (this) {
      after = 0;
      for (Act act : log) {
        if (act.date().isBefore(at)) {
          after = act.id();
        } else {
          break;
        }
      }
    }
    ObjectNode body = envelope.ok(null);
    body.put("nextPageToken", encodeToken(after));
    return body;
  }

  /**
   * An activity page after {@code nextPageToken}: of {@code fixedTypes} (the change and deletion feeds) or of the
   * {@code activityTypeIds} asked for; {@code emptyPage} serves the empty page Marketo sends while it scans.
   */
  ObjectNode read(Map<String, String> params, @Nullable Set<Integer> fixedTypes, boolean emptyPage) {
    String token = params.get("nextPageToken");
    Long after = token == null ? null : decodeToken(token);
    if (after == null) {
      return envelope.error("1003", "Invalid nextPageToken");
    }
    int batchSize = Math.min(300, Integer.parseInt(params.getOrDefault("batchSize", "300")));
    Set<Integer> types = fixedTypes;
    if (types == null) {
      types = new HashSet<>();
      for (String t : params.getOrDefault("activityTypeIds", "").split(",")) {
        if (!t.isBlank()) {
          types.add(Integer.parseInt(t.strip()));
        }
      }
      if (types.isEmpty() || types.size() > 10) {
        return envelope.error("1003", "activityTypeIds must name 1 to 10 types");
      }
    }
    Set<Long> leadIds = new HashSet<>();
    for (String l : params.getOrDefault("leadIds", "").split(",")) {
      if (!l.isBlank()) {
        leadIds.add(Long.parseLong(l.strip()));
      }
    }
    if (leadIds.size() > 30) {
      return envelope.error("1003", "leadIds must name at most 30 leads");
    }
    Set<String> fields = params.containsKey("fields") ? Set.of(params.get("fields").split(",")) : null;
    ArrayNode result = json.createArrayNode();
    long last = after;
    boolean more = false;
    synchronized (this) {
      if (emptyPage) {
        // As Marketo does while it scans activity blocks: nothing yet, a new token, more to come.
        ObjectNode body = envelope.ok(result);
        body.put("nextPageToken", encodeToken(after, scanStep(token) + 1));
        body.put("moreResult", true);
        return body;
      }
      for (Act act : log) {
        if (act.id() <= after) {
          continue;
        }
        if (result.size() >= batchSize) {
          more = true;
          break;
        }
        last = act.id();
        if (!types.contains(act.typeId()) || !leadIds.isEmpty() && !leadIds.contains(act.leadId())) {
          continue;
        }
        if (fields != null && act.typeId() == MarketoSimulator.CHANGE_DATA_VALUE && !fields.contains(act.field())) {
          continue;
        }
        if (forgotten(act)) {
          continue; // purged by the retention policy, or lost: a feed that never says so
        }
        result.add(activityJson(act));
      }
    }
    ObjectNode body = envelope.ok(result);
    body.put("nextPageToken", encodeToken(last));
    body.put("moreResult", more);
    return body;
  }

  private ObjectNode activityJson(Act act) {
    ObjectNode a = json.createObjectNode();
    a.put("id", act.id());
    a.put("marketoGUID", Long.toString(act.id()));
    a.put("leadId", act.leadId());
    a.put("activityDate", ACTIVITY_DATE.format(act.date()));
    a.put("activityTypeId", act.typeId());
    if (act.typeId() != MarketoSimulator.CHANGE_DATA_VALUE && act.typeId() != MarketoSimulator.DELETE_LEAD) {
      a.putNull("campaignId"); // the smart campaign that logged it: none here, as for most activities not made by a campaign
    }
    if (act.typeId() != MarketoSimulator.CHANGE_DATA_VALUE) {
      // the primary attribute's id: the lead for lead activities (Delete Lead, New Lead), the activity's asset otherwise
      a.put("primaryAttributeValueId", act.typeId() == MarketoSimulator.DELETE_LEAD || act.typeId() == MarketoSimulator.NEW_LEAD ? act.leadId() : act.id());
    }
    a.put("primaryAttributeValue", act.primary());
    if (act.typeId() == MarketoSimulator.CHANGE_DATA_VALUE) {
      ObjectNode f = a.putArray("fields").addObject();
      f.put("id", 48);
      f.put("name", act.field());
      f.put("newValue", act.newValue());
      f.put("oldValue", act.oldValue());
    }
    ArrayNode attributes = a.putArray("attributes");
    Map<String, String> names = types.displayNames(act.typeId());
    act.attributes().forEach((k, v) -> {
      ObjectNode attr = attributes.addObject();
      attr.put("name", names.getOrDefault(k, k)); // activity reads name an attribute by its display name
      if (k.equals("Lead ID") && v.matches("\\d{1,18}")) {
        attr.put("value", Long.parseLong(v)); // an integer attribute comes as a JSON number, as documented
      } else {
        attr.put("value", v);
      }
    });
    return a;
  }

  private boolean forgotten(Act act) {
    boolean losable = act.typeId() == MarketoSimulator.CHANGE_DATA_VALUE || act.typeId() == MarketoSimulator.DELETE_LEAD;
    if (losable && lossShare > 0 && new java.util.SplittableRandom(lossSeed * 1_000_003L + act.id()).nextDouble() < lossShare) {
      return true;
    }
    Duration kept = act.typeId() == MarketoSimulator.DELETE_LEAD ? deletionRetention : act.typeId() == MarketoSimulator.CHANGE_DATA_VALUE ? changeRetention : null;
    return kept != null && act.date().plus(kept).isBefore(clock.instant());
  }

  private static String encodeToken(long after) {
    return encodeToken(after, 0);
  }

  /** A token for the activities after {@code after}; {@code scan} counts empty pages served on the way there. */
  private static String encodeToken(long after, int scan) {
    String text = "sim:" + after + (scan > 0 ? "~" + scan : "");
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII)).replace('+', '-');
  }

  private static @Nullable Long decodeToken(String token) {
    try {
      String text = new String(Base64.getDecoder().decode(token.replace('-', '+')), StandardCharsets.US_ASCII);
      if (!text.startsWith("sim:")) {
        return null;
      }
      int scan = text.indexOf('~');
      return Long.parseLong(scan < 0 ? text.substring(4) : text.substring(4, scan));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static int scanStep(@Nullable String token) {
    if (token == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getDecoder().decode(token.replace('-', '+')), StandardCharsets.US_ASCII);
      int scan = text.indexOf('~');
      return scan < 0 ? 0 : Integer.parseInt(text.substring(scan + 1));
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
