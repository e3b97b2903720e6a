package io.unisync.testkit.sim;

import static io.unisync.testkit.sim.MarketoLeadFields.SEARCHABLE;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The Marketo simulator's lead writes through the API: {@code leads.json} (create, update) and {@code leads/delete.json}. */
final class MarketoLeadWrites {

  private final MarketoSimulator sim;
  private final ObjectMapper json;

  MarketoLeadWrites(MarketoSimulator sim, ObjectMapper json) {
    this.sim = sim;
    this.json = json;
  }

  /**
   * {@code POST /rest/v1/leads.json}: {@code action} createOrUpdate (default), createOnly or updateOnly, matched on
   * {@code lookupField} (default email); per record {@code created}, {@code updated} or {@code skipped} with reasons
   * (1004 not found, 1005 already exists, 1006 unknown field, 1007 several matches).
   */
  ObjectNode upsert(JsonNode body) {
    String action = body.path("action").asString("createOrUpdate");
    String lookupField = body.path("lookupField").asString("email");
    if (!List.of("createOrUpdate", "createOnly", "updateOnly").contains(action)) {
      return sim.error("1003", "Invalid action '" + action + "'");
    }
    if (!SEARCHABLE.contains(lookupField) || (lookupField.equals("id") && !action.equals("updateOnly"))) {
      return sim.error("1003", "Invalid lookupField '" + lookupField + "' for action '" + action + "'");
    }
    JsonNode input = body.path("input");
    if (!input.isArray() || input.isEmpty() || input.size() > 300) {
      return sim.error("1003", "Invalid data");
    }
    ArrayNode result = json.createArrayNode();
    for (JsonNode record : input) {
      ObjectNode status = result.addObject();
      Map<String, String> fields = new LinkedHashMap<>();
      record.properties().forEach(e -> {
        if (!e.getValue().isNull()) {
          fields.put(e.getKey(), e.getValue().asString());
        }
      });
      List<String> unknown = sim.unknownFields(List.copyOf(fields.keySet()));
      String key = fields.get(lookupField);
      List<Long> matches = key == null ? List.of() : lookupField.equals("id") ? sim.lead(Long.parseLong(key)).map(l -> List.of(Long.parseLong(key)))
          .orElse(List.of()) : sim.matching(lookupField, key);
      if (!unknown.isEmpty()) {
        skipped(status, "1006", "Field '" + unknown.get(0) + "' not found");
      } else if (key == null) {
        skipped(status, "1003", "Value for lookup field '" + lookupField + "' not found");
      } else if (matches.size() > 1) {
        skipped(status, "1007", "Multiple lead match lookup criteria");
      } else if (matches.isEmpty() && action.equals("updateOnly")) {
        skipped(status, "1004", "Lead not found");
      } else if (!matches.isEmpty() && action.equals("createOnly")) {
        skipped(status, "1005", "Lead already exists");
      } else if (matches.isEmpty()) {
        fields.remove("id");
        status.put("id", sim.createLead(fields));
        status.put("status", "created");
      } else {
        long id = matches.get(0);
        fields.forEach((field, value) -> {
          if (!field.equals("id")) {
            sim.updateLead(id, field, value);
          }
        });
        status.put("id", id);
        status.put("status", "updated");
      }
    }
    return sim.ok(result);
  }

  /**
   * {@code POST leads/delete.json}: deletes up to 300 leads named in the body ({@code {"input":[{"id":1}]}}) or in the
   * {@code id} parameter, each with its status: {@code deleted}, or {@code skipped} with 1004 when there is no such lead.
   */
  ObjectNode delete(Map<String, String> params, HttpExchange exchange) throws IOException {
    List<String> ids = new ArrayList<>();
    if (params.containsKey("id")) {
      ids.addAll(List.of(params.get("id").split(",")));
    } else {
      json.readTree(exchange.getRequestBody().readAllBytes()).path("input").forEach(item -> ids.add(item.path("id").asString("")));
    }
    if (ids.isEmpty() || ids.size() > 300) {
      return sim.error("1003", "Invalid data");
    }
    ArrayNode result = json.createArrayNode();
    for (String raw : ids) {
      ObjectNode status = result.addObject();
      long id;
      try {
        id = Long.parseLong(raw.strip());
      } catch (NumberFormatException e) {
        skipped(status, "1004", "Lead not found");
        continue;
      }
      status.put("id", id);
      synchronized (sim) {
        if (sim.lead(id).isEmpty()) {
          skipped(status, "1004", "Lead not found");
        } else {
          sim.deleteLead(id);
          status.put("status", "deleted");
        }
      }
    }
    return sim.ok(result);
  }

  private void skipped(ObjectNode status, String code, String message) {
    status.put("status", "skipped");
    ObjectNode reason = status.putArray("reasons").addObject();
    reason.put("code", code);
    reason.put("message", message);
  }
}
