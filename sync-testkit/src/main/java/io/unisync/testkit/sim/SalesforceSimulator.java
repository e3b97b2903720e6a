package io.unisync.testkit.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * A Salesforce REST API on 127.0.0.1: the token endpoint (client credentials, JWT bearer with the RS256
 * signature verified, refresh token), SOQL {@code query}/{@code queryAll} for the subset Unisync emits
 * with {@code nextRecordsUrl} paging, sObject Collections create and update (200 records at most, results in
 * order, per-record errors), single-record create, read and update, and the objects Task, Lead, Contact,
 * Account, Opportunity, OpportunityContactRole and User with {@code SystemModstamp} and
 * {@code LastModifiedById} maintained, and soft deletes ({@code IsDeleted}: hidden from {@code query},
 * visible to {@code queryAll}). Task's external id field is unique ({@code DUPLICATE_VALUE}).
 * Every response carries {@code Sforce-Limit-Info}; over the daily allowance it answers
 * {@code REQUEST_LIMIT_EXCEEDED}. Faults: scripted {@link SalesforceFault}s and {@code UNABLE_TO_LOCK_ROW}
 * on chosen records. Thread-safe.
 */
public final class SalesforceSimulator implements AutoCloseable {

  /** The consumer key the simulator accepts. */
  public static final String CLIENT_ID = "sim-consumer-key";
  /** The consumer secret the simulator accepts. */
  public static final String CLIENT_SECRET = "sim-consumer-secret";
  /** The integration user's user name. */
  public static final String USERNAME = "integration@unisync.example";
  /** The refresh token the simulator accepts. */
  public static final String REFRESH_TOKEN = "sim-refresh-token";
  /** The integration user's id. */
  public static final String INTEGRATION_USER_ID = "005000000000001INT";
  /** The org's id. */
  public static final String ORG_ID = "00D000000000001AAA";
  /** The Task field holding our activity ids (External ID, Unique). */
  public static final String EXTERNAL_ID_FIELD = "Unisync_Activity_Id__c";
  /** The Task field holding our reminder ids (External ID, Unique). */
  public static final String REMINDER_ID_FIELD = "Unisync_Reminder_Id__c";
  static final Map<String, String> PREFIXES = Map.of("Task", "00T", "Lead", "00Q", "Contact", "003", "Account", "001",
      "Opportunity", "006", "OpportunityContactRole", "00K", "User", "005");

  private final ObjectMapper json = JsonMapper.builder().build();
  private final Clock clock;
  private final long dailyLimit;
  private final SimHttp.Server server;
  private final Map<String, Map<String, Map<String, Object>>> objects = new ConcurrentHashMap<>();
  /** The API version of the request being answered ({@code v62.0}): record and cursor URLs carry it, as Salesforce's do. */
  private final ThreadLocal<String> calledVersion = ThreadLocal.withInitial(() -> "v67.0");
  private final SalesforceTokens tokens;
  private final SalesforceSchema schema = new SalesforceSchema(objects, json);
  private final SalesforceQueries queries = new SalesforceQueries(objects, this, this::unknownNames, json, calledVersion::get);
  /** "field=value" of the unique External ID fields of Tasks, to the Task id: the uniqueness check in O(1). */
  private final Map<String, String> uniqueIndex = new ConcurrentHashMap<>();
  private final FaultPlan<SalesforceFault> faults = new FaultPlan<>();
  private final Routes<Call, Routes.Sent> routes = routes();
  private final Set<String> lockedOnce = ConcurrentHashMap.newKeySet();
  private final AtomicInteger lockNextRecords = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong(1_000);
  private final AtomicLong apiCalls = new AtomicLong();
  private final AtomicLong tokenCalls = new AtomicLong();

  private SalesforceSimulator(Clock clock, @Nullable PublicKey jwtKey, long dailyLimit, Duration tokenTtl, int port) {
    this.clock = clock;
    this.dailyLimit = dailyLimit;
    this.tokens = new SalesforceTokens(clock, jwtKey, tokenTtl, json, this::baseUrl);
    this.server = SimHttp.start("salesforce-sim", 16, this::handle, port);
    put("User", INTEGRATION_USER_ID, new LinkedHashMap<>(Map.of("Username", USERNAME, "Name", "Integration")), INTEGRATION_USER_ID);
  }

  /**
   * @param jwtKey the public key that verifies JWT bearer assertions (null: the JWT flow is refused)
   * @param dailyLimit the daily API request allowance reported in {@code Sforce-Limit-Info}
   * @param tokenTtl how long an access token works
   * @param clock the simulator's clock
   * @return the running simulator
   */
  public static SalesforceSimulator start(Clock clock, @Nullable PublicKey jwtKey, long dailyLimit, Duration tokenTtl) {
    return new SalesforceSimulator(clock, jwtKey, dailyLimit, tokenTtl, 0);
  }

  /**
   * As {@link #start(Clock, PublicKey, long, Duration)}, on a fixed port of 127.0.0.1 ({@code unisync simulate}).
   *
   * @param clock the simulator's clock
   * @param jwtKey the public key that verifies JWT bearer assertions, or {@code null}
   * @param dailyLimit the daily request allowance
   * @param tokenTtl the tokens' life
   * @param port the port
   * @return the running simulator
   */
  public static SalesforceSimulator start(Clock clock, @Nullable PublicKey jwtKey, long dailyLimit, Duration tokenTtl, int port) {
    return new SalesforceSimulator(clock, jwtKey, dailyLimit, tokenTtl, port);
  }

