package io.unisync.marketo.internal;

import io.unisync.core.error.AdapterException;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.error.SyncException;
import io.unisync.core.port.CallBudget;
import io.unisync.core.retry.Backoff;
import io.unisync.core.retry.CallClass;
import io.unisync.core.retry.Retrier;
import io.unisync.core.wire.BoundedBody;
import io.unisync.core.wire.Exchange;
import io.unisync.core.wire.Replaceable;
import io.unisync.core.wire.ServerText;
import io.unisync.marketo.MarketoSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Marketo REST client: authentication, the response envelope, error codes, retries with backoff and
 * jitter, the instance's rate limit and the daily quota. One per Marketo instance, shared by every
 * adapter of that instance. Thread-safe.
 *
 * <p>Error handling: 601/602 renew the token once (single flight) and repeat the call; 604, 606, 608, 611,
 * 615, 713, 1029 "Too many jobs in queue", HTTP 5xx, timeouts, resets and truncated bodies are retries, which the shared
 * {@link Retrier} runs under {@link MarketoSettings#retry()} (attempts and a deadline per call class), then
 * surface as {@link RetryableAdapterException}; 607 (daily quota) pauses every call until midnight America/Chicago
 * and surfaces with that retry-after; everything else is an {@link AdapterException} naming the code.
 */
public final class MarketoHttp {

  private static final Logger LOG = LoggerFactory.getLogger(MarketoHttp.class);
  /** Where Marketo's days begin: its daily quota and export allowance reset at midnight there. */
  static final ZoneId CENTRAL = ZoneId.of("America/Chicago");
  private static final Set<String> RETRYABLE = Set.of("604", "606", "608", "611", "615", "713", "1029");

  private final MarketoSettings settings;
  private final Clock clock;
  private final Replaceable<HttpClient> http;
  private final ObjectMapper json = JsonMapper.builder().build();
  private final CallBudget budget;
  private final TokenCache tokens;
  private final Retrier retrier;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong unrequested = new AtomicLong();
  private volatile @Nullable Instant pausedUntil;
  private final io.unisync.core.port.Sleeper sleeper;

  public MarketoHttp(MarketoSettings settings, Clock clock) {
    this(settings, clock, new LocalCallBudget(settings.callLimits(), clock));
  }

  /** How this client waits. */
  public io.unisync.core.port.Sleeper sleeper() {
    return sleeper;
  }

  /** The call budget every call draws on. */
  public CallBudget budget() {
    return budget;
  }

  /** With the instance's call budget shared with other processes (a {@code JdbcCallBudget}). */
  public MarketoHttp(MarketoSettings settings, Clock clock, CallBudget budget) {
    this(settings, clock, budget, io.unisync.core.port.Sleeper.system());
  }

  /** With a sleeper for every wait (export polls, retry backoff): a time-true simulation skips them. */
  public MarketoHttp(MarketoSettings settings, Clock clock, CallBudget budget, io.unisync.core.port.Sleeper sleeper) {
    this(settings, clock, budget, sleeper, io.unisync.core.wire.Shared.resource("the Marketo HTTP client",
        settings.requestTimeout(), () -> HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).version(HttpClient.Version.HTTP_1_1).build()));
  }

  /** With the HTTP clients to send through, asked again when one has stopped for good. */
  public MarketoHttp(MarketoSettings settings, Clock clock, CallBudget budget, io.unisync.core.port.Sleeper sleeper,
      java.util.function.Supplier<HttpClient> clients) {
    this(settings, clock, budget, sleeper, new Replaceable<>("the Marketo HTTP client", clients));
  }

  /** Sending through {@code http} (the process's shared client unless a test gives its own). */
  private MarketoHttp(MarketoSettings settings, Clock clock, CallBudget budget, io.unisync.core.port.Sleeper sleeper,
      Replaceable<HttpClient> http) {
    this.sleeper = sleeper;
    this.settings = settings;
    this.clock = clock;
    this.retrier = new Retrier("Marketo", settings.retry(), clock, sleeper, Backoff.jitter(clock));
    this.http = http;
    this.budget = budget;
    this.tokens = new TokenCache(this::fetchToken, clock, settings.tokenRefreshMargin(), settings.limits().tokenFailureHold());
  }

  public ObjectMapper json() {
    return json;
  }

  public MarketoSettings settings() {
    return settings;
  }

  /** API calls made (identity excluded). */
  public long calls() {
    return calls.get();
  }

  /** Records refused because the answer carried them although the request did not ask for them. */
  public long unrequested() {
    return unrequested.get();
  }

  /** Counts records refused as not asked for (see {@link io.unisync.core.wire.Requested}). */
  public void noteUnrequested(int records) {
    unrequested.addAndGet(records);
  }

  /** Calls repeated after a retryable failure. */
  public long retries() {
    return retrier.retries();
  }

  /** GET a REST path ({@code /rest/v1/...}); returns the envelope after its success check. */
  public JsonNode get(String path, Map<String, String> query, RateLimiter.Priority priority) {
    String uri = path + queryString(query);
    if (uri.length() > 7_000) {
      // Marketo refuses URIs over 8 KB; the documented way round is POST with _method=GET and a form body.
      return call("GET " + path, priority, token -> HttpRequest.newBuilder(url(path + "?_method=GET"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(queryString(query).substring(1))));
    }
    return call("GET " + path, priority, token -> HttpRequest.newBuilder(url(uri)).GET());
  }

  /** POST a JSON body. */
  public JsonNode post(String path, @Nullable JsonNode body, RateLimiter.Priority priority) {
    byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
    return call("POST " + path, priority, token -> HttpRequest.newBuilder(url(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
  }

  /**
   * Opens a bulk file from byte {@code from} (a {@code Range} request when not 0). A server that ignores the
   * range and sends the whole file again ({@code 200}) is read from the start and the first {@code from} bytes
   * skipped, so the file is never spliced. Every read of the returned stream is bounded by the idle time
   * ({@code requestTimeout}) and by the deadline the caller moves with {@link BulkDownload#deadline(Instant)}.
   * The stream holds one concurrency slot until closed.
   */
  public BulkDownload download(String path, long from, Instant deadline) {
    return retrier.call(CallClass.BACKGROUND, deadline, "GET " + path, until -> downloadAttempt(path, from, until));
  }

  private Retrier.Outcome<BulkDownload> downloadAttempt(String path, long from, Instant deadline) {
    checkPaused();
    TokenCache.Token token;
    try {
      token = tokens.get(deadline);
    } catch (SyncException e) {
      return Retrier.Outcome.retryOrThrow(e);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(retrier.attemptTimeout(deadline, settings.requestTimeout()))
        .header("Authorization", "Bearer " + token.value()).GET();
    if (from > 0) {
      request.header("Range", "bytes=" + from + "-");
    }
    CallBudget.CallPermit permit = acquire(RateLimiter.Priority.BACKGROUND, deadline);
    boolean handedOver = false;
    DeadlineStream body = new DeadlineStream(clock, settings.requestTimeout(), deadline);
    try {
      HttpResponse<InputStream> response = await(request.build(), info -> body, null, deadline,
          retrier.attemptTimeout(deadline, settings.requestTimeout()));
      int status = response.statusCode();
      if (status == 200 || status == 206) {
        if (status == 200 && from > 0) {
          BulkDownload.skipFully(body, from);
        }
        handedOver = true;
        return Retrier.Outcome.done(new BulkDownload(body, permit));
      }
      body.close();
      if (status == 404) {
        throw new UnusableExportFile("Marketo bulk file " + path + " is not available (404): the export is not completed or its"
            + " file expired (Marketo keeps it 7 days)");
      }
      if (status >= 500) {
        return Retrier.Outcome.retry("HTTP " + status + " on " + path);
      }
      throw new RetryableAdapterException("Marketo answered HTTP " + status + " for " + path);
    } catch (IOException e) {
      body.close();
      return Retrier.Outcome.retry("network failure on " + path + " (" + e.getClass().getSimpleName() + ")");
    } finally {
      if (!handedOver) {
        permit.close();
      }
    }
  }

  /** Builds a request for a token; the caller adds nothing but what the function sets. */
  private interface RequestFactory {
    HttpRequest.Builder build(TokenCache.Token token);
  }

  /**
   * Runs {@code operation} (several calls, for one seller-facing answer) under one interactive deadline: every
   * call in it ends by then, however many it makes.
   */
  public <T> T withinInteractiveDeadline(java.util.function.Supplier<T> operation) {
    return retrier.within(CallClass.INTERACTIVE, operation);
  }

  /** Runs {@code operation} so that none of its calls starts after {@code deadline} and each ends by then. */
  public <T> T within(Instant deadline, java.util.function.Supplier<T> operation) {
    return retrier.within(deadline, operation);
  }

  private JsonNode call(String what, RateLimiter.Priority priority, RequestFactory factory) {
    return retrier.call(callClass(priority), what, deadline -> attempt(what, priority, factory, deadline));
  }

  private static CallClass callClass(RateLimiter.Priority priority) {
    return priority == RateLimiter.Priority.INTERACTIVE ? CallClass.INTERACTIVE : CallClass.BACKGROUND;
  }

  /**
   * One attempt: translates Marketo's answer into a value, a retry (5xx, network, unreadable answers, the retryable
   * codes), one renewal (601/602), a pause (607, the export allowance) or a permanent error. The retrier decides the rest.
   */
  private Retrier.Outcome<JsonNode> attempt(String what, RateLimiter.Priority priority, RequestFactory factory, Instant deadline) {
    checkPaused();
    TokenCache.Token token;
    try {
      token = tokens.get(deadline);
    } catch (SyncException e) {
      return Retrier.Outcome.retryOrThrow(e); // the identity endpoint failing is retried; a refusal is not
    }
    HttpRequest request = factory.build(token).timeout(retrier.attemptTimeout(deadline, settings.requestTimeout()))
        .header("Authorization", "Bearer " + token.value())
        .header("Accept", "application/json").build();
    JsonNode envelope;
    CallBudget.CallPermit permit = acquire(priority, deadline);
    try {
      calls.incrementAndGet();
      BoundedBody capped = new BoundedBody(settings.limits().maxResponseBytes(), "MarketoLimits.maxResponseBytes");
      HttpResponse<byte[]> response = await(request, info -> HttpResponse.BodySubscribers.fromSubscriber(capped, BoundedBody::bytes), capped,
          deadline, retrier.attemptTimeout(deadline, settings.requestTimeout()));
      int status = response.statusCode();
      if (status >= 500) {
        return Retrier.Outcome.retry("HTTP " + status);
      } else if (status != 200) {
        throw new AdapterException("Marketo answered HTTP " + status + " to " + what);
      }
      envelope = readEnvelope(response.body());
      if (!envelope.isObject()) {
        return Retrier.Outcome.retry("an answer that is not a JSON object");
      }
    } catch (IOException e) {
      return Retrier.Outcome.retry("network failure (" + e.getClass().getSimpleName() + ")");
    } catch (JacksonException e) {
      return Retrier.Outcome.retry("unreadable or truncated response body");
    } finally {
      permit.close();
    }
    if (envelope.path("success").asBoolean(false)) {
      return Retrier.Outcome.done(envelope);
    }
    JsonNode error = envelope.path("errors").path(0);
    String code = error.path("code").asString("");
    String message = error.path("message").asString("");
    if (code.equals("601") || code.equals("602")) {
      tokens.invalidate(token);
      return Retrier.Outcome.renewed("Marketo rejected a freshly issued token (" + code + ") for " + what + "; check the API user's role");
    }
    if (code.equals("607")) {
      Instant reset = nextMidnightCentral();
      pausedUntil = reset;
      LOG.warn("Marketo daily quota reached; pausing all calls until {}", reset);
      throw new RetryableAdapterException("Marketo daily quota reached (607); calls resume at " + reset,
          Duration.between(clock.instant(), reset), null);
    }
    if (code.equals("1029") && message.toLowerCase(java.util.Locale.ROOT).contains("daily quota")) {
      Instant reset = nextMidnightCentral();
      throw new RetryableAdapterException("Marketo bulk export daily quota exceeded (1029); try after " + reset,
          Duration.between(clock.instant(), reset), null);
    }
    if (code.equals("1029") && message.toLowerCase(java.util.Locale.ROOT).contains("already")) {
      // 1029 has three meanings, told apart by their text: the queue is full ("Too many jobs in queue", a retry, below),
      // the export allowance is spent (above), and a job that is already queued or done, which repeating cannot change:
      // the caller decides (enqueue takes "Job already queued" as success).
      throw new MarketoErrorException(code, "Marketo error " + code + " (" + ServerText.printable(message) + ") for " + what);
    }
    if (code.isEmpty()) {
      return Retrier.Outcome.retry("an answer with neither success nor an error code");
    }
    if (!RETRYABLE.contains(code)) {
      throw new MarketoErrorException(code, "Marketo error " + code + " (" + ServerText.printable(message) + ") for " + what);
    }
    return Retrier.Outcome.retry("Marketo error " + code);
  }

  /**
   * Sends {@code request} and waits for its answer, headers and body, at most {@code timeout} and not past the call's
   * {@code deadline}, cutting it off when no byte
   * comes for a third of the request timeout; a JVM {@link Error} met by the client is thrown as it is, and a client
   * that stopped for good is replaced (see {@link Exchange#await}).
   */
  private <T> HttpResponse<T> await(HttpRequest request, HttpResponse.BodyHandler<T> handler, @Nullable BoundedBody body, Instant deadline,
      Duration timeout) throws IOException {
    HttpClient client = http.get();
    if (!clock.instant().isBefore(deadline)) {
      // the last check before the request is handed over: a call whose deadline (a claim's end) passed while it waited
      // for a token, a rate-limit slot or a paused thread is not sent at all
      throw new HttpTimeoutException("the call's deadline passed before its request was sent; it was not sent");
    }
    try {
      // a streamed body (a bulk file) bounds its own reads; its headers get the whole attempt
      return Exchange.await(client.sendAsync(request, handler), body, clock, deadline, timeout, body == null ? timeout : idle());
    } catch (AdapterException tooLarge) {
      throw new AdapterException("Marketo's answer: " + tooLarge.getMessage(), tooLarge);
    } catch (IOException | RuntimeException e) {
      if (Exchange.clientStopped(e)) {
        http.replace(client);
      }
      throw e;
    }
  }

  /** No byte for a third of the request timeout: the answer stalled. */
  private Duration idle() {
    Duration third = settings.requestTimeout().dividedBy(3);
    return third.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : third;
  }


  /**
   * Fetches a token now, if none is held, so the first seller-facing call (the send gate, a Smart Grid read) is not a
   * token fetch plus a read within its 1.5 s. A failure is logged and left to the first call to retry.
   */
  public void warmUp() {
    try {
      tokens.get(retrier.deadline(CallClass.BACKGROUND));
    } catch (SyncException e) {
      LOG.warn("Could not fetch a Marketo token ahead of the first call: {}", e.getMessage());
    }
  }

  /**
   * Marks an answer that carried bytes which are not UTF-8: they were read as {@link #REPAIRED_CHARACTER}, and a reader
   * quarantines the records holding one instead of storing a damaged value.
   */
  public static final String REPAIRED_UTF8 = "__unisyncRepairedUtf8";
  /** What a byte that is not UTF-8 reads as in a {@linkplain #REPAIRED_UTF8 repaired} answer. */
  public static final char REPAIRED_CHARACTER = '\uFFFD';

  /**
   * The answer's JSON. Bytes that are not UTF-8 inside one string (one lead's damaged field) would make the whole answer
   * unreadable on every pass; such an answer is read with those bytes replaced and marked {@link #REPAIRED_UTF8}, so only
   * the records holding them are quarantined.
   */
  private JsonNode readEnvelope(byte[] body) {
    try {
      return json.readTree(body);
    } catch (JacksonException e) {
      java.nio.charset.CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder();
      try {
        strict.decode(java.nio.ByteBuffer.wrap(body));
        throw e; // valid UTF-8: the JSON itself is broken
      } catch (java.nio.charset.CharacterCodingException notUtf8) {
        JsonNode repaired = json.readTree(new String(body, StandardCharsets.UTF_8)); // malformed bytes read as U+FFFD
        if (repaired instanceof tools.jackson.databind.node.ObjectNode object) {
          object.put(REPAIRED_UTF8, true);
        }
        return repaired;
      }
    }
  }

  /** Starts a token fetch; it runs with the full request timeout whoever waits for it, and for how long. */
  private CompletableFuture<TokenCache.Token> fetchToken() {
    String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId())
        + "&client_secret=" + encode(settings.clientSecret());
    HttpRequest request = HttpRequest.newBuilder(url("/identity/oauth/token"))
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    BoundedBody capped = new BoundedBody(64 * 1024, "the identity answer's 64 KiB");
    CompletableFuture<HttpResponse<byte[]>> exchange = http.get().sendAsync(request,
        info -> HttpResponse.BodySubscribers.fromSubscriber(capped, BoundedBody::bytes));
    CompletableFuture<TokenCache.Token> token = CompletableFuture.anyOf(exchange, capped.failure()).thenCompose(done -> exchange)
        .orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(this::token);
    token.whenComplete((t, error) -> {
      if (error != null) {
        exchange.cancel(true);
      }
    });
    return token;
  }

  private TokenCache.Token token(HttpResponse<byte[]> response) {
    if (response.statusCode() >= 500) {
      throw new RetryableAdapterException("the Marketo identity endpoint answered HTTP " + response.statusCode());
    }
    JsonNode body;
    try {
      body = json.readTree(response.body());
    } catch (JacksonException e) {
      throw new RetryableAdapterException("the Marketo identity endpoint answered HTTP " + response.statusCode()
          + " with a body that is not JSON");
    }
    if (response.statusCode() != 200 || !body.path("access_token").isString() || body.path("access_token").asString().isBlank()) {
      throw new ConfigurationException("Marketo identity", List.of("the identity endpoint refused client id "
          + settings.clientId() + ": " + ServerText.printable(body.path("error").asString("HTTP " + response.statusCode()))
          + " " + ServerText.printable(body.path("error_description").asString(""))));
    }
    long seconds = body.path("expires_in").asLong(0);
    if (seconds <= 0 || seconds > 86_400) {
      seconds = 60; // an answer we cannot read does not get to decide the token's life: renew soon
    }
    return new TokenCache.Token(body.path("access_token").asString(), clock.instant().plusSeconds(seconds));
  }

  private CallBudget.CallPermit acquire(RateLimiter.Priority priority, Instant deadline) {
    CallBudget.Admission admission = budget.acquire(priority == RateLimiter.Priority.INTERACTIVE, Duration.between(clock.instant(), deadline));
    if (admission instanceof CallBudget.Granted granted) {
      return granted.permit();
    }
    if (admission instanceof CallBudget.QuotaUsed used) {
      pausedUntil = used.resetsAt();
      throw new RetryableAdapterException("the configured Marketo daily quota of " + settings.rateLimit().dailyQuota()
          + " calls is used up; calls resume at " + used.resetsAt(), Duration.between(clock.instant(), used.resetsAt()), null);
    }
    throw new RetryableAdapterException("no Marketo rate-limit slot before the call's deadline");
  }

  private void checkPaused() {
    Instant until = pausedUntil;
    if (until != null) {
      Instant now = clock.instant();
      if (now.isBefore(until)) {
        throw new RetryableAdapterException("Marketo daily quota reached; calls resume at " + until, Duration.between(now, until), null);
      }
      pausedUntil = null;
    }
  }

  /** The next midnight in Chicago, when Marketo's daily quota and export allowance reset. */
  Instant nextMidnightCentral() {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(CENTRAL));
    return now.toLocalDate().plusDays(1).atStartOfDay(CENTRAL).toInstant();
  }

  private URI url(String pathAndQuery) {
    return URI.create(settings.baseUrl() + pathAndQuery);
  }

  static String queryString(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringJoiner joiner = new StringJoiner("&", "?", "");
    query.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
    return joiner.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "MarketoHttp[" + settings.baseUrl() + "]";
  }
}
