package io.unisync.testkit.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Marketo REST API on 127.0.0.1: identity, leads, the activity log and its paging tokens, lead changes,
 * deleted leads, custom activity types and external activities, and the bulk lead export state machine.
 * It enforces the rate limit (606, exact message), the concurrency limit (615) and the daily quota (607),
 * expires tokens (602), and injects scripted or seeded-random {@link MarketoFault}s.
 *
 * <p>People come from {@link SyntheticPeople} (no memory per person) plus the edits made through this
 * class, so a million people cost almost nothing. Thread-safe.
 */
public final class MarketoSimulator implements AutoCloseable {

  /**
   * Limits and timings; {@link #defaults()} are Marketo's real values.
   *
   * @param exportModel how bulk exports take time and allowance ({@link ExportModel}); null: a job moves one step
   *     every {@code statusPollsPerStep} status polls, whatever the clock says (for functional tests)
   */
  public record Options(int rateLimitCalls, Duration rateWindow, int maxConcurrent, long dailyQuota, Duration tokenTtl,
      int statusPollsPerStep, Duration faultDelay, double randomFaultRate, long seed, boolean enforceLimits,
      @Nullable ExportModel exportModel) {
    /**
     * Marketo's limits (100 calls per 20 s, 10 at once, 50,000 a day), tokens of an hour, no faults, and bulk jobs
     * that move one step per status poll.
     *
     * @return the options
     */
    public static Options defaults() {
      return new Options(100, Duration.ofSeconds(20), 10, 50_000, Duration.ofHours(1), 1, Duration.ofSeconds(2), 0, 1, true, null);
    }

    /** {@return no limits and instant bulk jobs: for functional tests and the demo} */
    public static Options unlimited() {
      return new Options(100, Duration.ofSeconds(20), 10, Long.MAX_VALUE, Duration.ofHours(1), 0, Duration.ofSeconds(2), 0, 1, false, null);
    }

    /**
     * These options with a rate limit of {@code calls} per {@code window} (Marketo: 100 per 20 s).
     *
     * @param calls calls per window
     * @param window the window
     * @return the options
     */
    public Options withRateLimit(int calls, Duration window) {
      return new Options(calls, window, maxConcurrent, dailyQuota, tokenTtl, statusPollsPerStep, faultDelay, randomFaultRate, seed, true,
          exportModel);
    }

    /**
     * These options with tokens that live {@code ttl}.
     *
     * @param ttl the tokens' life
     * @return the options
     */
    public Options withTokenTtl(Duration ttl) {
      return new Options(rateLimitCalls, rateWindow, maxConcurrent, dailyQuota, ttl, statusPollsPerStep, faultDelay, randomFaultRate, seed,
          enforceLimits, exportModel);
    }

    /**
     * These options with a daily call quota.
     *
     * @param quota calls per day
     * @return the options
     */
    public Options withDailyQuota(long quota) {
      return new Options(rateLimitCalls, rateWindow, maxConcurrent, quota, tokenTtl, statusPollsPerStep, faultDelay, randomFaultRate, seed,
          true, exportModel);
    }

    /**
     * These options with random faults on a share of the calls.
     *
     * @param rate the share of calls that fail, 0 to 1
     * @param randomSeed the faults' seed
     * @return the options
     */
    public Options withRandomFaults(double rate, long randomSeed) {
      return new Options(rateLimitCalls, rateWindow, maxConcurrent, dailyQuota, tokenTtl, statusPollsPerStep, faultDelay, rate, randomSeed,
          enforceLimits, exportModel);
    }

    /**
     * These options with every fault answer delayed.
     *
     * @param delay the delay
     * @return the options
     */
    public Options withFaultDelay(Duration delay) {
      return new Options(rateLimitCalls, rateWindow, maxConcurrent, dailyQuota, tokenTtl, statusPollsPerStep, delay, randomFaultRate, seed,
          enforceLimits, exportModel);
    }

    /**
     * Bulk exports that take time on the simulator's clock and spend a daily allowance ({@link ExportModel#marketo()}).
     *
     * @param model the export model
     * @return the options
     */
    public Options withExportModel(ExportModel model) {
      return new Options(rateLimitCalls, rateWindow, maxConcurrent, dailyQuota, tokenTtl, statusPollsPerStep, faultDelay, randomFaultRate,
          seed, enforceLimits, java.util.Objects.requireNonNull(model, "model"));
    }
  }

