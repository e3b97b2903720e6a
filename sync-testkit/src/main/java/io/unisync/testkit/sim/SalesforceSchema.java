package io.unisync.testkit.sim;

import static io.unisync.testkit.sim.SalesforceSimulator.EXTERNAL_ID_FIELD;
import static io.unisync.testkit.sim.SalesforceSimulator.PREFIXES;
import static io.unisync.testkit.sim.SalesforceSimulator.REMINDER_ID_FIELD;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Salesforce simulator's schema: which objects and fields the org has (standard ones, custom ones defined or set
 * on a record), what describe calls answer, and the validation rules an admin added. Called under the simulator's
 * lock, which also guards the records it reads.
 */
final class SalesforceSchema {

  private final Map<String, Map<String, Map<String, Object>>> objects;
  private final ObjectMapper json;

  SalesforceSchema(Map<String, Map<String, Map<String, Object>>> objects, ObjectMapper json) {
    this.objects = objects;
    this.json = json;
  }

  /** Fields every object has, and each object's own standard fields (beside any field set on one of its records). */
  private static final List<String> SYSTEM_FIELDS = List.of("Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate",
      "LastModifiedById", "SystemModstamp", "OwnerId", "Name");
  private static final Map<String, List<String>> OBJECT_FIELDS = Map.of(
      "Lead", List.of("FirstName", "LastName", "Email", "Company", "Title", "Phone", "Status", "HasOptedOutOfEmail", "IsConverted",
          "ConvertedContactId", "ConvertedAccountId", "LeadSource"),
      "Contact", List.of("FirstName", "LastName", "Email", "Title", "Phone", "AccountId", "HasOptedOutOfEmail", "LeadSource"),
      "Task", List.of("Subject", "Status", "Priority", "WhoId", "WhatId", "ActivityDate", "Description", "Type", "TaskSubtype", "IsClosed",
          "IsReminderSet", "ReminderDateTime", "CallType", "CallDurationInSeconds", "CallDisposition", EXTERNAL_ID_FIELD, REMINDER_ID_FIELD),
      "Account", List.of("Website", "Industry"),
      "Opportunity", List.of("AccountId", "StageName", "CloseDate", "Amount", "IsClosed", "IsWon"),
      "OpportunityContactRole", List.of("ContactId", "OpportunityId", "Role", "IsPrimary"),
      "User", List.of("Email", "Username", "IsActive"));
  /** Fields tests added to an object (custom fields: {@code Object.Field}). */
  private final Set<String> definedFields = ConcurrentHashMap.newKeySet();

  /**
   * Adds a (custom) field to an object, so queries may select it before any record holds a value.
   *
   * @param object the object
   * @param field the field's API name
   */
  void defineField(String object, String field) {
    definedFields.add(object + "." + field);
  }

  /** The org's validation rules by object: a record written through the API that a rule rejects fails with its message. */
  private final Map<String, List<Map.Entry<java.util.function.Predicate<Map<String, Object>>, String>>> validationRules =
      new ConcurrentHashMap<>();

