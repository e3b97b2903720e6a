package io.unisync.testkit.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

  /**
   * How bulk lead exports behave in time, all on the simulator's clock (so a test can run a day in seconds with a
   * {@code ManualClock}): a queued job waits {@code queueWait}, then processes for its rows / {@code rowsPerSecond}
   * while at most {@code maxProcessing} jobs process at once (first queued, first started); at most {@code maxQueued}
   * jobs are queued or processing (1029 "Too many jobs in queue"); completed files count their size against
   * {@code dailyBytes} a day (midnight America/Chicago), and once it is spent create and enqueue answer 1029 "Export
   * daily quota ...MB exceeded"; a completed file can be downloaded for {@code fileRetention}, then 404.
   */
  public record ExportModel(Duration queueWait, double rowsPerSecond, int maxProcessing, int maxQueued, long dailyBytes,
      Duration fileRetention) {

    /**
     * Checks the model: a queue wait of at least 0, a positive rate, places and allowance of at least 1.
     *
     * @param queueWait how long a job waits in the queue before processing
     * @param rowsPerSecond rows a second a job processes
     * @param maxProcessing exports processed at once (Marketo: 2)
     * @param maxQueued exports queued, processing included (Marketo: 10)
     * @param dailyBytes the daily export allowance in bytes (Marketo: 500 MB)
     * @param fileRetention how long a completed export's file can be downloaded (Marketo: 7 days)
     */
    public ExportModel {
      if (queueWait.isNegative() || !(rowsPerSecond > 0) || maxProcessing < 1 || maxQueued < maxProcessing || dailyBytes < 1
          || fileRetention.isNegative()) {
        throw new IllegalArgumentException("an export model needs a queue wait >= 0, a positive rate, 1 <= maxProcessing <= maxQueued,"
            + " a positive allowance and a retention >= 0");
      }
    }

    /**
     * Marketo's documented limits (2 processing, 10 queued including processing, 500 MB a day, files kept 7 days) with
     * a queue wait of 30 s and 5,000 rows a second of processing: UNCONFIRMED guesses, since Marketo publishes neither
     * (they depend on the instance's load); tests and benchmarks name the values they assume.
     *
     * @return the model
     */
    public static ExportModel marketo() {
      return new ExportModel(Duration.ofSeconds(30), 5_000, 2, 10, 500L * 1024 * 1024, Duration.ofDays(7));
    }

    /**
     * This model with another queue wait.
     *
     * @param wait the queue wait
     * @return the model
     */
    public ExportModel withQueueWait(Duration wait) {
      return new ExportModel(wait, rowsPerSecond, maxProcessing, maxQueued, dailyBytes, fileRetention);
    }

    /**
     * This model with another processing rate.
     *
     * @param rate rows per second
     * @return the model
     */
    public ExportModel withRowsPerSecond(double rate) {
      return new ExportModel(queueWait, rate, maxProcessing, maxQueued, dailyBytes, fileRetention);
    }

    /**
     * This model with another daily allowance.
     *
     * @param bytes bytes per day
     * @return the model
     */
    public ExportModel withDailyBytes(long bytes) {
      return new ExportModel(queueWait, rowsPerSecond, maxProcessing, maxQueued, bytes, fileRetention);
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
  private static final Map<Integer, String> STANDARD_TYPES = Map.ofEntries(
      Map.entry(1, "Visit Webpage"), Map.entry(2, "Fill Out Form"), Map.entry(3, "Click Link"), Map.entry(6, "Send Email"),
      Map.entry(7, "Email Delivered"), Map.entry(8, "Email Bounced"), Map.entry(9, "Unsubscribe Email"), Map.entry(10, "Open Email"),
      Map.entry(11, "Click Email"), Map.entry(12, "New Lead"), Map.entry(13, "Change Data Value"), Map.entry(32, "Merge Leads"),
      Map.entry(37, "Delete Lead"), Map.entry(46, "Interesting Moment"));

  private final ObjectMapper json = JsonMapper.builder().build();
  private final Options options;
  private final Clock clock;
  private final SyntheticPeople population;
  private final SimHttp.Server server;

  private final Map<Long, Map<String, String>> edited = new ConcurrentHashMap<>();
  private final Set<Long> deleted = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextLeadId;
  private final List<Act> log = new ArrayList<>();
  private final AtomicLong nextActivityId = new AtomicLong(1_000);
  private final Map<String, CustomType> customTypes = new LinkedHashMap<>();
  /** Each custom type's attributes: API name to display name (guarded by this). */
  private final Map<String, Map<String, String>> customAttributes = new LinkedHashMap<>();
  private final AtomicInteger nextTypeId = new AtomicInteger(100_001);
  /** The instance's lead fields by REST name: Marketo's standard ones, those defined by tests, those set on a lead. */
  private final Set<String> fieldNames = ConcurrentHashMap.newKeySet();
  private final MarketoExports exports;
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final Deque<Long> window = new ArrayDeque<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final FaultPlan<MarketoFault> faults;
  /** The retention policy (guarded by this): null keeps every activity. */
  private @Nullable Duration deletionRetention;
  private @Nullable Duration changeRetention;
  private double lossShare; // guarded by this
  private long lossSeed; // guarded by this
  /** What a route answers when it has written its answer itself (a file): compared by identity. */
  private final ObjectNode answered = json.createObjectNode();
  private final Routes<Call, ObjectNode> routes = routes();
  /** Numbers the answers' requestId, as Marketo's front end does. */
  private final AtomicLong requestIds = new AtomicLong(0x1a2b);
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong identityCalls = new AtomicLong();
  private final AtomicLong rateLimitErrors = new AtomicLong();
  private final AtomicLong concurrencyErrors = new AtomicLong();
  private final AtomicLong peakConcurrency = new AtomicLong();
  private long dailyCount;
  private LocalDate quotaDay;
  private LocalDate usageDay; // guarded by this
  private long usageToday; // guarded by this

  private MarketoSimulator(SyntheticPeople population, Options options, Clock clock, int port) {
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
    // the faults a client must survive by retrying
    this.faults = new FaultPlan<>(options.randomFaultRate(), options.seed(), List.of(MarketoFault.HTTP_500, MarketoFault.CONNECTION_RESET,
        MarketoFault.ERROR_604, MarketoFault.ERROR_608, MarketoFault.ERROR_713, MarketoFault.TRUNCATED_BODY));
    this.nextLeadId = new AtomicLong(population.count() + 1);
    this.quotaDay = LocalDate.now(clock.withZone(CENTRAL));
    this.usageDay = quotaDay;
    this.server = SimHttp.start("marketo-sim", 24, this::handle, port);
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
    return URI.create("http://127.0.0.1:" + server.port());
  }

  @Override
  public void close() {
    server.stop();
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
    return id >= 1 && id <= population.count() ? Optional.of(population.lead(id)) : Optional.empty();
  }

  /** {@return every id that exists now, in order (walks the population: fine for tests up to a few hundred thousand)} */
  public List<Long> existingIds() {
    List<Long> ids = new ArrayList<>();
    long max = nextLeadId.get();
    for (long id = 1; id < max; id++) {
      // existence without generating the lead (callers read the leads they need)
      if (!deleted.contains(id) && (edited.containsKey(id) || id <= population.count())) {
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
    fieldNames.addAll(lead.keySet());
    edited.put(id, lead);
    append(id, NEW_LEAD, "", Map.of(), null, null, null);
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
    fieldNames.add(field);
    lead.put("updatedAt", iso(clock.instant()));
    edited.put(id, lead);
    append(id, CHANGE_DATA_VALUE, field, Map.of("Reason", "Web service API", "Source", "Web service API", "Lead ID", Long.toString(id)),
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
    append(id, DELETE_LEAD, name, Map.of(), null, null, null);
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
    append(winner, MERGE_LEADS, Long.toString(winner), Map.of("Merge IDs", Long.toString(loser)), null, null, null);
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
    return append(leadId, typeId, primary, attributes, null, null, null).id();
  }

  /** {@return custom activities written through external.json, as JSON objects} */
  public synchronized List<Map<String, String>> externalActivities() {
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

  /**
   * Registers an approved custom activity type, as an admin would.
   *
   * @param apiName the type's API name
   * @param name the type's name
   * @param primaryAttribute the primary attribute's API name
   */
  public synchronized void defineCustomType(String apiName, String name, String primaryAttribute) {
    customTypes.put(apiName, new CustomType(nextTypeId.getAndIncrement(), apiName, name, primaryAttribute, true));
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
    return calls.get();
  }

  /** {@return 606 errors answered because the client went over the rate limit (injected ones not counted)} */
  public long rateLimitErrors() {
    return rateLimitErrors.get();
  }

  /** {@return 615 errors answered because the client went over the concurrency limit} */
  public long concurrencyErrors() {
    return concurrencyErrors.get();
  }

  /** {@return the most calls in flight at once} */
  public long peakConcurrency() {
    return peakConcurrency.get();
  }

  /** {@return identity calls received (tokens issued or reissued)} */
  public long identityCalls() {
    return identityCalls.get();
  }

  /** Makes every issued token expired, as if an hour had passed. */
  public void expireTokens() {
    tokens.replaceAll((t, e) -> Instant.EPOCH);
  }

  // ---- HTTP ------------------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      // Marketo's front end resolves dot segments: some published clients call /rest/../bulk/v1/...
      String path = exchange.getRequestURI().normalize().getPath();
      Map<String, String> params = params(exchange);
      if (path.equals("/identity/oauth/token")) {
        identity(exchange, params);
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
      Instant expiry = token == null ? null : tokens.get(token);
      if (expiry == null || fault == MarketoFault.ERROR_601) {
        sendJson(exchange, error("601", "Access token invalid"));
        return;
      }
      if (!expiry.isAfter(clock.instant()) || fault == MarketoFault.ERROR_602) {
        sendJson(exchange, error("602", "Access token expired"));
        return;
      }
      calls.incrementAndGet();
      countUsage();
      int now = inFlight.incrementAndGet();
      peakConcurrency.accumulateAndGet(now, Math::max);
      try {
        ObjectNode limit = limits(now);
        if (limit != null) {
          sendJson(exchange, limit);
          return;
        }
        ObjectNode injected = injectedError(fault);
        if (injected != null) {
          sendJson(exchange, injected);
          return;
        }
        route(exchange, path, params, fault);
      } finally {
        inFlight.decrementAndGet();
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
        .on("POST", "/rest/v1/leads.json", (c, p) -> upsertLeads(readJson(c.exchange())))
        .on("POST", "/rest/v1/leads/delete.json", (c, p) -> deleteLeads(c))
        .on("/rest/v1/leads.json", (c, p) -> leads(c.params()))
        .on("/rest/v1/leads/describe.json", (c, p) -> describe())
        .on("/rest/v1/leads/describe2.json", (c, p) -> describe2())
        .on("/rest/v1/stats/usage.json", (c, p) -> usage())
        .between("/rest/v1/lead/", ".json", (c, id) -> {
          c.params().put("filterType", "id");
          c.params().put("filterValues", id);
          return leads(c.params());
        })
        .on("/rest/v1/activities/pagingtoken.json", (c, p) -> pagingToken(c.params()))
        .on("/rest/v1/activities/leadchanges.json", (c, p) -> activities(c.params(), Set.of(NEW_LEAD, CHANGE_DATA_VALUE), c.emptyPage()))
        .on("/rest/v1/activities/deletedleads.json", (c, p) -> activities(c.params(), Set.of(DELETE_LEAD), c.emptyPage()))
        .on("/rest/v1/activities.json", (c, p) -> activities(c.params(), null, c.emptyPage()))
        .on("/rest/v1/activities/types.json", (c, p) -> activityTypes())
        .on("/rest/v1/activities/external/types.json", (c, p) -> customTypes())
        .on("/rest/v1/activities/external/type.json", (c, p) -> createCustomType(readJson(c.exchange())))
        .between(external, "/approve.json", (c, apiName) -> approve(apiName))
        .between(external, "/attributes/create.json", (c, apiName) -> createAttributes(apiName, readJson(c.exchange())))
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

  private void identity(HttpExchange exchange, Map<String, String> params) throws IOException {
    identityCalls.incrementAndGet();
    if (!CLIENT_ID.equals(params.get("client_id")) || !CLIENT_SECRET.equals(params.get("client_secret"))
        || !"client_credentials".equals(params.get("grant_type"))) {
      send(exchange, 401, "application/json",
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
    sendJson(exchange, body);
  }

  /** Calls of the current day (America/Chicago), as {@code stats/usage.json} reports them, limits enforced or not. */
  private synchronized void countUsage() {
    LocalDate today = LocalDate.now(clock.withZone(CENTRAL));
    if (!today.equals(usageDay)) {
      usageDay = today;
      usageToday = 0;
    }
    usageToday++;
  }

  private synchronized ObjectNode usage() {
    ObjectNode day = json.createObjectNode();
    day.put("date", usageDay.toString());
    day.put("total", usageToday);
    ObjectNode user = day.putArray("users").addObject();
    user.put("userId", "api@sim.example.com");
    user.put("count", usageToday);
    ArrayNode result = json.createArrayNode();
    result.add(day);
    return ok(result);
  }

  private synchronized @Nullable ObjectNode limits(int concurrentNow) {
    if (!options.enforceLimits()) {
      return null;
    }
    LocalDate today = LocalDate.now(clock.withZone(CENTRAL));
    if (!today.equals(quotaDay)) {
      quotaDay = today;
      dailyCount = 0;
    }
    if (++dailyCount > options.dailyQuota()) {
      return error("607", "Daily quota reached");
    }
    if (concurrentNow > options.maxConcurrent()) {
      concurrencyErrors.incrementAndGet();
      return error("615", "Concurrent access limit '" + options.maxConcurrent() + "' reached");
    }
    long nowNanos = System.nanoTime();
    long windowNanos = options.rateWindow().toNanos();
    while (!window.isEmpty() && nowNanos - window.peekFirst() >= windowNanos) {
      window.pollFirst();
    }
    if (window.size() >= options.rateLimitCalls()) {
      rateLimitErrors.incrementAndGet();
      return error("606", "Max rate limit '" + options.rateLimitCalls() + "' exceeded with in '" + options.rateWindow().toSeconds() + "' secs");
    }
    window.addLast(nowNanos);
    return null;
  }

  private @Nullable ObjectNode injectedError(@Nullable MarketoFault fault) {
    if (fault == null) {
      return null;
    }
    switch (fault) {
      case ERROR_603: return error("603", "Access denied");
      case ERROR_604: return error("604", "Request time-out");
      case ERROR_606: return error("606", "Max rate limit '100' exceeded with in '20' secs");
      case ERROR_607: return error("607", "Daily quota reached");
      case ERROR_608: return error("608", "API Temporarily Unavailable");
      case ERROR_611: return error("611", "System error");
      case ERROR_615: return error("615", "Concurrent access limit '10' reached");
      case ERROR_713: return error("713", "Transient Error");
      case ERROR_1029: return error("1029", "Too many jobs in queue");
      default: return null;
    }
  }

  // ---- leads -----------------------------------------------------------------------------------------

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

  /**
   * Purges activities as Marketo's data retention policy does, by the simulator's clock when they are read: Delete Lead
   * after {@code deletions}, Change Data Value after {@code changes}; New Lead and the others stay. A paging token
   * from before still works and simply finds nothing of what was purged.
   *
   * @param deletions how long Delete Lead activities are kept
   * @param changes how long Change Data Value activities are kept
   * @return this simulator
   */
  public synchronized MarketoSimulator withRetention(Duration deletions, Duration changes) {
    this.deletionRetention = deletions;
    this.changeRetention = changes;
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
  public synchronized MarketoSimulator withLossyFeeds(double share, long seed) {
    this.lossShare = share;
    this.lossSeed = seed;
    return this;
  }

  private boolean forgotten(Act act) {
    boolean losable = act.typeId() == CHANGE_DATA_VALUE || act.typeId() == DELETE_LEAD;
    if (losable && lossShare > 0 && new java.util.SplittableRandom(lossSeed * 1_000_003L + act.id()).nextDouble() < lossShare) {
      return true;
    }
    Duration kept = act.typeId() == DELETE_LEAD ? deletionRetention : act.typeId() == CHANGE_DATA_VALUE ? changeRetention : null;
    return kept != null && act.date().plus(kept).isBefore(clock.instant());
  }

  /**
   * Adds a (custom) lead field to the instance, so reads may ask for it; fields set on a lead are added on their own.
   *
   * @param restName the field's REST name
   */
  public void defineField(String restName) {
    fieldNames.add(restName);
  }

  /** The requested names this instance has no field for (Marketo answers 1006 for them on leads.json). */
  private List<String> unknownFields(List<String> requested) {
    return requested.stream().filter(f -> !STANDARD_FIELDS.contains(f) && !fieldNames.contains(f)).toList();
  }

  /** Fields {@code leads.json} may filter on (describe2's searchable fields). */
  private static final List<String> SEARCHABLE = List.of("id", "email", "sfdcLeadId", "sfdcContactId", "sfdcLeadOwnerId",
      "sfdcAccountId", "leadPartitionId", "linkedInId", "externalSalesPersonId", "externalPersonId", "externalCompanyId");

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
  private List<Long> matching(String field, String value) {
    List<Long> ids = new ArrayList<>();
    for (long id : existingIds()) {
      String v = lead(id).map(l -> l.get(field)).orElse(null);
      if (v != null && (field.equals("email") ? v.equalsIgnoreCase(value) : v.equals(value))) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * {@code POST /rest/v1/leads.json}: {@code action} createOrUpdate (default), createOnly or updateOnly, matched on
   * {@code lookupField} (default email); per record {@code created}, {@code updated} or {@code skipped} with reasons
   * (1004 not found, 1005 already exists, 1006 unknown field, 1007 several matches).
   */
  private ObjectNode upsertLeads(JsonNode body) {
    String action = body.path("action").asString("createOrUpdate");
    String lookupField = body.path("lookupField").asString("email");
    if (!List.of("createOrUpdate", "createOnly", "updateOnly").contains(action)) {
      return error("1003", "Invalid action '" + action + "'");
    }
    if (!SEARCHABLE.contains(lookupField) || (lookupField.equals("id") && !action.equals("updateOnly"))) {
      return error("1003", "Invalid lookupField '" + lookupField + "' for action '" + action + "'");
    }
    JsonNode input = body.path("input");
    if (!input.isArray() || input.isEmpty() || input.size() > 300) {
      return error("1003", "Invalid data");
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
      List<String> unknown = unknownFields(List.copyOf(fields.keySet()));
      String key = fields.get(lookupField);
      List<Long> matches = key == null ? List.of() : lookupField.equals("id") ? lead(Long.parseLong(key)).map(l -> List.of(Long.parseLong(key)))
          .orElse(List.of()) : matching(lookupField, key);
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
        status.put("id", createLead(fields));
        status.put("status", "created");
      } else {
        long id = matches.get(0);
        fields.forEach((field, value) -> {
          if (!field.equals("id")) {
            updateLead(id, field, value);
          }
        });
        status.put("id", id);
        status.put("status", "updated");
      }
    }
    return ok(result);
  }

  /**
   * {@code POST leads/delete.json}: deletes up to 300 leads named in the body ({@code {"input":[{"id":1}]}}) or in the
   * {@code id} parameter, each with its status: {@code deleted}, or {@code skipped} with 1004 when there is no such lead.
   */
  private ObjectNode deleteLeads(Call c) throws IOException {
    List<String> ids = new ArrayList<>();
    if (c.params().containsKey("id")) {
      ids.addAll(List.of(c.params().get("id").split(",")));
    } else {
      readJson(c.exchange()).path("input").forEach(item -> ids.add(item.path("id").asString("")));
    }
    if (ids.isEmpty() || ids.size() > 300) {
      return error("1003", "Invalid data");
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
      synchronized (this) {
        if (lead(id).isEmpty()) {
          skipped(status, "1004", "Lead not found");
        } else {
          deleteLead(id);
          status.put("status", "deleted");
        }
      }
    }
    return ok(result);
  }

  private void skipped(ObjectNode status, String code, String message) {
    status.put("status", "skipped");
    ObjectNode reason = status.putArray("reasons").addObject();
    reason.put("code", code);
    reason.put("message", message);
  }

  /** {@code leads/describe.json}: every field with its REST and SOAP names. */
  private ObjectNode describe() {
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
    return ok(result);
  }

  /** {@code leads/describe2.json}: the lead object, its searchable fields and its fields. */
  private ObjectNode describe2() {
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
    return ok(result);
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

  // ---- activities ------------------------------------------------------------------------------------

  private synchronized Act append(long leadId, int typeId, String primary, Map<String, String> attributes,
      @Nullable String field, @Nullable String newValue, @Nullable String oldValue) {
    Act act = new Act(nextActivityId.getAndIncrement(), leadId, clock.instant(), typeId, primary, Map.copyOf(attributes), field, newValue, oldValue);
    log.add(act);
    return act;
  }

  private ObjectNode pagingToken(Map<String, String> params) {
    String since = params.get("sinceDatetime");
    if (since == null) {
      return error("1002", "Missing value for the required parameter 'sinceDatetime'");
    }
    Instant at;
    try {
      at = java.time.OffsetDateTime.parse(since).toInstant();
    } catch (RuntimeException e) {
      return error("704", "Invalid date format");
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
    ObjectNode body = ok(null);
    body.put("nextPageToken", encodeToken(after));
    return body;
  }

  private ObjectNode activities(Map<String, String> params, @Nullable Set<Integer> fixedTypes, boolean emptyPage) {
    String token = params.get("nextPageToken");
    Long after = token == null ? null : decodeToken(token);
    if (after == null) {
      return error("1003", "Invalid nextPageToken");
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
        return error("1003", "activityTypeIds must name 1 to 10 types");
      }
    }
    Set<Long> leadIds = new HashSet<>();
    for (String l : params.getOrDefault("leadIds", "").split(",")) {
      if (!l.isBlank()) {
        leadIds.add(Long.parseLong(l.strip()));
      }
    }
    if (leadIds.size() > 30) {
      return error("1003", "leadIds must name at most 30 leads");
    }
    Set<String> fields = params.containsKey("fields") ? Set.of(params.get("fields").split(",")) : null;
    ArrayNode result = json.createArrayNode();
    long last = after;
    boolean more = false;
    synchronized (this) {
      if (emptyPage) {
        // As Marketo does while it scans activity blocks: nothing yet, a new token, more to come.
        ObjectNode body = ok(result);
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
        if (fields != null && act.typeId() == CHANGE_DATA_VALUE && !fields.contains(act.field())) {
          continue;
        }
        if (forgotten(act)) {
          continue; // purged by the retention policy, or lost: a feed that never says so
        }
        result.add(activityJson(act));
      }
    }
    ObjectNode body = ok(result);
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
    if (act.typeId() != CHANGE_DATA_VALUE && act.typeId() != DELETE_LEAD) {
      a.putNull("campaignId"); // the smart campaign that logged it: none here, as for most activities not made by a campaign
    }
    if (act.typeId() != CHANGE_DATA_VALUE) {
      // the primary attribute's id: the lead for lead activities (Delete Lead, New Lead), the activity's asset otherwise
      a.put("primaryAttributeValueId", act.typeId() == DELETE_LEAD || act.typeId() == NEW_LEAD ? act.leadId() : act.id());
    }
    a.put("primaryAttributeValue", act.primary());
    if (act.typeId() == CHANGE_DATA_VALUE) {
      ObjectNode f = a.putArray("fields").addObject();
      f.put("id", 48);
      f.put("name", act.field());
      f.put("newValue", act.newValue());
      f.put("oldValue", act.oldValue());
    }
    ArrayNode attributes = a.putArray("attributes");
    Map<String, String> names = displayNames(act.typeId());
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

  /** The display names of a custom type's attributes by API name (empty for other types). */
  private synchronized Map<String, String> displayNames(int typeId) {
    return customTypes.values().stream().filter(c -> c.id() == typeId).findFirst()
        .map(c -> Map.copyOf(customAttributes.getOrDefault(c.apiName(), Map.of()))).orElse(Map.of());
  }

  /** The primary attribute (name, data type) of the standard types that have another than the lead. */
  private static final Map<Integer, String[]> STANDARD_PRIMARY = Map.of(1, new String[] {"Webpage ID", "integer"},
      2, new String[] {"Webform ID", "integer"}, 3, new String[] {"Link ID", "integer"}, 6, new String[] {"Mailing ID", "integer"},
      7, new String[] {"Mailing ID", "integer"}, 8, new String[] {"Mailing ID", "integer"}, 9, new String[] {"Mailing ID", "integer"},
      10, new String[] {"Mailing ID", "integer"}, 11, new String[] {"Mailing ID", "integer"}, 13, new String[] {"Attribute Name", "string"});

  private ObjectNode activityTypes() {
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
      if (id == CHANGE_DATA_VALUE) {
        attributes.addObject().put("name", "New Value").put("dataType", "string");
        attributes.addObject().put("name", "Old Value").put("dataType", "string");
        attributes.addObject().put("name", "Reason").put("dataType", "string");
      } else if (id == MERGE_LEADS) {
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
    return ok(result);
  }

  private synchronized ObjectNode customTypes() {
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
    return ok(result);
  }

  /** {@code attributes/create.json}: adds attributes (API name, display name) to a custom type. */
  private synchronized ObjectNode createAttributes(String typeApiName, JsonNode body) {
    if (!customTypes.containsKey(typeApiName)) {
      return error("1003", "Invalid activity type '" + typeApiName + "'");
    }
    Map<String, String> attributes = customAttributes.computeIfAbsent(typeApiName, k -> new LinkedHashMap<>());
    ArrayNode result = json.createArrayNode();
    for (JsonNode attribute : body.path("attributes")) {
      String apiName = attribute.path("apiName").asString("");
      if (apiName.isBlank() || attributes.containsKey(apiName)) {
        return error("1003", "Invalid attribute '" + apiName + "'");
      }
      if (attributes.size() >= 20) {
        return error("1028", "Max Attribute Limit Reached");
      }
      attributes.put(apiName, attribute.path("name").asString(apiName));
    }
    result.addObject().put("apiName", typeApiName);
    return ok(result);
  }

  /**
   * Renames an attribute of a custom type, as an admin may in Marketo's UI: activity reads show an attribute by its
   * display name, so clients must not expect the API name there.
   *
   * @param typeApiName the custom type's API name
   * @param attributeApiName the attribute's API name
   * @param displayName its new display name
   */
  public synchronized void renameAttribute(String typeApiName, String attributeApiName, String displayName) {
    Map<String, String> attributes = customAttributes.get(typeApiName);
    if (attributes == null || !attributes.containsKey(attributeApiName)) {
      throw new IllegalArgumentException("custom type " + typeApiName + " has no attribute " + attributeApiName);
    }
    attributes.put(attributeApiName, displayName);
  }

  private synchronized ObjectNode createCustomType(JsonNode body) {
    String apiName = body.path("apiName").asString("");
    if (apiName.isBlank() || customTypes.containsKey(apiName)) {
      return error("1003", "Invalid data");
    }
    if (customTypes.size() >= 10) {
      return error("1027", "Max Activity Type Limit Reached");
    }
    CustomType type = new CustomType(nextTypeId.getAndIncrement(), apiName, body.path("name").asString(apiName),
        body.path("primaryAttribute").path("apiName").asString("primary"), false);
    customTypes.put(apiName, type);
    ArrayNode result = json.createArrayNode();
    result.addObject().put("id", type.id()).put("apiName", apiName).put("status", "draft");
    return ok(result);
  }

  private synchronized ObjectNode approve(String apiName) {
    CustomType type = customTypes.get(apiName);
    if (type == null) {
      return error("610", "Requested resource not found");
    }
    customTypes.put(apiName, new CustomType(type.id(), type.apiName(), type.name(), type.primaryAttribute(), true));
    ArrayNode result = json.createArrayNode();
    result.addObject().put("id", type.id()).put("apiName", apiName).put("status", "approved");
    return ok(result);
  }

  private ObjectNode addExternal(JsonNode body) {
    JsonNode input = body.path("input");
    if (!input.isArray() || input.size() > 300) {
      return error("1003", "Invalid data");
    }
    ArrayNode result = json.createArrayNode();
    for (JsonNode item : input) {
      long leadId = item.path("leadId").asLong(-1);
      int typeId = item.path("activityTypeId").asInt(-1);
      boolean knownType;
      synchronized (this) {
        knownType = customTypes.values().stream().anyMatch(c -> c.id() == typeId && c.approved());
      }
      if (!knownType) {
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
      Act act;
      synchronized (this) {
        act = new Act(nextActivityId.getAndIncrement(), leadId, date, typeId, item.path("primaryAttributeValue").asString(""),
            Map.copyOf(attributes), null, null, null);
        log.add(act);
      }
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

  /** Activity dates as Marketo's activity reads show them: {@code 2024-01-16T23:32:19+0000}. */
  private static final java.time.format.DateTimeFormatter ACTIVITY_DATE =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(java.time.ZoneOffset.UTC);

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

  private ObjectNode ok(@Nullable ArrayNode result) {
    ObjectNode body = json.createObjectNode();
    body.put("requestId", Long.toHexString(requestIds.incrementAndGet() & 0xffff) + "#" + Long.toHexString(clock.millis()));
    body.put("success", true);
    if (result != null) {
      body.set("result", result);
    }
    return body;
  }

  private ObjectNode error(String code, String message) {
    ObjectNode body = json.createObjectNode();
    body.put("requestId", "e" + Long.toHexString(requestIds.incrementAndGet() & 0xffff) + "#sim");
    body.put("success", false);
    body.putArray("errors").addObject().put("code", code).put("message", message);
    return body;
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