  /** One entry of the activity log. */
  record Act(long id, long leadId, Instant date, int typeId, String primary, Map<String, String> attributes,
      @Nullable String field, @Nullable String newValue, @Nullable String oldValue) {}

  /** A custom activity type. */
  record CustomType(int id, String apiName, String name, String primaryAttribute, boolean approved) {}

  /** The client id the simulator accepts. */
  public static final String CLIENT_ID = "sim-client-id";
  /** The client secret the simulator accepts. */
  public static final String CLIENT_SECRET = "sim-client-secret";
  static final int NEW_LEAD = 12;
  static final int CHANGE_DATA_VALUE = 13;
  static final int MERGE_LEADS = 32;
  static final int DELETE_LEAD = 37;
  private static final ZoneId CENTRAL = ZoneId.of("America/Chicago");

  private final ObjectMapper json = JsonMapper.builder().build();
  private final Options options;
  private final Clock clock;
  private final MarketoEnvelope envelope;
  private final MarketoCustomTypes types;
  private final MarketoGate gate;
  private final MarketoLeadFields leadFields;
  private final MarketoLeadWrites leadWrites = new MarketoLeadWrites(this, json);
  private final MarketoActivityLog activities;
  private final SyntheticPeople population;
  /** Its own server; null when it is one of the instances a {@link MarketoInstances} serves. */
  private final SimHttp.@Nullable Server server;
  /** Where it is served. */
  private final URI base;
  /** The host that serves it with other instances, if one does. */
  private final @Nullable MarketoInstances host;

  private final Map<Long, Map<String, String>> edited = new ConcurrentHashMap<>();
  private final Set<Long> deleted = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextLeadId;
  /** The instance's lead fields by REST name: Marketo's standard ones, those defined by tests, those set on a lead. */
  private final MarketoExports exports;
  private final FaultPlan<MarketoFault> faults;
  /** What a route answers when it has written its answer itself (a file): compared by identity. */
  private final ObjectNode answered = json.createObjectNode();
  private final Routes<Call, ObjectNode> routes = routes();

  private MarketoSimulator(SyntheticPeople population, Options options, Clock clock, int port) {
    this(population, options, clock, port, null, "");
  }

  /** One of {@code host}'s instances, served under {@code /<name>} of its port, or (host null) on a server of its own. */
  MarketoSimulator(SyntheticPeople population, Options options, Clock clock, int port, @Nullable MarketoInstances host, String name) {
    this.population = population;
    this.options = options;
    this.exports = new MarketoExports(json, clock, options, population, new MarketoExports.Instance() {
      @Override
      public ObjectNode ok(@Nullable ArrayNode result) {
        return MarketoSimulator.this.ok(result);
      }

      @Override
      public ObjectNode error(String code, String message) {
        return MarketoSimulator.this.error(code, message);
      }

      @Override
      public List<String> unknownFields(List<String> requested) {
        return MarketoSimulator.this.unknownFields(requested);
      }

      @Override
      public Frozen freeze() {
        return MarketoSimulator.this.freeze();
      }
    });
    this.clock = clock;
    this.envelope = new MarketoEnvelope(json, clock);
    this.types = new MarketoCustomTypes(json, envelope);
    this.gate = new MarketoGate(options, clock, json, envelope);
    this.leadFields = new MarketoLeadFields(json, envelope);
    this.activities = new MarketoActivityLog(clock, json, envelope, types);
    // the faults a client must survive by retrying
    this.faults = new FaultPlan<>(options.randomFaultRate(), options.seed(), List.of(MarketoFault.HTTP_500, MarketoFault.CONNECTION_RESET,
        MarketoFault.ERROR_604, MarketoFault.ERROR_608, MarketoFault.ERROR_713, MarketoFault.TRUNCATED_BODY));
    this.nextLeadId = new AtomicLong(population.count() + 1);
    this.host = host;
    if (host == null) {
      this.server = SimHttp.start("marketo-sim", 24, exchange -> handle(exchange, exchange.getRequestURI().normalize().getPath()), port);
      this.base = URI.create("http://127.0.0.1:" + server.port());
    } else {
      this.server = null;
      this.base = URI.create(host.baseUrl() + "/" + name);
    }
  }

