package io.unisync.testkit.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Salesforce simulator's SOQL answers: a query runs over the records under the simulator's lock, its rows wait
 * behind a cursor, and each page renders the records as Salesforce does (relationship fields nested).
 */
final class SalesforceQueries {

  private static final DateTimeFormatter SF_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  private static final int QUERY_BATCH = 200;

  private final Map<String, List<Map<String, Object>>> cursors = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Map<String, Object>>> objects;
  private final Object lock;
  private final Function<Soql.Query, Soql.@Nullable MalformedQuery> unknownNames;
  private final ObjectMapper json;
  private final Supplier<String> version;

  /**
   * @param lock the lock that guards {@code objects}
   * @param unknownNames why a query names an object or field the org lacks, or null
   * @param version the API version of the request being answered, for the URLs in the answer
   */
  SalesforceQueries(Map<String, Map<String, Map<String, Object>>> objects, Object lock,
      Function<Soql.Query, Soql.@Nullable MalformedQuery> unknownNames, ObjectMapper json, Supplier<String> version) {
    this.objects = objects;
    this.lock = lock;
    this.unknownNames = unknownNames;
    this.json = json;
    this.version = version;
  }

  /** Whether a query's cursor exists. */
  boolean hasCursor(String cursor) {
    return cursors.containsKey(cursor);
  }