  /**
   * The base URL, e.g. {@code http://127.0.0.1:43121}.
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

  // ---- data ------------------------------------------------------------------------------------------

  /**
   * Creates a record as a Salesforce user would (not the integration user); returns its 18-character id.
   *
   * @param type the object, e.g. {@code Contact}
   * @param fields the fields
   * @param byUserId the user
   * @return the id
   */
  public String insert(String type, Map<String, Object> fields, String byUserId) {
    String id = newId(type);
    put(type, id, new LinkedHashMap<>(fields), byUserId);
    return id;
  }

  /**
   * Creates a record with a chosen 18-character id (to mirror ids another system already holds).
   *
   * @param type the object
   * @param id the id
   * @param fields the fields
   * @param byUserId the user
   * @return the id
   */
  public String insert(String type, String id, Map<String, Object> fields, String byUserId) {
    put(type, id, new LinkedHashMap<>(fields), byUserId);
    return id;
  }

  /**
   * Changes fields of a record as the given user.
   *
   * @param type the object
   * @param id the id
   * @param fields the fields changed
   * @param byUserId the user
   */
  public synchronized void update(String type, String id, Map<String, Object> fields, String byUserId) {
    Map<String, Object> record = objects.getOrDefault(type, Map.of()).get(id);
    if (record == null) {
      throw new IllegalArgumentException("no " + type + " " + id);
    }
    record.putAll(fields);
    stamp(type, record, byUserId);
  }

  /**
   * Deletes a record as a user would: it stays in the recycle bin, visible to {@code queryAll} only.
   *
   * @param type the object
   * @param id the id
   * @param byUserId the user
   */
  public synchronized void delete(String type, String id, String byUserId) {
    update(type, id, Map.of("IsDeleted", true), byUserId);
  }

  /**
   * A copy of one record.
   *
   * @param type the object
   * @param id the id
   * @return the record, if present
   */
  public synchronized Optional<Map<String, Object>> find(String type, String id) {
    Map<String, Object> record = objects.getOrDefault(type, Map.of()).get(id);
    return Optional.ofNullable(record == null ? null : new LinkedHashMap<>(record));
  }

  /**
   * Copies of every record of a type.
   *
   * @param type the object
   * @return the records
   */
  public synchronized List<Map<String, Object>> records(String type) {
    List<Map<String, Object>> all = new ArrayList<>();
    objects.getOrDefault(type, Map.of()).values().forEach(r -> all.add(new LinkedHashMap<>(r)));
    return all;
  }

  /** {@return API calls counted against the daily allowance} */
  public long apiCalls() {
    return apiCalls.get();
  }

  /** Forgets the API calls counted so far, as the org's rolling 24-hour window does once they are a day old. */
  public void forgetApiUsage() {
    apiCalls.set(0);
  }

  /** {@return token requests received} */
  public long tokenCalls() {
    return tokenCalls.get();
  }

  /**
   * The next request whose path contains {@code pathPart} gets {@code fault}.
   *
   * @param pathPart part of the path
   * @param fault the fault
   * @return this simulator
   */
  public SalesforceSimulator failNext(String pathPart, SalesforceFault fault) {
    faults.failNext(pathPart, fault);
    return this;
  }

  /**
   * The next collection write fails its first {@code n} records with {@code UNABLE_TO_LOCK_ROW} (once).
   *
   * @param n how many records
   */
  public void lockNextRecords(int n) {
    lockNextRecords.set(n);
  }

  /** Expires every issued token. */
  public void expireTokens() {
    tokens.expireAll();
  }

  private synchronized void put(String type, String id, Map<String, Object> fields, String byUserId) {
    fields.put("Id", id);
    fields.putIfAbsent("CreatedDate", clock.instant());
    fields.putIfAbsent("IsDeleted", false); // every record has it, false until deleted
    if (type.equals("Lead") || type.equals("Contact")) {
      fields.putIfAbsent("HasOptedOutOfEmail", false); // a checkbox: never null in Salesforce, false until ticked
    }
    if (type.equals("Lead")) {
      fields.putIfAbsent("IsConverted", false);
    }
    if (type.equals("Task")) {
      fields.putIfAbsent("Status", "Not Started");
      fields.putIfAbsent("Priority", "Normal");
      fields.putIfAbsent("OwnerId", byUserId);
    }
    stamp(type, fields, byUserId);
    objects.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(id, fields);
    if (type.equals("Task")) {
      for (String uniqueField : List.of(EXTERNAL_ID_FIELD, REMINDER_ID_FIELD)) {
        if (fields.get(uniqueField) != null) {
          uniqueIndex.put(uniqueField + "=" + fields.get(uniqueField), id);
        }
      }
    }
  }

  private void stamp(String type, Map<String, Object> record, String byUserId) {
    Instant now = clock.instant();
    record.put("SystemModstamp", now);
    record.put("LastModifiedDate", now);
    record.put("LastModifiedById", byUserId);
    if (type.equals("Task")) {
      record.put("IsClosed", "Completed".equals(record.get("Status")));
    }
    if (type.equals("Lead") || type.equals("Contact")) { // a compound field: first and last name
      String name = java.util.stream.Stream.of(record.get("FirstName"), record.get("LastName")).filter(java.util.Objects::nonNull)
          .map(Object::toString).filter(part -> !part.isBlank()).collect(java.util.stream.Collectors.joining(" "));
      record.put("Name", name.isEmpty() ? null : name);
    }
  }

