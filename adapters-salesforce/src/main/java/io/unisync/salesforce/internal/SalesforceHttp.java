package io.unisync.salesforce.internal;

import io.unisync.core.error.AdapterException;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.error.SyncException;
import io.unisync.core.retry.Backoff;
import io.unisync.core.retry.CallClass;
import io.unisync.core.retry.Retrier;
import io.unisync.salesforce.SalesforceAuth;
import io.unisync.salesforce.SalesforceSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
  private final HttpClient http;
  private final ObjectMapper json = JsonMapper.builder().build();
  private final Retrier retrier;
  private final AtomicLong calls = new AtomicLong();
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
    this.settings = settings;
    this.clock = clock;
    this.retrier = new Retrier("Salesforce", settings.retry(), clock, sleeper, Backoff.jitter(clock));
    this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).version(HttpClient.Version.HTTP_1_1).build();
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
    return session().userId();
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
    while (next != null) {
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
      next = following;
    }
  }

  /** {@link #query(String, boolean, Consumer)} into a list, for look-ups whose size is bounded by their ids. */
  public List<JsonNode> query(String soql, boolean all) {
    List<JsonNode> records = new ArrayList<>();
    query(soql, all, records::add);
    return records;
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
      HttpResponse<byte[]> response = exchange(request.build(), timeout);
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableAdapterException("interrupted during " + method + " " + path, e);
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

  private Session session() {
    return session(retrier.deadline(CallClass.BACKGROUND));
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
   * One exchange, headers and body, within the request timeout: a body that trickles is cut off there instead of
   * holding the caller (the request's own timeout covers only the headers).
   */
  private HttpResponse<byte[]> exchange(HttpRequest request, Duration timeout) throws IOException, InterruptedException {
    java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return pending.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      pending.cancel(true);
      throw new java.net.http.HttpTimeoutException("no complete answer within " + timeout);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    }
  }

  /**
   * One token call: a 5xx, a network failure or an unreadable answer is a {@link RetryableAdapterException} (the call
   * that needed the token retries it), a refusal a {@link ConfigurationException}.
   */
  private Session fetchToken(Instant deadline) {
    SalesforceAuth auth = settings.auth();
    String form;
    if (auth instanceof SalesforceAuth.ClientCredentials cc) {
      form = "grant_type=client_credentials&client_id=" + enc(cc.clientId()) + "&client_secret=" + enc(cc.clientSecret());
    } else if (auth instanceof SalesforceAuth.RefreshToken rt) {
      form = "grant_type=refresh_token&client_id=" + enc(rt.clientId()) + "&client_secret=" + enc(rt.clientSecret())
          + "&refresh_token=" + enc(rt.refreshToken());
    } else if (auth instanceof SalesforceAuth.JwtBearer jwt) {
      form = "grant_type=" + enc("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion=" + enc(assertion(jwt));
    } else {
      throw new IllegalStateException("unknown auth " + auth.getClass().getSimpleName());
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.tokenUrl() + "/services/oauth2/token"))
        .timeout(retrier.attemptTimeout(deadline, settings.requestTimeout())).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    HttpResponse<byte[]> response;
    try {
      response = exchange(request, retrier.attemptTimeout(deadline, settings.requestTimeout()));
    } catch (IOException e) {
      throw new RetryableAdapterException("the Salesforce token call failed: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableAdapterException("interrupted during the Salesforce token call", e);
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
    String id = body.path("id").asString("");
    return new Session(body.path("access_token").asString(), URI.create(body.path("instance_url").asString()),
        id.substring(id.lastIndexOf('/') + 1));
  }

  /** A JWT bearer assertion: RS256 over base64url(header).base64url(claims), expiring within three minutes. */
  private String assertion(SalesforceAuth.JwtBearer jwt) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    var claims = json.createObjectNode();
    claims.put("iss", jwt.clientId());
    claims.put("sub", jwt.username());
    claims.put("aud", jwt.audience());
    claims.put("exp", clock.instant().plusSeconds(170).getEpochSecond());
    String payload = b64.encodeToString(json.writeValueAsBytes(claims));
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(jwt.privateKey());
      signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "." + b64.encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException("Salesforce JWT bearer", List.of("the private key cannot sign RS256: " + e.getClass().getSimpleName()));
    }
  }

  /** Ids as a SOQL list for {@code IN (..)}: each quoted and escaped, duplicates dropped. */
  public static String soqlList(java.util.Collection<String> ids) {
    return ids.stream().distinct().map(id -> "'" + id.replace("\\", "\\\\").replace("'", "\\'") + "'")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SalesforceHttp[" + settings.tokenUrl() + "]";
  }
}
