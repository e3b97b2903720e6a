package io.unisync.testkit.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Marketo simulator's lead fields: Marketo's standard ones, those tests define and those set on a lead; which are
 * searchable; and what {@code leads/describe.json} and {@code describe2.json} say of them.
 */
final class MarketoLeadFields {

  /** Lead fields every instance has (REST names, from Marketo's standard field list). */
  private static final Set<String> STANDARD_FIELDS = Set.of("id", "firstName", "lastName", "middleName", "salutation", "email",
      "phone", "mobilePhone", "mainPhone", "fax", "company", "title", "department", "industry", "website", "address", "city", "state",
      "postalCode", "country", "numberOfEmployees", "annualRevenue", "dateOfBirth", "leadSource", "originalSourceType",
      "originalSourceInfo", "registrationSourceType", "registrationSourceInfo", "leadStatus", "leadScore", "leadRole", "rating",
      "unsubscribed", "unsubscribedReason", "emailInvalid", "emailInvalidCause", "marketingSuspended", "marketingSuspendedCause",
      "blackListed", "blackListedCause", "doNotCall", "doNotCallReason", "createdAt", "updatedAt", "sfdcLeadId", "sfdcContactId",
      "sfdcAccountId", "sfdcType", "sfdcLeadOwnerId", "externalSalesPersonId", "externalPersonId", "externalCompanyId",
      "linkedInProfileURL", "linkedInId", "mktoName", "msiLastInterestingMomentType", "msiLastInterestingMomentDate",
      "msiLastInterestingMomentDesc", "msiLastInterestingMomentSource", "priority", "urgency", "relativeScore", "relativeUrgency",
      "leadPartitionId");


  /** Fields {@code leads.json} may filter on (describe2's searchable fields). */
  static final List<String> SEARCHABLE = List.of("id", "email", "sfdcLeadId", "sfdcContactId", "sfdcLeadOwnerId",
      "sfdcAccountId", "leadPartitionId", "linkedInId", "externalSalesPersonId", "externalPersonId", "externalCompanyId");


  /** The instance's other lead fields by REST name: those defined by tests and those set on a lead. */
  private final Set<String> fieldNames = ConcurrentHashMap.newKeySet();
  private final ObjectMapper json;
  private final MarketoEnvelope envelope;

  MarketoLeadFields(ObjectMapper json, MarketoEnvelope envelope) {
    this.json = json;
    this.envelope = envelope;
  }

  /** Adds fields to the instance (a custom field defined, or fields set on a lead). */
  void add(Collection<String> names) {
    fieldNames.addAll(names);
  }

  /** The requested names this instance has no field for (Marketo answers 1006 for them on leads.json). */
  List<String> unknown(List<String> requested) {
    return requested.stream().filter(f -> !STANDARD_FIELDS.contains(f) && !fieldNames.contains(f)).toList();
  }

  /** {@code leads/describe.json}: every field with its REST and SOAP names. */
  ObjectNode describe() {
    ArrayNode result = json.createArrayNode();
    int n = 1;
    for (String name : allFields()) {
      ObjectNode f = result.addObject();
      f.put("id", n++);
      f.put("displayName", displayName(name));
      f.put("dataType", dataType(name));
      if (dataType(name).equals("string") || dataType(name).equals("email") || dataType(name).equals("phone")) {
        f.put("length", 255);
      }
      boolean readOnly = List.of("id", "createdAt", "updatedAt").contains(name);
      f.putObject("rest").put("name", name).put("readOnly", readOnly);
      f.putObject("soap").put("name", Character.toUpperCase(name.charAt(0)) + name.substring(1)).put("readOnly", readOnly);
    }
    return envelope.ok(result);
  }

  /** {@code leads/describe2.json}: the lead object, its searchable fields and its fields. */
  ObjectNode describe2() {
    ArrayNode result = json.createArrayNode();
    ObjectNode object = result.addObject();
    object.put("name", "API Lead");
    ArrayNode searchable = object.putArray("searchableFields");
    SEARCHABLE.forEach(f -> searchable.addArray().add(f));
    ArrayNode fields = object.putArray("fields");
    for (String name : allFields()) {
      ObjectNode f = fields.addObject();
      f.put("name", name);
      f.put("displayName", displayName(name));
      f.put("dataType", dataType(name));
      f.put("length", 255);
      f.put("updateable", !List.of("id", "createdAt", "updatedAt").contains(name));
      f.put("crmManaged", name.startsWith("sfdc"));
    }
    return envelope.ok(result);
  }

  private List<String> allFields() {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(STANDARD_FIELDS);
    all.addAll(fieldNames);
    List<String> ordered = new ArrayList<>(List.of("id"));
    all.stream().filter(f -> !f.equals("id")).forEach(ordered::add);
    return ordered;
  }

  private static String displayName(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1).replaceAll("([a-z])([A-Z])", "$1 $2");
  }

  private static String dataType(String name) {
    return switch (name) {
      case "id", "leadScore", "numberOfEmployees", "leadPartitionId" -> "integer";
      case "createdAt", "updatedAt", "msiLastInterestingMomentDate" -> "datetime";
      case "dateOfBirth" -> "date";
      case "email" -> "email";
      case "phone", "mobilePhone", "mainPhone", "fax" -> "phone";
      case "unsubscribed", "emailInvalid", "marketingSuspended", "blackListed", "doNotCall" -> "boolean";
      case "annualRevenue" -> "currency";
      case "website", "linkedInProfileURL" -> "url";
      default -> "string";
    };
  }
}