  private String newId(String type) {
    String prefix = PREFIXES.getOrDefault(type, "a00");
    return prefix + String.format(Locale.ROOT, "%012d", ids.incrementAndGet()) + "AAA";
  }

  // ---- HTTP ------------------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/services/oauth2/token")) {
        tokenCalls.incrementAndGet();
        SalesforceFault fault = faults.next(path); // the identity endpoint fails too: a 503 page or a dropped connection
        if (fault == SalesforceFault.HTTP_503_HTML) {
          send(exchange, 503, "text/html", "<html><body>Service Unavailable: the server is too busy</body></html>");
        } else if (fault != SalesforceFault.CONNECTION_RESET) {
          tokens.answer(exchange);
        }
        return;
      }
      if ((path.equals("/services/data") || path.equals("/services/data/")) && exchange.getRequestMethod().equals("GET")) {
        versions(exchange); // the version list needs no session
        return;
      }
      SalesforceFault fault = faults.next(path);
      if (fault == SalesforceFault.CONNECTION_RESET) {
        return;
      }
      if (fault == SalesforceFault.HTTP_503_HTML) {
        send(exchange, 503, "text/html", "<html><body>Service Unavailable: the server is too busy</body></html>");
        return;
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      Instant expiry = tokens.expiry(auth);
      if (fault == SalesforceFault.INVALID_SESSION || expiry == null || !expiry.isAfter(clock.instant())) {
        sendJson(exchange, 401, errors("Session expired or invalid", "INVALID_SESSION_ID"));
        return;
      }
      long used = apiCalls.incrementAndGet();
      exchange.getResponseHeaders().add("Sforce-Limit-Info", "api-usage=" + used + "/" + dailyLimit);
      if (fault == SalesforceFault.REQUEST_LIMIT_EXCEEDED || used > dailyLimit) {
        sendJson(exchange, 403, errors("TotalRequests Limit exceeded.", "REQUEST_LIMIT_EXCEEDED"));
        return;
      }
      if (path.equals("/id/" + ORG_ID + "/" + INTEGRATION_USER_ID) && exchange.getRequestMethod().equals("GET")) {
        ObjectNode identity = json.createObjectNode(); // the identity URL the token answer names
        identity.put("id", baseUrl() + path);
        identity.put("user_id", INTEGRATION_USER_ID);
        identity.put("organization_id", ORG_ID);
        identity.put("username", "integration@sim.example.com");
        identity.put("display_name", "Integration User");
        identity.put("active", true);
        identity.put("user_type", "STANDARD");
        sendJson(exchange, 200, identity);
        return;
      }
      String prefix = "/services/data/v";
      if (!path.startsWith(prefix)) {
        sendJson(exchange, 404, errors("The requested resource does not exist", "NOT_FOUND"));
        return;
      }
      String rest = path.substring(prefix.length());
      double version = Double.parseDouble(rest.substring(0, rest.indexOf('/')));
      if (version < 31.0) {
        sendJson(exchange, 410, errors("API version " + version + " is retired", "API_RETIRED"));
        return;
      }
      calledVersion.set("v" + rest.substring(0, rest.indexOf('/')));
      try {
        route(exchange, rest.substring(rest.indexOf('/') + 1));
      } finally {
        calledVersion.remove();
      }
    } catch (RuntimeException e) {
      send(exchange, 500, "application/json", "[{\"message\":\"" + e.getClass().getSimpleName() + "\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]");
    }
  }

  /** {@code GET /services/data/}: the versions served, oldest first. */
  private void versions(HttpExchange exchange) throws IOException {
    ArrayNode list = json.createArrayNode();
    String[] labels = {"Winter '25", "Spring '25", "Summer '25", "Winter '26", "Spring '26", "Summer '26"};
    for (int v = 62; v <= 67; v++) {
      list.addObject().put("label", labels[v - 62]).put("url", "/services/data/v" + v + ".0").put("version", v + ".0");
    }
    send(exchange, 200, "application/json", json.writeValueAsString(list));
  }

  /** What a route is given: the exchange and its query parameters. */
  private record Call(HttpExchange exchange, Map<String, String> params) {}

  private static final String NOT_FOUND = "The requested resource does not exist";
  private static final String TOO_MANY = "record limit reached. cannot submit more than 200 records into this call";

  /** The REST resources under {@code /services/data/vNN.0/}; each writes its own status and body. */
  private Routes<Call, Routes.Sent> routes() {
    return new Routes<Call, Routes.Sent>()
        .on("GET", "limits", Routes.writes((c, p) -> {
          ObjectNode limits = json.createObjectNode();
          limits.putObject("DailyApiRequests").put("Max", dailyLimit).put("Remaining", Math.max(0, dailyLimit - apiCalls.get()));
          sendJson(c.exchange(), 200, limits);
        }))
        .on("GET", "query", Routes.writes((c, p) -> query(c, false)))
        .on("GET", "queryAll", Routes.writes((c, p) -> query(c, true)))
        .under("GET", "query/", Routes.writes((c, locator) -> {
          if (!queries.hasCursor(locator.replaceAll("-\\d+$", ""))) {
            sendJson(c.exchange(), 400, errors("invalid query locator", "INVALID_QUERY_LOCATOR"));
          } else {
            sendJson(c.exchange(), 200, queries.page(locator));
          }
        }))
        .on("POST", "composite/sobjects", Routes.writes((c, p) -> writeCollection(c, true)))
        .on("PATCH", "composite/sobjects", Routes.writes((c, p) -> writeCollection(c, false)))
        .on("DELETE", "composite/sobjects", Routes.writes((c, p) -> {
          List<String> ids = java.util.Arrays.stream(c.params().getOrDefault("ids", "").split(",")).map(String::strip)
              .filter(id -> !id.isEmpty()).toList();
          if (ids.isEmpty() || ids.size() > 200) {
            sendJson(c.exchange(), 400, ids.isEmpty() ? errors("ids: required parameter missing", "MISSING_ARGUMENT")
                : errors(TOO_MANY, "EXCEEDED_ID_LIMIT"));
          } else {
            sendJson(c.exchange(), 200, deleteCollection(ids, Boolean.parseBoolean(c.params().getOrDefault("allOrNone", "false"))));
          }
        }))
        .on("GET", "sobjects", Routes.writes((c, p) -> sendJson(c.exchange(), 200, schema.describeGlobal())))
        .matching("GET", "sobjects/[A-Za-z_]+/describe/?", Routes.writes((c, resource) -> {
          String type = resource.split("/")[1];
          sendJson(c.exchange(), PREFIXES.containsKey(type) ? 200 : 404,
              PREFIXES.containsKey(type) ? describe(type) : errors(NOT_FOUND, "NOT_FOUND"));
        }))
        .matching("GET", "sobjects/[A-Za-z_]+/(updated|deleted)/?", Routes.writes((c, resource) -> {
          String[] parts = resource.split("/");
          if (!PREFIXES.containsKey(parts[1])) {
            sendJson(c.exchange(), 404, errors(NOT_FOUND, "NOT_FOUND"));
          } else {
            replication(c.exchange(), parts[1], parts[2].equals("deleted"), c.params());
          }
        }))
        .matching("GET", "composite/sobjects/[A-Za-z_]+", Routes.writes((c, resource) ->
            retrieveMany(c.exchange(), resource.substring("composite/sobjects/".length()), c.params())))
        // the POST form of the same read, for more ids than a URL holds: {"ids": [...], "fields": [...]}
        .matching("POST", "composite/sobjects/[A-Za-z_]+", Routes.writes((c, resource) ->
            retrieveMany(c.exchange(), resource.substring("composite/sobjects/".length()), readParams(c.exchange()))))
        .matching("PATCH", "composite/sobjects/[A-Za-z_]+/[A-Za-z_]+__c", Routes.writes((c, resource) -> {
          String[] parts = resource.split("/");
          JsonNode body = json.readTree(c.exchange().getRequestBody().readAllBytes());
          if (body.path("records").size() > 200) {
            sendJson(c.exchange(), 400, errors(TOO_MANY, "EXCEEDED_ID_LIMIT"));
          } else {
            upsertCollection(c.exchange(), parts[2], parts[3], body);
          }
        }))
        .matching("PATCH", "sobjects/[A-Za-z_]+/[A-Za-z_]+__c/[^/]+", Routes.writes((c, resource) -> {
          String[] parts = resource.split("/", 3);
          upsertByExternalId(c.exchange(), parts[1], parts[2].substring(0, parts[2].indexOf('/')),
              java.net.URLDecoder.decode(parts[2].substring(parts[2].indexOf('/') + 1), StandardCharsets.UTF_8));
        }))
        .under("sobjects/", Routes.writes((c, rest) -> single(c.exchange(), c.exchange().getRequestMethod(), rest)));
  }

  private void route(HttpExchange exchange, String resource) throws IOException {
    // Salesforce documents and serves resources with a trailing slash too (query/?q=..., limits/, sobjects/Task/)
    String path = resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource;
    Routes.Match<Call, Routes.Sent> match = routes.find(exchange.getRequestMethod(), path);
    if (match == null) {
      sendJson(exchange, 404, errors(NOT_FOUND, "NOT_FOUND"));
      return;
    }
    match.answer(new Call(exchange, query(exchange.getRequestURI().getRawQuery())));
  }

  private void query(Call c, boolean all) throws IOException {
    try {
      sendJson(c.exchange(), 200, queries.run(c.params().getOrDefault("q", ""), all));
    } catch (Soql.MalformedQuery e) {
      sendJson(c.exchange(), 400, errors(String.valueOf(e.getMessage()), e.code()));
    }
  }

  private void writeCollection(Call c, boolean create) throws IOException {
    JsonNode body = json.readTree(c.exchange().getRequestBody().readAllBytes());
    if (body.path("records").size() > 200) {
      sendJson(c.exchange(), 400, errors(TOO_MANY, "EXCEEDED_ID_LIMIT"));
      return;
    }
    sendJson(c.exchange(), 200, collection(body, create));
  }

  /** A retrieve's POST body ({@code {"ids": [...], "fields": [...]}}) as the parameters of its GET form. */
  private Map<String, String> readParams(HttpExchange exchange) throws IOException {
    JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
    Map<String, String> asParams = new HashMap<>();
    List<String> ids = new ArrayList<>();
    body.path("ids").forEach(id -> ids.add(id.asString()));
    List<String> fields = new ArrayList<>();
    body.path("fields").forEach(f -> fields.add(f.asString()));
    if (!ids.isEmpty()) {
      asParams.put("ids", String.join(",", ids));
    }
    if (!fields.isEmpty()) {
      asParams.put("fields", String.join(",", fields));
    }
    return asParams;
  }

  /**
   * {@code GET sobjects/{type}/updated} and {@code /deleted} (data replication): the ids changed, or deleted, between
   * {@code start} and {@code end} (both ISO 8601 with an offset; seconds are ignored, as Salesforce does), by
   * {@code SystemModstamp}. At most 30 days back from today; the start must precede the end.
   */
  private void replication(HttpExchange exchange, String type, boolean deleted, Map<String, String> params) throws IOException {
    Instant start;
    Instant end;
    try {
      start = java.time.OffsetDateTime.parse(params.getOrDefault("start", "")).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      end = java.time.OffsetDateTime.parse(params.getOrDefault("end", "")).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    } catch (java.time.format.DateTimeParseException e) {
      sendJson(exchange, 400, errors("start and end must be ISO 8601 date-times with an offset (YYYY-MM-DDThh:mm:ss+hh:mm)", "MALFORMED_QUERY"));
      return;
    }
    Instant now = clock.instant();
    Instant earliest = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(30));
    if (!start.isBefore(end)) {
      sendJson(exchange, 400, errors("the start date must precede the end date", "INVALID_REPLICATION_DATE"));
      return;
    }
    if (start.isBefore(earliest)) {
      sendJson(exchange, 400, errors("startDate cannot be more than 30 days ago", "INVALID_REPLICATION_DATE"));
      return;
    }
    Instant covered = end.isAfter(now) ? now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES) : end;
    ObjectNode body = queries.replicated(type, deleted, start, covered);
    ArrayNode list = (ArrayNode) body.path(deleted ? "deletedRecords" : "ids");
    if (list.size() > 600_000) {
      sendJson(exchange, 400, errors("more than 600,000 ids: choose start and end dates closer together", "EXCEEDED_ID_LIMIT"));
      return;
    }
    if (deleted) {
      body.put("earliestDateAvailable", SalesforceQueries.time(earliest));
    }
    body.put("latestDateCovered", SalesforceQueries.time(covered));
    sendJson(exchange, 200, body);
  }

  /**
   * {@code GET composite/sobjects/{type}?ids=..&fields=..}: up to 2,000 records by id in one call, in the order asked,
   * {@code null} in the place of an id that names no record.
   */
  private void retrieveMany(HttpExchange exchange, String type, Map<String, String> params) throws IOException {
    if (!PREFIXES.containsKey(type)) {
      sendJson(exchange, 404, errors("The requested resource does not exist", "NOT_FOUND"));
      return;
    }
    List<String> ids = params.containsKey("ids") ? List.of(params.get("ids").split(",")) : List.of();
    List<String> fields = params.containsKey("fields") ? List.of(params.get("fields").split(",")) : List.of();
    if (ids.isEmpty() || fields.isEmpty()) {
      sendJson(exchange, 400, errors("both ids and fields are required", "MALFORMED_QUERY"));
      return;
    }
    if (ids.size() > 2_000) {
      sendJson(exchange, 400, errors("too many ids: at most 2000", "EXCEEDED_ID_LIMIT"));
      return;
    }
    Soql.MalformedQuery unknown = unknownNames(Soql.parse("SELECT " + String.join(", ", fields) + " FROM " + type));
    if (unknown != null) {
      sendJson(exchange, 400, errors(String.valueOf(unknown.getMessage()), unknown.code()));
      return;
    }
    ArrayNode result = queries.retrieve(type, ids, fields);
    send(exchange, 200, "application/json", json.writeValueAsString(result));
  }

  /** Answers 404 unless {@code type} is an object and {@code field} one of its External ID fields; returns whether it did. */
  private boolean refusedAsNoExternalId(HttpExchange exchange, String type, String field) throws IOException {
    if (!PREFIXES.containsKey(type)) {
      sendJson(exchange, 404, errors("The requested resource does not exist", "NOT_FOUND"));
      return true;
    }
    if (!field.equalsIgnoreCase(EXTERNAL_ID_FIELD) && !field.equalsIgnoreCase(REMINDER_ID_FIELD)) {
      sendJson(exchange, 404, errors("Provided external ID field does not exist or is not accessible: " + field, "NOT_FOUND"));
      return true;
    }
    return false;
  }

  /** The ids of the live records of {@code type} whose {@code field} holds {@code value}. */
  private synchronized List<String> withExternalId(String type, String field, String value) {
    return objects.getOrDefault(type, Map.of()).values().stream()
        .filter(r -> value.equals(String.valueOf(r.get(field))) && !Boolean.TRUE.equals(r.get("IsDeleted")))
        .map(r -> (String) r.get("Id")).toList();
  }

  /**
   * {@code PATCH sobjects/{type}/{externalIdField}/{value}}: creates the record when no record has that value (201 with
   * {@code created: true}), updates it when one has (200 with {@code created: false}), and answers 300 when several
   * have. The field must be an External ID field.
   */
  private void upsertByExternalId(HttpExchange exchange, String type, String field, String value) throws IOException {
    if (refusedAsNoExternalId(exchange, type, field)) {
      return;
    }
    JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
    Map<String, Object> fields = new LinkedHashMap<>();
    body.properties().forEach(e -> {
      if (!e.getKey().equals("attributes")) {
        fields.put(e.getKey(), value(e.getValue()));
      }
    });
    if (fields.containsKey(field) && !value.equals(String.valueOf(fields.get(field)))) {
      sendJson(exchange, 400, errors("The value of the external ID field in the body does not match the URL: " + field, "INVALID_FIELD"));
      return;
    }
    fields.put(field, value);
    String noSuchColumn = noSuchColumn(type, fields.keySet());
    if (noSuchColumn != null) {
      sendJson(exchange, 400, errors(noSuchColumn, "INVALID_FIELD"));
      return;
    }
    List<String> matching = new ArrayList<>();
    synchronized (this) {
      matching.addAll(withExternalId(type, field, value));
      if (matching.size() > 1) {
        ArrayNode urls = json.createArrayNode();
        matching.forEach(id -> urls.add("/services/data/" + calledVersion.get() + "/sobjects/" + type + "/" + id));
        send(exchange, 300, "application/json", json.writeValueAsString(urls));
        return;
      }
      ObjectNode result = json.createObjectNode();
      if (matching.isEmpty()) {
        String id = newId(type);
        put(type, id, fields, INTEGRATION_USER_ID);
        result.put("id", id).put("success", true).put("created", true).putArray("errors");
        sendJson(exchange, 201, result);
      } else {
        update(type, matching.get(0), fields, INTEGRATION_USER_ID);
        result.put("id", matching.get(0)).put("success", true).put("created", false).putArray("errors");
        sendJson(exchange, 200, result);
      }
    }
  }

  /**
   * {@code PATCH composite/sobjects/{type}/{externalIdField}}: each record carries its External ID value; per record
   * {@code created: true} (inserted) or {@code false} (updated), in request order; a record of another type, one without
   * the value, or a value matching several records fails alone.
   */
  private void upsertCollection(HttpExchange exchange, String type, String field, JsonNode body) throws IOException {
    if (refusedAsNoExternalId(exchange, type, field)) {
      return;
    }
    ArrayNode results = json.createArrayNode();
    synchronized (this) {
      for (JsonNode record : body.path("records")) {
        ObjectNode result = results.addObject();
        String recordType = record.path("attributes").path("type").asString(type);
        String value = record.path(field).isMissingNode() || record.path(field).isNull() ? null : record.path(field).asString();
        if (!recordType.equals(type) || value == null || value.isEmpty()) {
          result.put("success", false).putArray("errors").addObject()
              .put("statusCode", recordType.equals(type) ? "MISSING_ARGUMENT" : "INVALID_TYPE")
              .put("message", recordType.equals(type) ? field + " not specified" : "a collection upsert takes records of one type: " + type)
              .putArray("fields");
          continue;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        record.properties().forEach(e -> {
          if (!e.getKey().equals("attributes")) {
            fields.put(e.getKey(), value(e.getValue()));
          }
        });
        List<String> matching = withExternalId(type, field, value);
        String noSuchColumn = noSuchColumn(type, fields.keySet());
        if (noSuchColumn != null) {
          result.put("success", false).putArray("errors").addObject().put("statusCode", "INVALID_FIELD")
              .put("message", noSuchColumn).putArray("fields");
        } else if (matching.size() > 1) {
          result.put("success", false).putArray("errors").addObject().put("statusCode", "DUPLICATE_EXTERNAL_ID")
              .put("message", field + ": more than one record found for external id field: " + matching).putArray("fields").add(field);
        } else if (matching.isEmpty()) {
          String id = newId(type);
          put(type, id, fields, INTEGRATION_USER_ID);
          result.put("id", id).put("success", true).put("created", true).putArray("errors");
        } else {
          update(type, matching.get(0), fields, INTEGRATION_USER_ID);
          result.put("id", matching.get(0)).put("success", true).put("created", false).putArray("errors");
        }
      }
    }
    send(exchange, 200, "application/json", json.writeValueAsString(results));
  }

  private void single(HttpExchange exchange, String method, String rest) throws IOException {
    String[] parts = rest.split("/");
    String type = parts[0];
    if (method.equals("POST") && parts.length == 1) {
      ObjectNode result = json.createObjectNode();
      JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
      ArrayNode wrapped = json.createArrayNode();
      ObjectNode record = ((ObjectNode) body.deepCopy());
      record.putObject("attributes").put("type", type);
      wrapped.add(record);
      ObjectNode request = json.createObjectNode();
      request.set("records", wrapped);
      JsonNode outcome = collection(request, true).path(0);
      if (outcome.path("success").asBoolean()) {
        result.put("id", outcome.path("id").asString());
        result.put("success", true);
        result.putArray("errors");
        sendJson(exchange, 201, result);
      } else {
        ArrayNode errors = json.createArrayNode();
        outcome.path("errors").forEach(e -> errors.addObject().put("message", e.path("message").asString())
            .put("errorCode", e.path("statusCode").asString()));
        sendJson(exchange, 400, errors);
      }
      return;
    }
    if (method.equals("GET") && parts.length == 1) {
      if (!PREFIXES.containsKey(type)) {
        sendJson(exchange, 404, errors(NOT_FOUND, "NOT_FOUND"));
      } else {
        sendJson(exchange, 200, schema.basicInformation(type, calledVersion.get()));
      }
      return;
    }
    if (method.equals("GET") && parts.length == 3) {
      readByExternalId(exchange, type, parts[1], java.net.URLDecoder.decode(parts[2], StandardCharsets.UTF_8));
      return;
    }
    if (parts.length == 2) {
      Optional<Map<String, Object>> found = find(type, parts[1]);
      if (found.isEmpty()) {
        sendJson(exchange, 404, errors("The requested resource does not exist", "NOT_FOUND"));
        return;
      }
      if (Boolean.TRUE.equals(found.get().get("IsDeleted"))) {
        sendJson(exchange, 404, errors("entity is deleted", "ENTITY_IS_DELETED"));
        return;
      }
      if (method.equals("GET")) {
        sendJson(exchange, 200, queries.recordJson(type, found.get(), null));
        return;
      }
      if (method.equals("PATCH")) {
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        Map<String, Object> fields = new LinkedHashMap<>();
        body.properties().forEach(e -> fields.put(e.getKey(), value(e.getValue())));
        String noSuchColumn = noSuchColumn(type, fields.keySet());
        if (noSuchColumn != null) {
          sendJson(exchange, 400, errors(noSuchColumn, "INVALID_FIELD"));
          return;
        }
        update(type, parts[1], fields, INTEGRATION_USER_ID);
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      if (method.equals("DELETE")) {
        update(type, parts[1], Map.of("IsDeleted", true), INTEGRATION_USER_ID); // to the recycle bin: queryAll still sees it
        exchange.sendResponseHeaders(204, -1);
        return;
      }
    }
    sendJson(exchange, 405, errors("Method not allowed", "METHOD_NOT_ALLOWED"));
  }

  /**
   * {@code GET sobjects/{type}/{externalIdField}/{value}}: the live record whose External ID field holds {@code value}
   * (200), 404 when none does, 300 with the records' URLs when several do.
   */
  private void readByExternalId(HttpExchange exchange, String type, String field, String value) throws IOException {
    if (refusedAsNoExternalId(exchange, type, field)) {
      return;
    }
    List<String> matching = withExternalId(type, field, value);
    if (matching.isEmpty()) {
      sendJson(exchange, 404, errors(NOT_FOUND, "NOT_FOUND"));
    } else if (matching.size() > 1) {
      ArrayNode urls = json.createArrayNode();
      matching.forEach(id -> urls.add("/services/data/" + calledVersion.get() + "/sobjects/" + type + "/" + id));
      send(exchange, 300, "application/json", json.writeValueAsString(urls));
    } else {
      sendJson(exchange, 200, queries.recordJson(type, find(type, matching.get(0)).orElseThrow(), null));
    }
  }

  /**
   * {@code DELETE composite/sobjects?ids=...&allOrNone=...}: up to 200 records of any objects to the recycle bin, one
   * result per id in order; with {@code allOrNone=true} one failure deletes none.
   */
  private synchronized ArrayNode deleteCollection(List<String> ids, boolean allOrNone) {
    ArrayNode results = json.createArrayNode();
    List<String[]> deletable = new ArrayList<>();
    for (String id : ids) {
      String type = typeOf(id);
      Optional<Map<String, Object>> found = type == null ? Optional.empty() : find(type, id);
      ObjectNode result = results.addObject();
      if (found.isEmpty() || Boolean.TRUE.equals(found.get().get("IsDeleted"))) {
        boolean deleted = found.isPresent();
        result.putNull("id");
        result.put("success", false).putArray("errors").addObject()
            .put("statusCode", deleted ? "ENTITY_IS_DELETED" : "INVALID_CROSS_REFERENCE_KEY")
            .put("message", deleted ? "entity is deleted" : "invalid cross reference id").putArray("fields");
      } else {
        result.put("id", id).put("success", true).putArray("errors");
        deletable.add(new String[] {type, id});
      }
    }
    boolean failed = deletable.size() < ids.size();
    if (allOrNone && failed) {
      for (JsonNode result : results) {
        if (result.path("success").asBoolean()) {
          ((ObjectNode) result).put("success", false).putNull("id");
          ((ObjectNode) result).putArray("errors").addObject().put("statusCode", "ALL_OR_NONE_OPERATION_ROLLED_BACK")
              .put("message", "Record rolled back because not all records were valid and the request was using AllOrNone header")
              .putArray("fields");
        }
      }
      return results;
    }
    deletable.forEach(d -> update(d[0], d[1], Map.of("IsDeleted", true), INTEGRATION_USER_ID));
    return results;
  }

  private synchronized ArrayNode collection(JsonNode body, boolean create) {
    ArrayNode results = json.createArrayNode();
    int lock = lockNextRecords.getAndSet(0);
    int index = 0;
    for (JsonNode record : body.path("records")) {
      String type = record.path("attributes").path("type").asString("");
      ObjectNode result = results.addObject();
      Map<String, Object> fields = new LinkedHashMap<>();
      record.properties().forEach(e -> {
        if (!e.getKey().equals("attributes") && !e.getKey().equalsIgnoreCase("id")) {
          fields.put(e.getKey(), value(e.getValue()));
        }
      });
      String failure = null;
      String message = null;
      if (index++ < lock) {
        failure = "UNABLE_TO_LOCK_ROW";
        message = "unable to obtain exclusive access to this record or 1 records";
      } else if (!PREFIXES.containsKey(type)) {
        failure = "INVALID_TYPE";
        message = "sObject type '" + type + "' is not supported";
      } else if (create && (record.has("Id") || record.has("id"))) {
        failure = "INVALID_FIELD";
        message = "The Id field should not be specified in the sobject data";
      } else if ((message = noSuchColumn(type, fields.keySet())) != null) {
        failure = "INVALID_FIELD";
      } else if (create) {
        for (String uniqueField : List.of(EXTERNAL_ID_FIELD, REMINDER_ID_FIELD)) {
          Object extId = fields.get(uniqueField);
          if (failure == null && type.equals("Task") && extId != null) {
            String duplicate = uniqueIndex.get(uniqueField + "=" + extId);
            if (duplicate != null) {
              failure = "DUPLICATE_VALUE";
              message = "duplicate value found: " + uniqueField + " duplicates value on record with id: " + duplicate;
            }
          }
        }
        if (failure == null && type.equals("Task") && isLead(fields.get("WhoId")) && fields.get("WhatId") != null) {
          failure = "FIELD_INTEGRITY_EXCEPTION";
          message = "Related To ID: id value of incorrect type: a Lead cannot have a related Account or Opportunity";
        }
      } else {
        String id = record.path("id").asString(record.path("Id").asString(""));
        Optional<Map<String, Object>> existing = find(type, id);
        if (existing.isEmpty() || Boolean.TRUE.equals(existing.get().get("IsDeleted"))) { // in the recycle bin, or gone
          failure = "ENTITY_IS_DELETED";
          message = "entity is deleted";
        } else if (type.equals("Lead") && Boolean.TRUE.equals(existing.get().get("IsConverted"))) {
          failure = "CANNOT_UPDATE_CONVERTED_LEAD";
          message = "cannot reference converted lead";
        } else if (type.equals("Task") && fields.containsKey("TaskSubtype")) {
          failure = "INVALID_FIELD_FOR_INSERT_UPDATE";
          message = "Unable to create/update fields: TaskSubtype.";
        }
      }
      if (failure == null) {
        Map<String, Object> after = new LinkedHashMap<>(create ? Map.of() : find(type, record.path("id").asString(record.path("Id").asString("")))
            .orElse(Map.of()));
        after.putAll(fields);
        message = validationFailure(type, after);
        failure = message == null ? null : "FIELD_CUSTOM_VALIDATION_EXCEPTION";
      }
      if (failure != null) {
        result.put("success", false);
        result.putArray("errors").addObject().put("statusCode", failure).put("message", message).putArray("fields");
        continue;
      }
      String id;
      if (create) {
        id = newId(type);
        put(type, id, fields, INTEGRATION_USER_ID);
      } else {
        id = record.path("id").asString(record.path("Id").asString(""));
        update(type, id, fields, INTEGRATION_USER_ID);
      }
      result.put("id", id);
      result.put("success", true);
      result.putArray("errors");
    }
    return results;
  }

  private boolean isLead(@Nullable Object id) {
    return id instanceof String s && s.startsWith("00Q");
  }

  /**
   * Adds a (custom) field to an object, so queries may select it before any record holds a value.
   *
   * @param object the object
   * @param field the field's API name
   */
  public void defineField(String object, String field) {
    schema.defineField(object, field);
  }

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
  public void addValidationRule(String object, java.util.function.Predicate<Map<String, Object>> rejects, String message) {
    schema.addValidationRule(object, rejects, message);
  }

  private synchronized @Nullable String validationFailure(String type, Map<String, Object> record) {
    return schema.validationFailure(type, record);
  }

  /** Salesforce's message for the first of {@code names} the object lacks ({@code INVALID_FIELD} on a write), or null. */
  private synchronized @Nullable String noSuchColumn(String type, java.util.Collection<String> names) {
    String unknown = schema.unknownField(type, names);
    return unknown == null ? null : "No such column '" + unknown + "' on sobject of type " + type;
  }

  /** The object a record id belongs to, by its key prefix; null for a prefix this org does not serve. */
  static @Nullable String typeOf(String id) {
    return PREFIXES.entrySet().stream().filter(e -> id.startsWith(e.getValue())).map(Map.Entry::getKey).findFirst().orElse(null);
  }

  private synchronized ObjectNode describe(String type) {
    return schema.describe(type);
  }

  private synchronized Soql.@Nullable MalformedQuery unknownNames(Soql.Query query) {
    return schema.unknownNames(query);
  }

  private static @Nullable Object value(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    String text = node.asString();
    if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return LocalDate.parse(text);
    }
    if (text.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
      return Soql.parseDateTime(text);
    }
    return text;
  }

  // ---- plumbing --------------------------------------------------------------------------------------

  private ArrayNode errors(String message, String code) {
    ArrayNode errors = json.createArrayNode();
    ArrayNode fields = errors.addObject().put("message", message).put("errorCode", code).putArray("fields");
    java.util.regex.Matcher column = java.util.regex.Pattern.compile("No such column '([^']+)'").matcher(message);
    if (column.find()) {
      fields.add(column.group(1)); // the field the error is about, as Salesforce names it
    }
    return errors;
  }

  private void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
    send(exchange, status, "application/json", json.writeValueAsString(body));
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    SimHttp.send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> query(@Nullable String raw) {
    Map<String, String> params = new HashMap<>();
    SimHttp.parse(raw, params);
    return params;
  }
}