  /**
   * Starts a simulator over a synthetic population.
   *
   * @param population the leads
   * @param options the options
   * @param clock the simulator's clock
   * @return the running simulator
   */
  public static MarketoSimulator start(SyntheticPeople population, Options options, Clock clock) {
    return new MarketoSimulator(population, options, clock, 0);
  }

  /**
   * As {@link #start(SyntheticPeople, Options, Clock)}, on a fixed port of 127.0.0.1 ({@code unisync simulate}).
   *
   * @param population the leads
   * @param options the options
   * @param clock the simulator's clock
   * @param port the port
   * @return the running simulator
   */
  public static MarketoSimulator start(SyntheticPeople population, Options options, Clock clock, int port) {
    return new MarketoSimulator(population, options, clock, port);
  }

  /** {@return an empty simulator with no limits and the system clock} */
  public static MarketoSimulator start() {
    return start(SyntheticPeople.of(0, 1), Options.unlimited(), Clock.systemUTC());
  }

  /**
   * The base URL, e.g. {@code http://127.0.0.1:43121} (REST under /rest, identity under /identity, bulk under /bulk).
   *
   * @return the base URL
   */
  public URI baseUrl() {
    return base;
  }

  /** Stops its server; an instance of a {@link MarketoInstances} is removed from it instead (the others go on). */
  @Override
  public void close() {
    if (server != null) {
      server.stop();
    }
    if (host != null) {
      host.remove(this);
    }
  }

  // ---- scripting the data ----------------------------------------------------------------------------

  /**
   * The lead as Marketo holds it now, if it exists.
   *
   * @param id the lead's id
   * @return the lead's fields
   */
  public Optional<Map<String, String>> lead(long id) {
    if (deleted.contains(id)) {
      return Optional.empty();
    }
    Map<String, String> lead = edited.get(id);
    if (lead != null) {
      return Optional.of(Map.copyOf(lead));
    }
    return population.exists(id) ? Optional.of(population.lead(id)) : Optional.empty();
  }

