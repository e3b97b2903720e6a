package io.unisync.testkit.sim;

import io.unisync.testkit.sim.MarketoSimulator.CustomType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Marketo simulator's activity types: the standard ones and the custom ones clients create (draft, then approved),
 * with their attributes' display names, which an admin may change.
 */
final class MarketoCustomTypes {

  private static final Map<Integer, String> STANDARD_TYPES = Map.ofEntries(
      Map.entry(1, "Visit Webpage"), Map.entry(2, "Fill Out Form"), Map.entry(3, "Click Link"), Map.entry(6, "Send Email"),
      Map.entry(7, "Email Delivered"), Map.entry(8, "Email Bounced"), Map.entry(9, "Unsubscribe Email"), Map.entry(10, "Open Email"),
      Map.entry(11, "Click Email"), Map.entry(12, "New Lead"), Map.entry(13, "Change Data Value"), Map.entry(32, "Merge Leads"),
      Map.entry(37, "Delete Lead"), Map.entry(46, "Interesting Moment"));

  private final Map<String, CustomType> customTypes = new LinkedHashMap<>();
  /** Each custom type's attributes: API name to display name (guarded by this). */
  private final Map<String, Map<String, String>> customAttributes = new LinkedHashMap<>();
  private final AtomicInteger nextTypeId = new AtomicInteger(100_001);
  private final ObjectMapper json;
  private final MarketoEnvelope envelope;

  MarketoCustomTypes(ObjectMapper json, MarketoEnvelope envelope) {
    this.json = json;
    this.envelope = envelope;
  }

  /** An approved custom type, as an admin would register it. */
  synchronized void define(String apiName, String name, String primaryAttribute) {
    customTypes.put(apiName, new CustomType(nextTypeId.getAndIncrement(), apiName, name, primaryAttribute, true));
  }

  /** Whether {@code typeId} is an approved custom type (the only kind {@code activities/external.json} takes). */
  synchronized boolean isApproved(int typeId) {
    return customTypes.values().stream().anyMatch(c -> c.id() == typeId && c.approved());
  }

  /** The display names of a custom type's attributes by API name (empty for other types). */
  synchronized Map<String, String> displayNames(int typeId) {
    return customTypes.values().stream().filter(c -> c.id() == typeId).findFirst()
        .map(c -> Map.copyOf(customAttributes.getOrDefault(c.apiName(), Map.of()))).orElse(Map.of());
  }

  /** The primary attribute (name, data type) of the standard types that have another than the lead. */
  private static final Map<Integer, String[]> STANDARD_PRIMARY = Map.of(1, new String[] {"Webpage ID", "integer"},
      2, new String[] {"Webform ID", "integer"}, 3, new String[] {"Link ID", "integer"}, 6, new String[] {"Mailing ID", "integer"},
      7, new String[] {"Mailing ID", "integer"}, 8, new String[] {"Mailing ID", "integer"}, 9, new String[] {"Mailing ID", "integer"},
      10, new String[] {"Mailing ID", "integer"}, 11, new String[] {"Mailing ID", "integer"}, 13, new String[] {"Attribute Name", "string"});

  /** {@code activities/types.json}: the standard types and the custom ones. */
  ObjectNode activityTypes() {
    ArrayNode result = json.createArrayNode();
    STANDARD_TYPES.forEach((id, name) -> {
      ObjectNode t = result.addObject();
      t.put("id", id);
      t.put("name", name);
      t.put("description", "User " + name.toLowerCase(java.util.Locale.ROOT));
      String[] primary = STANDARD_PRIMARY.getOrDefault(id, new String[] {"Lead ID", "integer"});
      t.putObject("primaryAttribute").put("name", primary[0]).put("dataType", primary[1]);
      ArrayNode attributes = t.putArray("attributes");
      attributes.addObject().put("name", "Client IP Address").put("dataType", "string");
      if (id == MarketoSimulator.CHANGE_DATA_VALUE) {
        attributes.addObject().put("name", "New Value").put("dataType", "string");
        attributes.addObject().put("name", "Old Value").put("dataType", "string");
        attributes.addObject().put("name", "Reason").put("dataType", "string");
      } else if (id == MarketoSimulator.MERGE_LEADS) {
        attributes.addObject().put("name", "Merge IDs").put("dataType", "string");
      }
    });
    synchronized (this) {
      customTypes.values().forEach(c -> {
        ObjectNode t = result.addObject();
        t.put("id", c.id());
        t.put("name", c.name());
        t.put("apiName", c.apiName());
        t.put("description", c.name());
        t.putObject("primaryAttribute").put("name", c.primaryAttribute()).put("dataType", "string");
        t.putArray("attributes");
      });
    }
    return envelope.ok(result);
  }

