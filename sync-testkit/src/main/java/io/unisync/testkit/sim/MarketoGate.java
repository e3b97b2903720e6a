package io.unisync.testkit.sim;

import static io.unisync.testkit.sim.MarketoSimulator.CLIENT_ID;
import static io.unisync.testkit.sim.MarketoSimulator.CLIENT_SECRET;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What stands before the Marketo simulator's endpoints: the identity endpoint and its tokens, the daily quota (reset at
 * midnight in Chicago), the rate and concurrency limits, and the counters tests read.
 */
final class MarketoGate {

  private static final ZoneId CENTRAL = ZoneId.of("America/Chicago");

  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final Deque<Long> window = new ArrayDeque<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  final AtomicLong calls = new AtomicLong();
  final AtomicLong identityCalls = new AtomicLong();
  final AtomicLong rateLimitErrors = new AtomicLong();
  final AtomicLong concurrencyErrors = new AtomicLong();
  final AtomicLong peakConcurrency = new AtomicLong();
  private long dailyCount; // guarded by this
  private LocalDate quotaDay; // guarded by this
  private LocalDate usageDay; // guarded by this
  private long usageToday; // guarded by this
  private final MarketoSimulator.Options options;
  private final Clock clock;
  private final ObjectMapper json;
  private final MarketoEnvelope envelope;

  MarketoGate(MarketoSimulator.Options options, Clock clock, ObjectMapper json, MarketoEnvelope envelope) {
    this.options = options;
    this.clock = clock;
    this.json = json;
    this.envelope = envelope;
    this.quotaDay = LocalDate.now(clock.withZone(CENTRAL));
    this.usageDay = quotaDay;
  }

  /** Until when {@code token} is valid; null when it was never issued here. */
  @Nullable Instant expiry(@Nullable String token) {
    return token == null ? null : tokens.get(token);
  }

  /** Makes every issued token expired. */
  void expireAll() {
    tokens.replaceAll((t, e) -> Instant.EPOCH);
  }

  /** A call comes in: counted, and its place among the calls in flight taken (give it back with {@link #leave()}). */
  int enter() {
    calls.incrementAndGet();
    countUsage();
    int now = inFlight.incrementAndGet();
    peakConcurrency.accumulateAndGet(now, Math::max);
    return now;
  }

  /** A call has been answered. */
  void leave() {
    inFlight.decrementAndGet();
  }

  /** {@code /identity/oauth/token}: the live token (or a new one) for the simulator's client credentials. */
  void identity(HttpExchange exchange, Map<String, String> params) throws IOException {
    identityCalls.incrementAndGet();
    if (!CLIENT_ID.equals(params.get("client_id")) || !CLIENT_SECRET.equals(params.get("client_secret"))
        || !"client_credentials".equals(params.get("grant_type"))) {
      SimHttp.send(exchange, 401, "application/json",
          "{\"error\":\"invalid_client\",\"error_description\":\"Bad client credentials\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    Instant now = clock.instant();
    Map.Entry<String, Instant> live = tokens.entrySet().stream().filter(e -> e.getValue().isAfter(now)).findFirst().orElse(null);
    String token;
    Instant expiry;
    if (live != null) {
      token = live.getKey();
      expiry = live.getValue();
    } else {
      token = UUID.randomUUID() + ":sim";
      expiry = now.plus(options.tokenTtl());
      tokens.put(token, expiry);
    }
    ObjectNode body = json.createObjectNode();
    body.put("access_token", token);
    body.put("token_type", "bearer");
    body.put("expires_in", Math.max(0, Duration.between(now, expiry).toSeconds()));
    body.put("scope", "api@sim.example.com");
    SimHttp.send(exchange, 200, "application/json", json.writeValueAsBytes(body));
  }

  /** Counts a call of the current day (America/Chicago), as {@code stats/usage.json} reports them, limits enforced or not. */
  synchronized void countUsage() {
    LocalDate today = LocalDate.now(clock.withZone(CENTRAL));
    if (!today.equals(usageDay)) {
      usageDay = today;
      usageToday = 0;
    }
    usageToday++;
  }

  /** {@code stats/usage.json}: the calls of the day. */
  synchronized ObjectNode usage() {
    ObjectNode day = json.createObjectNode();
    day.put("date", usageDay.toString());
    day.put("total", usageToday);
    ObjectNode user = day.putArray("users").addObject();
    user.put("userId", "api@sim.example.com");
    user.put("count", usageToday);
    ArrayNode result = json.createArrayNode();
    result.add(day);
    return envelope.ok(result);
  }

  /** The error that refuses a call over the daily quota (607), the concurrency limit (615) or the rate (606); null admits it. */
  synchronized @Nullable ObjectNode limits(int concurrentNow) {
    if (!options.enforceLimits()) {
      return null;
    }
    LocalDate today = LocalDate.now(clock.withZone(CENTRAL));
    if (!today.equals(quotaDay)) {
      quotaDay = today;
      dailyCount = 0;
    }
    if (++dailyCount > options.dailyQuota()) {
      return envelope.error("607", "Daily quota reached");
    }
    if (concurrentNow > options.maxConcurrent()) {
      concurrencyErrors.incrementAndGet();
      return envelope.error("615", "Concurrent access limit '" + options.maxConcurrent() + "' reached");
    }
    long nowNanos = System.nanoTime();
    long windowNanos = options.rateWindow().toNanos();
    while (!window.isEmpty() && nowNanos - window.peekFirst() >= windowNanos) {
      window.pollFirst();
    }
    if (window.size() >= options.rateLimitCalls()) {
      rateLimitErrors.incrementAndGet();
      return envelope.error("606", "Max rate limit '" + options.rateLimitCalls() + "' exceeded with in '" + options.rateWindow().toSeconds() + "' secs");
    }
    window.addLast(nowNanos);
    return null;
  }

  /** The error answer a scripted or random fault stands for; null for a fault that is not an error answer. */
  @Nullable ObjectNode injectedError(@Nullable MarketoFault fault) {
    if (fault == null) {
      return null;
    }
    switch (fault) {
      case ERROR_603: return envelope.error("603", "Access denied");
      case ERROR_604: return envelope.error("604", "Request time-out");
      case ERROR_606: return envelope.error("606", "Max rate limit '100' exceeded with in '20' secs");
      case ERROR_607: return envelope.error("607", "Daily quota reached");
      case ERROR_608: return envelope.error("608", "API Temporarily Unavailable");
      case ERROR_611: return envelope.error("611", "System error");
      case ERROR_615: return envelope.error("615", "Concurrent access limit '10' reached");
      case ERROR_713: return envelope.error("713", "Transient Error");
      case ERROR_1029: return envelope.error("1029", "Too many jobs in queue");
      default: return null;
    }
  }
}