  /** {@return every id that exists now, in order (walks the population: fine for tests up to a few hundred thousand)} */
  public List<Long> existingIds() {
    List<Long> ids = new ArrayList<>();
    long max = nextLeadId.get();
    for (long id = 1; id < max; id++) {
      // existence without generating the lead (callers read the leads they need)
      if (!deleted.contains(id) && (edited.containsKey(id) || population.exists(id))) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * Creates a lead (New Lead activity); returns its id.
   *
   * @param fields the fields by REST name
   * @return the id
   */
  public long createLead(Map<String, String> fields) {
    return createLead(nextLeadId.get(), fields);
  }

  /**
   * Creates a lead with a chosen id above every existing one (New Lead activity); returns the id.
   *
   * @param id the id
   * @param fields the fields by REST name
   * @return the id
   */
  public synchronized long createLead(long id, Map<String, String> fields) {
    if (id < nextLeadId.get()) {
      throw new IllegalArgumentException("lead id " + id + " is taken; ids must grow");
    }
    nextLeadId.set(id + 1);
    Instant now = clock.instant();
    Map<String, String> lead = new LinkedHashMap<>(fields);
    lead.put("id", Long.toString(id));
    lead.put("createdAt", iso(now));
    lead.put("updatedAt", iso(now));
    leadFields.add(lead.keySet());
    edited.put(id, lead);
    activities.append(id, NEW_LEAD, "", Map.of(), null, null, null);
    return id;
  }

  /**
   * Sets (or clears with {@code null}) a field: a Change Data Value activity.
   *
   * @param id the lead's id
   * @param field the REST name
   * @param value the value, or {@code null}
   */
  public synchronized void updateLead(long id, String field, @Nullable String value) {
    Map<String, String> lead = new LinkedHashMap<>(lead(id).orElseThrow(() -> new IllegalArgumentException("no lead " + id)));
    String old = value == null ? lead.remove(field) : lead.put(field, value);
    leadFields.add(Set.of(field));
    lead.put("updatedAt", iso(clock.instant()));
    edited.put(id, lead);
    activities.append(id, CHANGE_DATA_VALUE, field, Map.of("Reason", "Web service API", "Source", "Web service API", "Lead ID", Long.toString(id)),
        field, value, old);
  }

  /**
   * Deletes a lead: a Delete Lead activity (served by deletedleads.json).
   *
   * @param id the lead's id
   */
  public synchronized void deleteLead(long id) {
    Map<String, String> lead = lead(id).orElseThrow(() -> new IllegalArgumentException("no lead " + id));
    deleted.add(id);
    edited.remove(id);
    // Marketo's documented Delete Lead activity names the lead (first and last name) as its primary value
    String name = java.util.stream.Stream.of(lead.get("firstName"), lead.get("lastName")).filter(v -> v != null && !v.isBlank())
        .collect(java.util.stream.Collectors.joining(" "));
    activities.append(id, DELETE_LEAD, name, Map.of(), null, null, null);
  }

  /**
   * Merges {@code loser} into {@code winner}: a Merge Leads activity on the winner, the loser is gone.
   *
   * @param winner the surviving id
   * @param loser the id merged away
   */
  public synchronized void mergeLeads(long winner, long loser) {
    Map<String, String> win = new LinkedHashMap<>(lead(winner).orElseThrow());
    Map<String, String> lose = lead(loser).orElseThrow();
    lose.forEach(win::putIfAbsent);
    win.put("id", Long.toString(winner));
    win.put("updatedAt", iso(clock.instant()));
    edited.put(winner, win);
    deleted.add(loser);
    edited.remove(loser);
    activities.append(winner, MERGE_LEADS, Long.toString(winner), Map.of("Merge IDs", Long.toString(loser)), null, null, null);
  }

  /**
   * Adds a marketing activity (web visit, e-mail open...) for the Smart Grid.
   *
   * @param leadId the lead's id
   * @param typeId the activity type id
   * @param primary the primary attribute's value
   * @param attributes the other attributes
   * @return the activity's id
   */
  public synchronized long addActivity(long leadId, int typeId, String primary, Map<String, String> attributes) {
    return activities.append(leadId, typeId, primary, attributes, null, null, null).id();
  }

  /** {@return custom activities written through external.json, as JSON objects} */
  public List<Map<String, String>> externalActivities() {
    return activities.external();
  }


  /**
   * Registers an approved custom activity type, as an admin would.
   *
   * @param apiName the type's API name
   * @param name the type's name
   * @param primaryAttribute the primary attribute's API name
   */
  public synchronized void defineCustomType(String apiName, String name, String primaryAttribute) {
    types.define(apiName, name, primaryAttribute);
  }

  /**
   * Renames an attribute of a custom type, as an admin may in Marketo's UI: activity reads show an attribute by its
   * display name, so clients must not expect the API name there.
   *
   * @param typeApiName the custom type's API name
   * @param attributeApiName the attribute's API name
   * @param displayName its new display name
   */
  public void renameAttribute(String typeApiName, String attributeApiName, String displayName) {
    types.renameAttribute(typeApiName, attributeApiName, displayName);
  }

  // ---- faults and counters ---------------------------------------------------------------------------

  /**
   * The next request whose path contains {@code pathPart} gets {@code fault}. Faults queue in order.
   *
   * @param pathPart part of the path
   * @param fault the fault
   * @return this simulator
   */
  public MarketoSimulator failNext(String pathPart, MarketoFault fault) {
    faults.failNext(pathPart, fault);
    return this;
  }

  /** {@return calls received (all endpoints but identity)} */
  public long calls() {
    return gate.calls.get();
  }

  /** {@return 606 errors answered because the client went over the rate limit (injected ones not counted)} */
  public long rateLimitErrors() {
    return gate.rateLimitErrors.get();
  }

  /** {@return 615 errors answered because the client went over the concurrency limit} */
  public long concurrencyErrors() {
    return gate.concurrencyErrors.get();
  }

  /** {@return the most calls in flight at once} */
  public long peakConcurrency() {
    return gate.peakConcurrency.get();
  }

  /** {@return identity calls received (tokens issued or reissued)} */
  public long identityCalls() {
    return gate.identityCalls.get();
  }

  /** Makes every issued token expired, as if an hour had passed. */
  public void expireTokens() {
    gate.expireAll();
  }

  // ---- HTTP ------------------------------------------------------------------------------------------

  /** Answers one request for {@code path} (dot segments resolved, as Marketo's front end does). */
  void handle(HttpExchange exchange, String path) throws IOException {
    try (exchange) {
      Map<String, String> params = params(exchange);
      if (path.equals("/identity/oauth/token")) {
        gate.identity(exchange, params);
        return;
      }
      MarketoFault fault = faults.next(path);
      if (fault == MarketoFault.CONNECTION_RESET) {
        exchange.getResponseHeaders().add("Content-Length", "0");
        exchange.close();
        return;
      }
      if (fault == MarketoFault.SLOW) {
        sleep(options.faultDelay());
      }
      if (fault == MarketoFault.HTTP_500) {
        send(exchange, 500, "text/plain", "Internal Server Error".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (fault == MarketoFault.HTTP_502_HTML) {
        send(exchange, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
      if (params.containsKey("access_token")) {
        sendJson(exchange, error("601", "Access token invalid"));
        return;
      }
      Instant expiry = gate.expiry(token);
      if (expiry == null || fault == MarketoFault.ERROR_601) {
        sendJson(exchange, error("601", "Access token invalid"));
        return;
      }
      if (!expiry.isAfter(clock.instant()) || fault == MarketoFault.ERROR_602) {
        sendJson(exchange, error("602", "Access token expired"));
        return;
      }
      int now = gate.enter();
      try {
        ObjectNode limit = gate.limits(now);
        if (limit != null) {
          sendJson(exchange, limit);
          return;
        }
        ObjectNode injected = gate.injectedError(fault);
        if (injected != null) {
          sendJson(exchange, injected);
          return;
        }
        route(exchange, path, params, fault);
      } finally {
        gate.leave();
      }
    } catch (RuntimeException e) {
      send(exchange, 500, "text/plain", ("simulator error: " + e).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** What a route is given: the exchange, the query and form parameters, and the fault this request gets, if any. */
  private record Call(HttpExchange exchange, Map<String, String> params, @Nullable MarketoFault fault) {
    boolean emptyPage() {
      return fault == MarketoFault.EMPTY_PAGE_WITH_MORE;
    }
  }

  /** Marketo's endpoints. */
  private Routes<Call, ObjectNode> routes() {
    String external = "/rest/v1/activities/external/type/";
    return new Routes<Call, ObjectNode>()
        .on("POST", "/rest/v1/leads.json", (c, p) -> leadWrites.upsert(readJson(c.exchange())))
        .on("POST", "/rest/v1/leads/delete.json", (c, p) -> leadWrites.delete(c.params(), c.exchange()))
        .on("/rest/v1/leads.json", (c, p) -> leads(c.params()))
        .on("/rest/v1/leads/describe.json", (c, p) -> leadFields.describe())
        .on("/rest/v1/leads/describe2.json", (c, p) -> leadFields.describe2())
        .on("/rest/v1/stats/usage.json", (c, p) -> gate.usage())
        .between("/rest/v1/lead/", ".json", (c, id) -> {
          c.params().put("filterType", "id");
          c.params().put("filterValues", id);
          return leads(c.params());
        })
        .on("/rest/v1/activities/pagingtoken.json", (c, p) -> activities.pagingToken(c.params()))
        .on("/rest/v1/activities/leadchanges.json", (c, p) -> activities.read(c.params(), Set.of(NEW_LEAD, CHANGE_DATA_VALUE), c.emptyPage()))
        .on("/rest/v1/activities/deletedleads.json", (c, p) -> activities.read(c.params(), Set.of(DELETE_LEAD), c.emptyPage()))
        .on("/rest/v1/activities.json", (c, p) -> activities.read(c.params(), null, c.emptyPage()))
        .on("/rest/v1/activities/types.json", (c, p) -> types.activityTypes())
        .on("/rest/v1/activities/external/types.json", (c, p) -> types.customTypes())
        .on("/rest/v1/activities/external/type.json", (c, p) -> types.createCustomType(readJson(c.exchange())))
        .between(external, "/approve.json", (c, apiName) -> types.approve(apiName))
        .between(external, "/attributes/create.json", (c, apiName) -> types.createAttributes(apiName, readJson(c.exchange())))
        .on("/rest/v1/activities/external.json", (c, p) -> addExternal(readJson(c.exchange())))
        .on("/bulk/v1/leads/export.json", (c, p) -> exports.list(c.params()))
        .on("/bulk/v1/leads/export/create.json", (c, p) -> exports.create(readJson(c.exchange())))
        .under("/bulk/v1/leads/export/", (c, rest) -> {
          String id = rest.substring(0, rest.indexOf('/'));
          String action = rest.substring(rest.indexOf('/') + 1);
          if (action.equals("file.json")) {
            exports.file(c.exchange(), id, c.fault() == MarketoFault.TRUNCATED_BODY, c.fault() == MarketoFault.CORRUPT_FILE);
            return answered;
          }
          return exports.action(id, action);
        });
  }

  private void route(HttpExchange exchange, String path, Map<String, String> params, @Nullable MarketoFault fault) throws IOException {
    // Marketo takes a POST with _method=GET (and a form body) as the GET it stands for
    String method = "GET".equals(params.get("_method")) ? "GET" : exchange.getRequestMethod();
    Routes.Match<Call, ObjectNode> match = routes.find(method, path);
    ObjectNode body = match == null ? error("610", "Requested resource not found") : match.answer(new Call(exchange, params, fault));
    if (body == answered) {
      return;
    }
    byte[] bytes = json.writeValueAsBytes(body);
    if (fault == MarketoFault.TRUNCATED_BODY) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
      return;
    }
    send(exchange, 200, "application/json", bytes);
  }

  // ---- leads -----------------------------------------------------------------------------------------

  /**
   * Purges activities as Marketo's data retention policy does, by the simulator's clock when they are read: Delete Lead
   * after {@code deletions}, Change Data Value after {@code changes}; New Lead and the others stay. A paging token
   * from before still works and simply finds nothing of what was purged.
   *
   * @param deletions how long Delete Lead activities are kept
   * @param changes how long Change Data Value activities are kept
   * @return this simulator
   */
  public MarketoSimulator withRetention(Duration deletions, Duration changes) {
    activities.retention(deletions, changes);
    return this;
  }

  /**
   * Loses {@code share} of the Change Data Value and Delete Lead activities from every feed read (each one lost or not
   * by its id and the seed): the leads change, the feeds never say so. For drift only a reconciliation finds.
   *
   * @param share the share lost, 0 to 1
   * @param seed the seed
   * @return this simulator
   */
  public MarketoSimulator withLossyFeeds(double share, long seed) {
    activities.lossy(share, seed);
    return this;
  }

  /**
   * Adds a (custom) lead field to the instance, so reads may ask for it; fields set on a lead are added on their own.
   *
   * @param restName the field's REST name
   */
  public void defineField(String restName) {
    leadFields.add(Set.of(restName));
  }

  /** The requested names this instance has no field for (Marketo answers 1006 for them on leads.json). */
  List<String> unknownFields(List<String> requested) {
    return leadFields.unknown(requested);
  }


  private static final List<String> SEARCHABLE = MarketoLeadFields.SEARCHABLE;
  private ObjectNode leads(Map<String, String> params) {
    String filterType = params.getOrDefault("filterType", "");
    if (!SEARCHABLE.contains(filterType)) {
      return error("1011", "Field '" + filterType + "' not supported");
    }
    String[] values = params.getOrDefault("filterValues", "").split(",");
    if (values.length > 300) {
      return error("1003", "Invalid data");
    }
    String fieldsParam = params.get("fields");
    List<String> fields = fieldsParam == null ? List.of("id", "email", "updatedAt", "createdAt", "firstName", "lastName")
        : List.of(fieldsParam.split(","));
    List<String> unknown = unknownFields(fields);
    if (!unknown.isEmpty()) {
      return error("1006", "Field '" + unknown.get(0) + "' not found");
    }
    List<Long> ids = new ArrayList<>();
    for (String value : values) {
      if (value.isBlank()) {
        continue;
      }
      if (filterType.equals("id")) {
        try {
          ids.add(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
          return error("1001", "Invalid value '" + value + "'. Required of type 'integer'");
        }
      } else {
        ids.addAll(matching(filterType, value.strip()));
      }
    }
    int batchSize;
    try {
      batchSize = Integer.parseInt(params.getOrDefault("batchSize", "300"));
    } catch (NumberFormatException e) {
      return error("1001", "Invalid value '" + params.get("batchSize") + "'. Required of type 'integer'");
    }
    if (batchSize < 1 || batchSize > 300) {
      return error("1003", "Invalid batchSize '" + batchSize + "'");
    }
    int from = 0;
    String pageToken = params.get("nextPageToken");
    if (pageToken != null) {
      try {
        from = Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8).substring(2));
      } catch (RuntimeException e) {
        return error("1003", "Invalid nextPageToken");
      }
    }
    List<Long> page = filterType.equals("id") ? ids : ids.stream().distinct().sorted().toList();
    int to = filterType.equals("id") ? page.size() : Math.min(page.size(), from + batchSize);
    ArrayNode result = json.createArrayNode();
    for (long id : page.subList(Math.min(from, to), to)) {
      lead(id).ifPresent(lead -> {
        ObjectNode record = result.addObject();
        record.put("id", id);
        for (String field : fields) {
          String v = lead.get(field);
          if (v != null && !field.equals("id")) { // null fields are omitted, as Marketo does
            if (field.equals("unsubscribed")) {
              record.put(field, Boolean.parseBoolean(v));
            } else {
              record.put(field, v);
            }
          }
        }
      });
    }
    ObjectNode body = ok(result);
    if (to < page.size()) {
      body.put("nextPageToken", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + to).getBytes(StandardCharsets.UTF_8)));
    }
    return body;
  }

  /**
   * The ids of the leads whose {@code field} equals {@code value} (e-mail without regard to case). Walks every lead:
   * fine for test populations, slow for a million.
   */
  List<Long> matching(String field, String value) {
    List<Long> ids = new ArrayList<>();
    for (long id : existingIds()) {
      String v = lead(id).map(l -> l.get(field)).orElse(null);
      if (v != null && (field.equals("email") ? v.equalsIgnoreCase(value) : v.equals(value))) {
        ids.add(id);
      }
    }
    return ids;
  }

  // ---- activities ------------------------------------------------------------------------------------

  /** {@code activities/external.json}: custom activities of approved types, ≤ 300, each {@code added} or {@code skipped}. */
  private ObjectNode addExternal(JsonNode body) {
    JsonNode input = body.path("input");
    if (!input.isArray() || input.size() > 300) {
      return error("1003", "Invalid data");
    }
    ArrayNode result = json.createArrayNode();
    for (JsonNode item : input) {
      long leadId = item.path("leadId").asLong(-1);
      int typeId = item.path("activityTypeId").asInt(-1);
      if (!types.isApproved(typeId)) {
        ObjectNode r = result.addObject();
        r.put("status", "skipped");
        r.putArray("errors").addObject().put("code", "1003").put("message", "Invalid activity type id " + typeId);
        continue;
      }
      if (lead(leadId).isEmpty()) {
        ObjectNode r = result.addObject();
        r.put("status", "skipped");
        r.putArray("errors").addObject().put("code", "1004").put("message", "Lead not found");
        continue;
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      for (JsonNode attr : item.path("attributes")) {
        attributes.put(attr.path("apiName").asString(attr.path("name").asString("")), attr.path("value").asString(""));
      }
      Instant date = Instant.parse(item.path("activityDate").asString(clock.instant().toString()));
      Act act = activities.appendAt(leadId, date, typeId, item.path("primaryAttributeValue").asString(""), attributes);
      ObjectNode r = result.addObject();
      r.put("id", act.id());
      r.put("marketoGUID", Long.toString(act.id()));
      r.put("status", "added");
    }
    return ok(result);
  }

  /** Marketo's times are whole seconds: {@code 2024-01-16T23:32:19Z} (leads, jobs). */
  static String iso(Instant at) {
    return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /** A bulk export job as the simulator knows it, for tests. */
  public record ExportJob(String id, String status, Instant startAt, Instant endAt, @Nullable Instant startedAt,
      @Nullable Instant finishedAt, @Nullable Instant queuedAt, List<String> fields, long numberOfRecords) {}


  /** The changed and deleted leads at one moment: what a completed export's file is made of. */
  record Frozen(Map<Long, Map<String, String>> edited, Set<Long> deleted) {}

  private synchronized Frozen freeze() {
    Map<Long, Map<String, String>> copy = new HashMap<>();
    edited.forEach((id, lead) -> copy.put(id, new HashMap<>(lead)));
    return new Frozen(copy, Set.copyOf(deleted));
  }

  /** {@return every bulk export job clients have created, oldest first} */
  public List<ExportJob> exportJobs() {
    return exports.jobs();
  }

  /**
   * Queues {@code count} exports of another integration of the instance (another API user): each of the day before the
   * first person, they wait, process and count against the queue's places and the daily allowance like any job, but
   * the job list ({@code GET /bulk/v1/leads/export.json}) never shows them to our clients, as Marketo lists only the
   * calling API user's jobs. Returns how many were queued (fewer when the queue was full).
   *
   * @param count how many
   * @return the number queued
   */
  public int queueOtherIntegrationExports(int count) {
    return exports.queueOtherIntegrationExports(count);
  }

  /**
   * Ends a bulk export that has not completed as {@code Failed} with {@code reason} (Marketo's {@code errorMsg}), as
   * Marketo sometimes does; returns whether there was such an export.
   *
   * @param exportId the export's id
   * @param reason the failure's message
   * @return whether there was such an export
   */
  public boolean failExport(String exportId, String reason) {
    return exports.end(exportId, "Failed", reason);
  }

  /**
   * Cancels a bulk export that has not completed, as another user of the API user's jobs could; returns whether there
   * was one.
   *
   * @param exportId the export's id
   * @return whether there was one
   */
  public boolean cancelExport(String exportId) {
    return exports.end(exportId, "Cancelled", null);
  }

  /** {@return how many bulk export jobs clients have created} */
  public int exportJobsCreated() {
    return exports.created();
  }

  /** {@return bytes of every export file completed so far (clients' and other integrations'), whatever the day} */
  public long exportedBytes() {
    return exports.bytesEver();
  }

  /** {@return bytes of export files completed today (America/Chicago), under an export model} */
  public long exportedBytesToday() {
    return exports.bytesToday();
  }

  // ---- plumbing --------------------------------------------------------------------------------------

  ObjectNode ok(@Nullable ArrayNode result) {
    return envelope.ok(result);
  }

  ObjectNode error(String code, String message) {
    return envelope.error(code, message);
  }

  private JsonNode readJson(HttpExchange exchange) throws IOException {
    return json.readTree(exchange.getRequestBody().readAllBytes());
  }

  private void sendJson(HttpExchange exchange, ObjectNode body) throws IOException {
    send(exchange, 200, "application/json", json.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
    SimHttp.send(exchange, status, type, bytes);
  }

  /**
   * Parameters Marketo's OpenAPI declares as arrays: a client may repeat them ({@code fields=email&fields=firstName})
   * or give one comma-separated value; both mean the same list.
   */
  static final Set<String> REPEATABLE = Set.of("fields", "filterValues", "activityTypeIds", "leadIds", "listId", "id");

  private static Map<String, String> params(HttpExchange exchange) throws IOException {
    Map<String, String> params = new HashMap<>();
    SimHttp.parse(exchange.getRequestURI().getRawQuery(), params, REPEATABLE);
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
      SimHttp.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params, REPEATABLE);
    }
    return params;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