  /** {@code activities/external/types.json}: the custom types, draft or approved, with their attributes. */
  synchronized ObjectNode customTypes() {
    ArrayNode result = json.createArrayNode();
    for (CustomType c : customTypes.values()) {
      ObjectNode t = result.addObject();
      t.put("id", c.id());
      t.put("apiName", c.apiName());
      t.put("name", c.name());
      t.put("status", c.approved() ? "approved" : "draft");
      t.putObject("primaryAttribute").put("apiName", c.primaryAttribute());
      ArrayNode attributes = t.putArray("attributes");
      customAttributes.getOrDefault(c.apiName(), Map.of()).forEach((apiName, name) ->
          attributes.addObject().put("apiName", apiName).put("name", name).put("dataType", "string"));
    }
    return envelope.ok(result);
  }

  /** {@code attributes/create.json}: adds attributes (API name, display name) to a custom type. */
  synchronized ObjectNode createAttributes(String typeApiName, JsonNode body) {
    if (!customTypes.containsKey(typeApiName)) {
      return envelope.error("1003", "Invalid activity type '" + typeApiName + "'");
    }
    Map<String, String> attributes = customAttributes.computeIfAbsent(typeApiName, k -> new LinkedHashMap<>());
    ArrayNode result = json.createArrayNode();
    for (JsonNode attribute : body.path("attributes")) {
      String apiName = attribute.path("apiName").asString("");
      if (apiName.isBlank() || attributes.containsKey(apiName)) {
        return envelope.error("1003", "Invalid attribute '" + apiName + "'");
      }
      if (attributes.size() >= 20) {
        return envelope.error("1028", "Max Attribute Limit Reached");
      }
      attributes.put(apiName, attribute.path("name").asString(apiName));
    }
    result.addObject().put("apiName", typeApiName);
    return envelope.ok(result);
  }

  /**
   * Renames an attribute of a custom type, as an admin may in Marketo's UI: activity reads show an attribute by its
   * display name, so clients must not expect the API name there.
   *
   * @param typeApiName the custom type's API name
   * @param attributeApiName the attribute's API name
   * @param displayName its new display name
   */
  synchronized void renameAttribute(String typeApiName, String attributeApiName, String displayName) {
    Map<String, String> attributes = customAttributes.get(typeApiName);
    if (attributes == null || !attributes.containsKey(attributeApiName)) {
      throw new IllegalArgumentException("custom type " + typeApiName + " has no attribute " + attributeApiName);
    }
    attributes.put(attributeApiName, displayName);
  }

  /** {@code activities/external/type.json}: a draft custom type; at most 10 (1027). */
  synchronized ObjectNode createCustomType(JsonNode body) {
    String apiName = body.path("apiName").asString("");
    if (apiName.isBlank() || customTypes.containsKey(apiName)) {
      return envelope.error("1003", "Invalid data");
    }
    if (customTypes.size() >= 10) {
      return envelope.error("1027", "Max Activity Type Limit Reached");
    }
    CustomType type = new CustomType(nextTypeId.getAndIncrement(), apiName, body.path("name").asString(apiName),
        body.path("primaryAttribute").path("apiName").asString("primary"), false);
    customTypes.put(apiName, type);
    ArrayNode result = json.createArrayNode();
    result.addObject().put("id", type.id()).put("apiName", apiName).put("status", "draft");
    return envelope.ok(result);
  }

  /** {@code .../approve.json}: the draft becomes the approved type. */
  synchronized ObjectNode approve(String apiName) {
    CustomType type = customTypes.get(apiName);
    if (type == null) {
      return envelope.error("610", "Requested resource not found");
    }
    customTypes.put(apiName, new CustomType(type.id(), type.apiName(), type.name(), type.primaryAttribute(), true));
    ArrayNode result = json.createArrayNode();
    result.addObject().put("id", type.id()).put("apiName", apiName).put("status", "approved");
    return envelope.ok(result);
  }
}