  /**
   * Adds a validation rule, as an admin would: a record of {@code object} created or updated through the API for
   * which {@code rejects} holds (given the record as it would be after the write) fails alone with
   * {@code FIELD_CUSTOM_VALIDATION_EXCEPTION} and {@code message}. Writes through this class's own methods (a user's
   * edits) are not checked.
   *
   * @param object the object, e.g. {@code Task}
   * @param rejects whether a record breaks the rule
   * @param message the rule's error message
   */
  void addValidationRule(String object, java.util.function.Predicate<Map<String, Object>> rejects, String message) {
    validationRules.computeIfAbsent(object, o -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(Map.entry(rejects, message));
  }

  @Nullable String validationFailure(String type, Map<String, Object> record) {
    return validationRules.getOrDefault(type, List.of()).stream().filter(rule -> rule.getKey().test(record)).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  /** The first of {@code names} the object does not have ({@code INVALID_FIELD} on a write), or null. */
  @Nullable String unknownField(String type, java.util.Collection<String> names) {
    return names.stream().filter(name -> !hasField(type, name)).findFirst().orElse(null);
  }

  /** {@code GET sobjects}: every object of the org. */
  ObjectNode describeGlobal() {
    ObjectNode body = json.createObjectNode();
    body.put("encoding", "UTF-8");
    body.put("maxBatchSize", 200);
    ArrayNode sobjects = body.putArray("sobjects");
    new java.util.TreeSet<>(PREFIXES.keySet()).forEach(type -> sobjects.addObject().put("name", type).put("label", type)
        .put("keyPrefix", PREFIXES.get(type)).put("queryable", true).put("createable", !type.equals("User"))
        .put("updateable", !type.equals("User")).put("custom", false));
    return body;
  }

  /** {@code GET sobjects/{type}/describe}: the object's fields (standard ones, custom ones defined or set). */
  ObjectNode describe(String type) {
    ObjectNode body = json.createObjectNode();
    body.put("name", type);
    body.put("label", type);
    body.put("keyPrefix", PREFIXES.get(type));
    body.put("queryable", true);
    java.util.Set<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(SYSTEM_FIELDS);
    names.addAll(OBJECT_FIELDS.getOrDefault(type, List.of()));
    objects.getOrDefault(type, Map.of()).values().forEach(r -> names.addAll(r.keySet()));
    definedFields.stream().filter(f -> f.startsWith(type + ".")).forEach(f -> names.add(f.substring(type.length() + 1)));
    ArrayNode fields = body.putArray("fields");
    for (String name : names) {
      boolean custom = name.endsWith("__c");
      fields.addObject().put("name", name).put("custom", custom)
          .put("type", name.equals("Id") ? "id" : name.endsWith("Id") ? "reference" : name.startsWith("Is") || name.startsWith("Has")
              ? "boolean" : name.endsWith("Date") || name.equals("SystemModstamp") ? "datetime" : "string")
          .put("externalId", name.equalsIgnoreCase(EXTERNAL_ID_FIELD) || name.equalsIgnoreCase(REMINDER_ID_FIELD))
          .put("updateable", !SYSTEM_FIELDS.contains(name) || name.equals("OwnerId") || name.equals("Name"));
    }
    return body;
  }

  boolean hasField(String object, String field) {
    return SYSTEM_FIELDS.stream().anyMatch(f -> f.equalsIgnoreCase(field))
        || OBJECT_FIELDS.getOrDefault(object, List.of()).stream().anyMatch(f -> f.equalsIgnoreCase(field))
        || definedFields.stream().anyMatch(f -> f.equalsIgnoreCase(object + "." + field))
        || objects.getOrDefault(object, Map.of()).values().stream().anyMatch(r -> r.containsKey(field));
  }

  /** Why the query names an object or field this org does not have (Salesforce's error code and message), or null. */
  Soql.@Nullable MalformedQuery unknownNames(Soql.Query query) {
    if (!PREFIXES.containsKey(query.object())) {
      return new Soql.MalformedQuery("INVALID_TYPE", "sObject type '" + query.object() + "' is not supported.");
    }
    for (String named : query.namedFields()) {
      if (named.equals(Soql.COUNT)) {
        continue;
      }
      // a relationship path (Who.Type) needs its reference field (WhoId); the far side is not checked (Who is polymorphic)
      String field = named.contains(".") ? named.substring(0, named.indexOf('.')) + "Id" : named;
      if (!hasField(query.object(), field)) {
        return new Soql.MalformedQuery("INVALID_FIELD", named.contains(".")
            ? "Didn't understand relationship '" + named.substring(0, named.indexOf('.')) + "' in field path. If you are attempting to use a"
                + " custom relationship, be sure to append the '__r' after the custom relationship name."
            : "No such column '" + field + "' on entity '" + query.object() + "'.");
      }
    }
    return null;
  }

  /** {@code GET sobjects/{type}}: the object's basic information and the records recently viewed (none here). */
  ObjectNode basicInformation(String type, String version) {
    ObjectNode body = json.createObjectNode();
    ObjectNode describe = body.putObject("objectDescribe");
    String base = "/services/data/" + version + "/sobjects/" + type;
    describe.put("name", type).put("label", type).put("keyPrefix", PREFIXES.get(type)).put("queryable", true)
        .put("createable", !type.equals("User")).put("updateable", !type.equals("User")).put("deletable", !type.equals("User"))
        .put("custom", false).putObject("urls").put("sobject", base).put("describe", base + "/describe").put("rowTemplate", base + "/{ID}");
    body.putArray("recentItems");
    return body;
  }
}