  /** {@code query} or {@code queryAll}: the first page of the answer, the rest behind a cursor. */
  ObjectNode run(String soql, boolean includeDeleted) {
    Soql.Query query = Soql.parse(soql);
    Soql.MalformedQuery unknown = unknownNames.apply(query);
    if (unknown != null) {
      throw unknown;
    }
    List<Map<String, Object>> matches = new ArrayList<>();
    synchronized (lock) {
      for (Map<String, Object> record : objects.getOrDefault(query.object(), Map.of()).values()) {
        boolean deleted = Boolean.TRUE.equals(record.get("IsDeleted"));
        if ((includeDeleted || !deleted) && (query.where() == null || query.where().test(withRelationships(record)))) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (String field : query.fields()) {
            row.put(field, field.contains(".") ? related(record, field) : record.get(field));
          }
          row.put("__type", query.object());
          matches.add(row);
        }
      }
    }
    if (query.counts()) {
      ObjectNode counted = json.createObjectNode();
      counted.put("totalSize", matches.size());
      counted.put("done", true);
      counted.putArray("records");
      return counted;
    }
    // ORDER BY may name fields not selected: sort on the full rows first
    if (!query.orderBy().isEmpty()) {
      Map<Object, Map<String, Object>> byId = new HashMap<>();
      synchronized (lock) {
        objects.getOrDefault(query.object(), Map.of()).values().forEach(r -> byId.put(r.get("Id"), r));
      }
      matches.sort((a, b) -> Soql.comparator(query.orderBy()).compare(byId.getOrDefault(a.get("Id"), a), byId.getOrDefault(b.get("Id"), b)));
    }
    if (matches.size() > query.limit()) {
      matches = new ArrayList<>(matches.subList(0, query.limit()));
    }
    String cursor = UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    cursors.put(cursor, matches);
    return page(cursor + "-0");
  }

  /** The record as a WHERE clause sees it: {@code Who.Type} and other relationship paths resolve through their reference. */
  private Map<String, Object> withRelationships(Map<String, Object> record) {
    return new java.util.AbstractMap<>() {
      @Override
      public @Nullable Object get(Object key) {
        return key instanceof String k && k.contains(".") ? related(record, k).value() : record.get(key);
      }

      @Override
      public java.util.Set<Map.Entry<String, Object>> entrySet() {
        return record.entrySet();
      }
    };
  }

  /** A relationship field's value: the related record's type and id, and the field's value on it (or no record). */
  private record Related(@Nullable String type, @Nullable String id, @Nullable Object value) {}

  /**
   * {@code Who.Type}, {@code Account.Name}: follows the reference ({@code WhoId}, {@code AccountId}) to its record, in
   * whatever object its id's prefix names (Who and What are polymorphic); {@code Type} is that object's name.
   */
  private Related related(Map<String, Object> record, String path) {
    String relationship = path.substring(0, path.indexOf('.'));
    String field = path.substring(path.indexOf('.') + 1);
    Object reference = record.get(relationship + "Id");
    if (!(reference instanceof String id)) {
      return new Related(null, null, null);
    }
    String type = SalesforceSimulator.typeOf(id);
    Map<String, Object> target = type == null ? null : objects.getOrDefault(type, Map.of()).get(id);
    if (target == null) {
      return new Related(null, null, null);
    }
    return new Related(type, id, field.equals("Type") ? type : target.get(field));
  }

  /** The page of a cursor at {@code locator} ({@code <cursor>-<offset>}). */
  ObjectNode page(String locator) {
    int dash = locator.lastIndexOf('-');
    List<Map<String, Object>> all = cursors.getOrDefault(locator.substring(0, dash), List.of());
    int from = Integer.parseInt(locator.substring(dash + 1));
    int to = Math.min(all.size(), from + QUERY_BATCH);
    ObjectNode body = json.createObjectNode();
    body.put("totalSize", all.size());
    body.put("done", to >= all.size());
    if (to < all.size()) {
      body.put("nextRecordsUrl", "/services/data/" + version.get() + "/query/" + locator.substring(0, dash) + "-" + to);
    }
    ArrayNode records = body.putArray("records");
    for (Map<String, Object> row : all.subList(from, to)) {
      records.add(recordJson(String.valueOf(row.get("__type")), row, "__type"));
    }
    return body;
  }

  /** A record as Salesforce answers it: {@code attributes}, then its fields; relationship fields nested. */
  ObjectNode recordJson(String type, Map<String, Object> record, @Nullable String skip) {
    ObjectNode node = json.createObjectNode();
    node.putObject("attributes").put("type", type).put("url", "/services/data/" + version.get() + "/sobjects/" + type + "/" + record.get("Id"));
    record.forEach((k, v) -> {
      if (k.equals(skip)) {
        return;
      }
      if (v instanceof Related related) {
        // relationship fields come back as a nested record (null when the reference is empty), never flat
        String relationship = k.substring(0, k.indexOf('.'));
        if (related.type() == null) {
          if (!node.has(relationship)) {
            node.putNull(relationship);
          }
          return;
        }
        ObjectNode nested = node.get(relationship) instanceof ObjectNode existing ? existing : node.putObject(relationship);
        if (!nested.has("attributes")) {
          nested.putObject("attributes").put("type", related.type())
              .put("url", "/services/data/" + version.get() + "/sobjects/" + related.type() + "/" + related.id());
        }
        Object value = related.value();
        String name = k.substring(k.indexOf('.') + 1);
        if (value == null) {
          nested.putNull(name);
        } else if (value instanceof Instant i) {
          nested.put(name, SF_DATETIME.format(i));
        } else if (value instanceof Boolean b) {
          nested.put(name, b);
        } else {
          nested.put(name, value.toString());
        }
        return;
      }
      if (v == null) {
        node.putNull(k);
      } else if (v instanceof Instant i) {
        node.put(k, SF_DATETIME.format(i));
      } else if (v instanceof Boolean b) {
        node.put(k, b);
      } else if (v instanceof Number n) {
        node.put(k, n.doubleValue());
      } else {
        node.put(k, v.toString());
      }
    });
    return node;
  }

  /** A time as Salesforce writes it ({@code 2026-06-01T09:00:00.000+0000}). */
  static String time(Instant at) {
    return SF_DATETIME.format(at);
  }

  /**
   * The body of a data replication answer: the ids of the records of {@code type} changed (or deleted) in
   * {@code [start, covered)} by {@code SystemModstamp}, under {@code ids} (or {@code deletedRecords} with their dates).
   */
  ObjectNode replicated(String type, boolean deleted, Instant start, Instant covered) {
    ObjectNode body = json.createObjectNode();
    ArrayNode list = body.putArray(deleted ? "deletedRecords" : "ids");
    synchronized (lock) {
      for (Map<String, Object> record : objects.getOrDefault(type, Map.of()).values()) {
        Instant stamp = (Instant) record.get("SystemModstamp");
        boolean isDeleted = Boolean.TRUE.equals(record.get("IsDeleted"));
        if (stamp == null || stamp.isBefore(start) || !stamp.isBefore(covered) || isDeleted != deleted) {
          continue;
        }
        if (deleted) {
          list.addObject().put("id", (String) record.get("Id")).put("deletedDate", time(stamp));
        } else {
          list.add((String) record.get("Id"));
        }
      }
    }
    return body;
  }

  /** Records of {@code type} by id, in the order asked, with {@code fields}; {@code null} for an id that names no live record. */
  ArrayNode retrieve(String type, List<String> ids, List<String> fields) {
    ArrayNode result = json.createArrayNode();
    synchronized (lock) {
      for (String id : ids) {
        Map<String, Object> record = objects.getOrDefault(type, Map.of()).get(id);
        if (record == null || Boolean.TRUE.equals(record.get("IsDeleted"))) {
          result.addNull();
          continue;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        fields.forEach(f -> row.put(f, record.get(f)));
        row.put("Id", id);
        result.add(recordJson(type, row, null));
      }
    }
    return result;
  }
}
