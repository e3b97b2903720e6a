package io.unisync.testkit.sim;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Marketo's answer envelope: {@code requestId}, {@code success}, then {@code result} or {@code errors}. */
final class MarketoEnvelope {

  /** Numbers the answers' requestId, as Marketo's front end does. */
  private final AtomicLong requestIds = new AtomicLong(0x1a2b);
  private final ObjectMapper json;
  private final Clock clock;

  MarketoEnvelope(ObjectMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  /** A successful answer with its {@code requestId}. */
  ObjectNode ok(@Nullable ArrayNode result) {
    ObjectNode body = json.createObjectNode();
    body.put("requestId", Long.toHexString(requestIds.incrementAndGet() & 0xffff) + "#" + Long.toHexString(clock.millis()));
    body.put("success", true);
    if (result != null) {
      body.set("result", result);
    }
    return body;
  }

  /** A failed answer: {@code success} false and one error. */
  ObjectNode error(String code, String message) {
    ObjectNode body = json.createObjectNode();
    body.put("requestId", "e" + Long.toHexString(requestIds.incrementAndGet() & 0xffff) + "#sim");
    body.put("success", false);
    body.putArray("errors").addObject().put("code", code).put("message", message);
    return body;
  }
}
