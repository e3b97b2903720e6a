package io.unisync.salesforce.internal;

import io.unisync.core.error.AdapterException;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.error.SyncException;
import io.unisync.core.retry.Backoff;
import io.unisync.core.retry.CallClass;
import io.unisync.core.retry.Retrier;
import io.unisync.core.wire.BoundedBody;
import io.unisync.core.wire.Endpoints;
import io.unisync.core.wire.Exchange;
import io.unisync.core.wire.Replaceable;
import io.unisync.core.wire.Requested;
import io.unisync.salesforce.SalesforceAuth;
import io.unisync.salesforce.SalesforceSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Salesforce REST client: OAuth (client credentials, JWT bearer signed with the JDK's RS256, refresh
 * token), calls to the returned {@code instance_url}, one shared (single-flight) renewal and one repeat on
 * 401 {@code INVALID_SESSION_ID}, retries (run by the shared {@link Retrier} under
 * {@link SalesforceSettings#retry()}) for 5xx (HTML bodies included), 420, 429 and network failures, a long pause after {@code REQUEST_LIMIT_EXCEEDED}, and the daily budget read
 * from {@code Sforce-Limit-Info}. Thread-safe. Tokens and secrets never reach a log, an exception or a
 * {@code toString()}.
 */
public final class SalesforceHttp {

  /** The most pages one query follows (2,000 rows each by default: a million rows). */
  public static final int MAX_QUERY_PAGES = 500;

  private static final Logger LOG = LoggerFactory.getLogger(SalesforceHttp.class);
  private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

  /** A session: token, where to call, and who we are. */
  private record Session(String token, URI instanceUrl, String userId) {
    @Override
    public String toString() {
      return "Session[****, " + instanceUrl + ", user=" + userId + "]";
    }
  }

  private final SalesforceSettings settings;
  private final Clock clock;
  private final Replaceable<HttpClient> http;
  private final ObjectMapper json = JsonMapper.builder().build();
  private final Retrier retrier;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong unrequested = new AtomicLong();
  private @Nullable Session session;
  private volatile @Nullable Instant pausedUntil;
  private volatile long usageUsed;
  private volatile long usageMax;
  /** When the usage was last read; a reading older than {@code limitBackoff} no longer stops calls (see checkBudget). */
  private volatile @Nullable Instant usageReadAt;

  public SalesforceHttp(SalesforceSettings settings, Clock clock) {
    this(settings, clock, io.unisync.core.port.Sleeper.system());
  }

  /** With a sleeper for the retry backoff (a test or a simulation skips it). */
  public SalesforceHttp(SalesforceSettings settings, Clock clock, io.unisync.core.port.Sleeper sleeper) {
    this(settings, clock, sleeper, io.unisync.core.wire.Shared.resource("the Salesforce HTTP client",
        settings.requestTimeout(), () -> HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).version(HttpClient.Version.HTTP_1_1).build()));
  }

  /** With the HTTP clients to send through, asked again when one has stopped for good. */
  public SalesforceHttp(SalesforceSettings settings, Clock clock, io.unisync.core.port.Sleeper sleeper,
      java.util.function.Supplier<HttpClient> clients) {
    this(settings, clock, sleeper, new Replaceable<>("the Salesforce HTTP client", clients));
  }

  /** Sending through {@code http} (the process's shared client unless a test gives its own). */
  private SalesforceHttp(SalesforceSettings settings, Clock clock, io.unisync.core.port.Sleeper sleeper, Replaceable<HttpClient> http) {
    this.settings = settings;
    this.clock = clock;
    this.retrier = new Retrier("Salesforce", settings.retry(), clock, sleeper, Backoff.jitter(clock));
    this.http = http;
  }

  public ObjectMapper json() {
    return json;
  }

  public SalesforceSettings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public long calls() {
    return calls.get();
  }

  public long retries() {
    return retrier.retries();
  }

  /** The last {@code Sforce-Limit-Info} reading: requests used and allowed today (0/0 before the first call). */
  public long[] apiUsage() {
    return new long[] {usageUsed, usageMax};
  }

  /** The integration user's id (from the token's identity URL): our own writes carry it. */
  public String integrationUserId() {
    return retrier.call(CallClass.BACKGROUND, "the Salesforce session", deadline -> {
      try {
        return Retrier.Outcome.done(session(deadline).userId());
      } catch (SyncException e) {
        return Retrier.Outcome.retryOrThrow(e);
      }
    });
  }

  /**
   * Fetches the session now, if there is none, so the first interactive call is not a token fetch plus a read. A failure
   * is logged and left to the first call to retry.
   */
  public void warmUp() {
    try {
      session(retrier.deadline(CallClass.BACKGROUND));
    } catch (SyncException e) {
      LOG.warn("Could not open a Salesforce session ahead of the first call: {}", e.getMessage());
    }
  }

  /**
   * Runs a SOQL query ({@code queryAll} includes deleted and archived rows) and hands each row to {@code each} page
   * by page, so only one page is held at a time. At most {@link #MAX_QUERY_PAGES} pages are followed, and a page
   * whose {@code nextRecordsUrl} does not move stops the query: either way with an {@link AdapterException}
   * naming the query's object, never a loop.
   */
  public void query(String soql, boolean all, Consumer<JsonNode> each) {
    String next = "/" + (all ? "queryAll" : "query") + "?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
    int pages = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (next != null) {
      if (!seen.add(next)) {
        throw new AdapterException("Salesforce's nextRecordsUrl for a query (" + queried(soql) + ") came back to a page already read"
            + (pages == 1 ? "" : " after " + pages + " pages") + "; stopped");
      }
      if (++pages > MAX_QUERY_PAGES) {
        throw new AdapterException("a Salesforce query (" + queried(soql) + ") went on past " + MAX_QUERY_PAGES + " pages; stopped");
      }
      JsonNode page = call("GET", next, null);
      JsonNode records = page.get("records");
      if (records == null || !records.isArray()) {
        throw new RetryableAdapterException("Salesforce answered a query (" + queried(soql) + ") without a records array");
      }
      records.forEach(each);
      String following = page.path("done").asBoolean(true) ? null : page.path("nextRecordsUrl").asString(null);
      if (following != null && following.equals(next)) {
        throw new AdapterException("Salesforce's nextRecordsUrl for a query (" + queried(soql) + ") did not advance; stopped");
      }
      if (following != null && !following.startsWith("/services/data/")) {
        throw new AdapterException("Salesforce's nextRecordsUrl for a query (" + queried(soql) + ") is not a query locator of this API; stopped");
      }
      next = following;
    }
  }

  /** {@link #query(String, boolean, Consumer)} into a list, for look-ups whose size is bounded by their ids. */
  public List<JsonNode> query(String soql, boolean all) {
    List<JsonNode> records = new ArrayList<>();
    query(soql, all, records::add);
    return records;
  }

  /**
   * A query by ids ({@code WHERE <idField> IN (..)}), whose answer is checked against them: a row whose {@code idField}
   * was not asked for is refused (counted in {@link #unrequested()}, logged), whatever the server meant by it.
   */
  public List<JsonNode> queryByIds(String soql, String idField, java.util.Collection<String> ids) {
    // record ids compare by their 15-character form; a custom field's values (an External ID) exactly
    Requested asked = idField.endsWith("__c") ? Requested.ids(ids) : Requested.ids(ids, SalesforceHttp::idKey);
    List<JsonNode> rows = new ArrayList<>();
    query(soql, false, row -> {
      if (asked.admits(row.path(idField).asString(""))) {
        rows.add(row);
      }
    });
    if (asked.refused() > 0) {
      unrequested.addAndGet(asked.refused());
      LOG.warn("Salesforce's answer to a query by {} ids ({}) carried {} rows that were not asked for; they were refused",
          ids.size(), queried(soql), asked.refused());
    }
    return rows;
  }

  /** Rows refused because the answer carried them although the query did not ask for them. */
  public long unrequested() {
    return unrequested.get();
  }

  /** A Salesforce id's case-sensitive 15-character form: the 18-character one adds a checksum. */
  private static String idKey(String id) {
    return id.length() == 18 ? id.substring(0, 15) : id;
  }

  private static String queried(String soql) {
    int from = soql.toUpperCase(java.util.Locale.ROOT).indexOf(" FROM ");
    return from < 0 ? "SOQL" : "FROM " + soql.substring(from + 6).split(" ")[0];
  }

  /** POST or PATCH {@code /composite/sobjects} (at most 200 records); the per-record results, in order. */
  public JsonNode collection(String method, JsonNode body) {
    return call(method, "/composite/sobjects", body);
  }

  private JsonNode call(String method, String path, @Nullable JsonNode body) {
    return retrier.call(CallClass.BACKGROUND, method + " " + path, deadline -> attempt(method, path, body, deadline));
  }

  /**
   * One attempt: translates Salesforce's answer into a value, a retry (5xx with any body, 420, 429, network failures,
   * unreadable bodies), one renewal (401 {@code INVALID_SESSION_ID}), a pause ({@code REQUEST_LIMIT_EXCEEDED}) or a
   * permanent error. The retrier decides the rest.
   */
  private Retrier.Outcome<JsonNode> attempt(String method, String path, @Nullable JsonNode body, Instant deadline) {
    checkBudget();
    Session current;
    try {
      current = session(deadline);
    } catch (SyncException e) {
      return Retrier.Outcome.retryOrThrow(e);
    }
    URI uri = URI.create(current.instanceUrl() + (path.startsWith("/services/") ? path
        : "/services/data/v" + settings.apiVersion() + path));
    Duration timeout = retrier.attemptTimeout(deadline, settings.requestTimeout());
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Authorization", "Bearer " + current.token()).header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      calls.incrementAndGet();
      HttpResponse<byte[]> response = exchange(request.build(), deadline, timeout);
      response.headers().firstValue("Sforce-Limit-Info").ifPresent(this::readUsage);
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return Retrier.Outcome.done(response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body()));
      }
      String code = errorCode(response.body());
      if (status == 401 && code.equals("INVALID_SESSION_ID")) {
        try {
          renew(current, deadline);
        } catch (SyncException e) {
          return Retrier.Outcome.retryOrThrow(e); // the token endpoint failing now is retried like any transient failure
        }
        return Retrier.Outcome.renewed("Salesforce refused a freshly issued session for " + method + " " + path + "; check the connected app");
      }
      if (status == 403 && code.equals("REQUEST_LIMIT_EXCEEDED")) {
        Instant until = clock.instant().plus(settings.limitBackoff());
        pausedUntil = until;
        LOG.warn("Salesforce request limit exceeded; pausing calls until {}", until);
        throw new RetryableAdapterException("Salesforce REQUEST_LIMIT_EXCEEDED; calls resume at " + until, settings.limitBackoff(), null);
      }
      if (status >= 500 || status == 420 || status == 429) {
        return Retrier.Outcome.retry("HTTP " + status + (code.isEmpty() ? "" : " " + code));
      }
      throw new AdapterException("Salesforce answered HTTP " + status + " " + (code.isEmpty() ? "" : code + " ") + "to " + method + " " + path);
    } catch (IOException e) {
      return Retrier.Outcome.retry("network failure (" + e.getClass().getSimpleName() + ")");
    } catch (JacksonException e) {
      return Retrier.Outcome.retry("unreadable response body");
    }
  }

  /** The first {@code errorCode} of a top-level error array; empty for HTML or other bodies. */
  private String errorCode(byte[] body) {
    try {
      JsonNode node = json.readTree(body);
      return node.path(0).path("errorCode").asString(node.path("error").asString(""));
    } catch (JacksonException e) {
      return ""; // an HTML page from the edge, for example
    }
  }

  private void readUsage(String header) {
    Matcher m = API_USAGE.matcher(header);
    if (m.find()) {
      usageUsed = Long.parseLong(m.group(1));
      usageMax = Long.parseLong(m.group(2));
      usageReadAt = clock.instant();
    }
  }

  private void checkBudget() {
    Instant until = pausedUntil;
    Instant now = clock.instant();
    if (until != null && now.isBefore(until)) {
      throw new RetryableAdapterException("Salesforce calls are paused until " + until, Duration.between(now, until), null);
    }
    // The org counts every client's calls (other replicas, other integrations) in a rolling 24 hours and reports the
    // count on each answer, so the reading is shared truth; once it is older than limitBackoff one call may go and
    // read it again (the window rolls on), instead of this process refusing until it restarts.
    Instant readAt = usageReadAt;
    boolean fresh = readAt != null && now.isBefore(readAt.plus(settings.limitBackoff()));
    if (fresh && usageMax > 0 && usageUsed >= (long) (usageMax * settings.dailyBudgetShare())) {
      throw new RetryableAdapterException("the Salesforce daily budget is used up (" + usageUsed + " of " + usageMax
          + " requests, budget share " + settings.dailyBudgetShare() + ")", settings.limitBackoff(), null);
    }
  }

  private synchronized Session session(Instant deadline) {
    Session known = session;
    if (known == null) {
      known = fetchToken(deadline);
      session = known;
    }
    return known;
  }

  /** Single flight: only the caller still holding the stale session fetches; the others reuse its result. */
  private synchronized void renew(Session stale, Instant deadline) {
    if (session == stale) {
      session = null;
      session = fetchToken(deadline);
    }
  }

  /**
   * One exchange, headers and body, within {@code timeout}: no more than {@link SalesforceSettings#maxResponseBytes()}
   * of body (a larger answer fails the call, permanently), no byte for a third of the timeout cuts it off, and a JVM
   * {@link Error} met by the client is thrown as it is (see {@link Exchange#await}). A client that stopped for good is
   * replaced, so the next call has a working one.
   */
  private HttpResponse<byte[]> exchange(HttpRequest request, Instant deadline, Duration timeout) throws IOException {
    BoundedBody body = new BoundedBody(settings.maxResponseBytes(), "SalesforceSettings.maxResponseBytes");
    HttpClient client = http.get();
    try {
      return Exchange.await(client.sendAsync(request, info -> HttpResponse.BodySubscribers.fromSubscriber(body, BoundedBody::bytes)),
          body, clock, deadline, timeout, idle(timeout));
    } catch (IOException | RuntimeException e) {
      if (Exchange.clientStopped(e)) {
        http.replace(client);
      }
      throw e;
    }
  }

  /** No byte for a third of the request's time: the answer stalled. */
  private static Duration idle(Duration timeout) {
    return timeout.dividedBy(3).compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : timeout.dividedBy(3);
  }


  /**
   * One token call: a 5xx, a network failure or an unreadable answer is a {@link RetryableAdapterException} (the call
   * that needed the token retries it), a refusal a {@link ConfigurationException}.
   */
  private Session fetchToken(Instant deadline) {
    SalesforceAuth auth = settings.auth();
    String form = TokenGrant.form(auth, json, clock);
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.tokenUrl() + "/services/oauth2/token"))
        .timeout(retrier.attemptTimeout(deadline, settings.requestTimeout())).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    HttpResponse<byte[]> response;
    try {
      response = exchange(request, deadline, retrier.attemptTimeout(deadline, settings.requestTimeout()));
    } catch (IOException e) {
      throw new RetryableAdapterException("the Salesforce token call failed: " + e.getClass().getSimpleName(), e);
    }
    if (response.statusCode() >= 500) {
      throw new RetryableAdapterException("the Salesforce token endpoint answered HTTP " + response.statusCode());
    }
    JsonNode body;
    try {
      body = json.readTree(response.body());
    } catch (JacksonException e) {
      throw new RetryableAdapterException("the Salesforce token endpoint answered HTTP " + response.statusCode() + " with a body that is not JSON");
    }
    if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
      throw new ConfigurationException("Salesforce OAuth", List.of("the token endpoint refused client " + auth.clientId()
          + ": " + body.path("error").asString("HTTP " + response.statusCode()) + " " + body.path("error_description").asString("")));
    }
    return session(body);
  }

  /**
   * A 200 answer as a session, checked before it is kept: a token that is text, an {@code instance_url} that passes the
   * same rule as the configured token URL (absolute, https or loopback http, no credentials), and a user id. Anything
   * else is no answer (retried, nothing kept), so one bad answer cannot poison the client for the life of the process.
   */
  private Session session(JsonNode body) {
    JsonNode token = body.path("access_token");
    String instance = body.path("instance_url").asString("");
    String id = body.path("id").asString("");
    String userId = id.substring(id.lastIndexOf('/') + 1);
    List<String> problems = new ArrayList<>();
    if (!token.isString() || token.asString().isBlank()) {
      problems.add("access_token is not text");
    }
    URI instanceUrl = null;
    try {
      instanceUrl = URI.create(instance);
      problems.addAll(Endpoints.problems("instance_url", instanceUrl, "https://acme.my.salesforce.com"));
    } catch (IllegalArgumentException e) {
      problems.add("instance_url is not a URL");
    }
    if (!isRecordId(userId)) {
      problems.add("id does not end in a user id");
    }
    if (!problems.isEmpty() || instanceUrl == null) {
      throw new RetryableAdapterException("the Salesforce token endpoint answered 200 with a session that cannot be used ("
          + String.join("; ", problems) + "); it is not kept");
    }
    return new Session(token.asString(), URI.create(stripSlash(instanceUrl.toString())), userId);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** How Salesforce writes a date and time in query results ({@code 2024-01-16T23:32:19.000+0000}). */
  private static final java.time.format.DateTimeFormatter SF_DATETIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /**
   * A date and time from a query row: Salesforce's own form, or ISO with a colon in the offset or {@code Z}; null when
   * the value is absent, not text, or none of them (a row holding it is quarantined by its reader, never guessed).
   */
  public static @Nullable Instant time(JsonNode value) {
    if (!value.isString()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(value.asString(), SF_DATETIME).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(value.asString()).toInstant();
      } catch (java.time.format.DateTimeParseException again) {
        return null;
      }
    }
  }

  /** Whether {@code id} has the form of a Salesforce record id: 15 or 18 letters and digits. */
  public static boolean isRecordId(String id) {
    return id.matches("[a-zA-Z0-9]{15,18}");
  }

  /** Ids as a SOQL list for {@code IN (..)}: each quoted and escaped, duplicates dropped. */
  public static String soqlList(java.util.Collection<String> ids) {
    return ids.stream().distinct().map(id -> "'" + id.replace("\\", "\\\\").replace("'", "\\'") + "'")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return "SalesforceHttp[" + settings.tokenUrl() + "]";
  }
}
