package io.unisync.marketo.internal;

import io.unisync.core.error.AdapterException;
import io.unisync.core.error.ConfigurationException;
import io.unisync.core.error.RetryableAdapterException;
import io.unisync.core.error.SyncException;
import io.unisync.core.port.Backoff;
import io.unisync.marketo.MarketoSettings;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
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
 * 615, 713, 1029 (queue), HTTP 5xx, timeouts, resets and truncated bodies are retried up to
 * {@code maxRetries} times with exponential backoff and jitter, then surface as
 * {@link RetryableAdapterException}; 607 (daily quota) pauses every call until midnight America/Chicago
 * and surfaces with that retry-after; everything else is an {@link AdapterException} naming the code.
 */
public final class MarketoHttp {

  private static final Logger LOG = LoggerFactory.getLogger(MarketoHttp.class);
  private static final ZoneId CENTRAL = ZoneId.of("America/Chicago");
  private static final Set<String> RETRYABLE = Set.of("604", "606", "608", "611", "615", "713", "1029");

  private final MarketoSettings settings;
  private final Clock clock;
  private final HttpClient http;
  private final ObjectMapper json = JsonMapper.builder().build();
  private final RateLimiter limiter;
  private final TokenCache tokens;
  private final SplittableRandom jitter = new SplittableRandom();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private volatile @Nullable Instant pausedUntil;
  private long dailyCalls;
  private java.time.@Nullable LocalDate quotaDay;

  public MarketoHttp(MarketoSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    this.limiter = new RateLimiter(settings.effectiveCallsPerWindow(), settings.rateWindow(), settings.effectiveConcurrency());
    this.tokens = new TokenCache(this::fetchToken, clock, settings.tokenRefreshMargin());
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

  /** Calls repeated after a retryable failure. */
  public long retries() {
    return retries.get();
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
   * Opens a bulk file from byte {@code from} (a {@code Range} request when not 0). The stream holds one
   * concurrency slot until closed.
   */
  public InputStream download(String path, long from) {
    for (int attempt = 0; ; attempt++) {
      checkPaused();
      TokenCache.Token token = tokens.get();
      HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(settings.requestTimeout().multipliedBy(10))
          .header("Authorization", "Bearer " + token.value()).GET();
      if (from > 0) {
        request.header("Range", "bytes=" + from + "-");
      }
      acquire(RateLimiter.Priority.BACKGROUND);
      boolean handedOver = false;
      try {
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status == 200 || status == 206) {
          handedOver = true;
          return new FilterInputStream(response.body()) {
            private boolean closed;

            @Override
            public void close() throws IOException {
              try {
                super.close();
              } finally {
                if (!closed) {
                  closed = true;
                  limiter.release();
                }
              }
            }
          };
        }
        response.body().close();
        if (status == 404) {
          throw new AdapterException("Marketo bulk file " + path + " is not available (404): the export is not completed or expired");
        }
        if (status >= 500 && attempt < settings.maxRetries()) {
          backoff(attempt, "HTTP " + status + " on " + path);
          continue;
        }
        throw new RetryableAdapterException("Marketo answered HTTP " + status + " for " + path);
      } catch (IOException e) {
        if (attempt < settings.maxRetries()) {
          backoff(attempt, "network failure on " + path);
          continue;
        }
        throw new RetryableAdapterException("downloading " + path + " failed: " + e.getClass().getSimpleName(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetryableAdapterException("interrupted while downloading " + path, e);
      } finally {
        if (!handedOver) {
          limiter.release();
        }
      }
    }
  }

  /** Builds a request for a token; the caller adds nothing but what the function sets. */
  private interface RequestFactory {
    HttpRequest.Builder build(TokenCache.Token token);
  }

  private JsonNode call(String what, RateLimiter.Priority priority, RequestFactory factory) {
    boolean renewed = false;
    for (int attempt = 0; ; ) {
      checkPaused();
      TokenCache.Token token = tokens.get();
      HttpRequest request = factory.build(token).timeout(settings.requestTimeout())
          .header("Authorization", "Bearer " + token.value())
          .header("Accept", "application/json").build();
      String retryReason;
      JsonNode envelope;
      acquire(priority);
      try {
        calls.incrementAndGet();
        countDaily();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status >= 500) {
          retryReason = "HTTP " + status;
          envelope = null;
        } else if (status != 200) {
          throw new AdapterException("Marketo answered HTTP " + status + " to " + what);
        } else {
          envelope = json.readTree(response.body());
          retryReason = null;
        }
      } catch (IOException e) {
        retryReason = "network failure (" + e.getClass().getSimpleName() + ")";
        envelope = null;
      } catch (JacksonException e) {
        retryReason = "unreadable or truncated response body";
        envelope = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetryableAdapterException("interrupted during " + what, e);
      } finally {
        limiter.release();
      }
      if (envelope != null) {
        if (envelope.path("success").asBoolean(false)) {
          return envelope;
        }
        JsonNode error = envelope.path("errors").path(0);
        String code = error.path("code").asString("");
        String message = error.path("message").asString("");
        if (code.equals("601") || code.equals("602")) {
          tokens.invalidate(token);
          if (!renewed) {
            renewed = true;
            continue; // one renewal and one repeat; not counted as a retry
          }
          throw new AdapterException("Marketo rejected a freshly issued token (" + code + ") for " + what + "; check the API user's role");
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
        if (!RETRYABLE.contains(code)) {
          throw new MarketoErrorException(code, "Marketo error " + code + " (" + message + ") for " + what);
        }
        retryReason = "Marketo error " + code;
      }
      if (attempt >= settings.maxRetries()) {
        throw new RetryableAdapterException(what + " failed after " + (attempt + 1) + " attempts: " + retryReason);
      }
      backoff(attempt, retryReason + " on " + what);
      attempt++;
    }
  }

  private TokenCache.Token fetchToken() {
    String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId())
        + "&client_secret=" + encode(settings.clientSecret());
    HttpRequest request = HttpRequest.newBuilder(url("/identity/oauth/token"))
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    for (int attempt = 0; ; attempt++) {
      try {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 500 && attempt < settings.maxRetries()) {
          backoff(attempt, "identity HTTP " + response.statusCode());
          continue;
        }
        JsonNode body = json.readTree(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
          throw new ConfigurationException("Marketo identity", List.of("the identity endpoint refused client id "
              + settings.clientId() + ": " + body.path("error").asString("HTTP " + response.statusCode())
              + " " + body.path("error_description").asString("")));
        }
        long seconds = body.path("expires_in").asLong(0);
        return new TokenCache.Token(body.path("access_token").asString(), clock.instant().plusSeconds(seconds));
      } catch (IOException | JacksonException e) {
        if (attempt < settings.maxRetries()) {
          backoff(attempt, "identity call failed");
          continue;
        }
        throw new RetryableAdapterException("Marketo identity call failed: " + e.getClass().getSimpleName(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetryableAdapterException("interrupted during the Marketo identity call", e);
      }
    }
  }

  private void acquire(RateLimiter.Priority priority) {
    try {
      limiter.acquire(priority);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableAdapterException("interrupted while waiting for the Marketo rate limit", e);
    }
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

  private synchronized void countDaily() {
    java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(CENTRAL));
    if (!today.equals(quotaDay)) {
      quotaDay = today;
      dailyCalls = 0;
    }
    if (++dailyCalls > settings.dailyQuota()) {
      Instant reset = nextMidnightCentral();
      pausedUntil = reset;
      throw new RetryableAdapterException("the configured Marketo daily quota of " + settings.dailyQuota()
          + " calls is used up; calls resume at " + reset, Duration.between(clock.instant(), reset), null);
    }
  }

  private Instant nextMidnightCentral() {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(CENTRAL));
    return now.toLocalDate().plusDays(1).atStartOfDay(CENTRAL).toInstant();
  }

  private void backoff(int attempt, String reason) {
    retries.incrementAndGet();
    long delay = new Backoff(settings.retryBaseDelay(), settings.retryMaxDelay()).delay(attempt + 1, jitter).toMillis();
    LOG.debug("Retrying Marketo call in {} ms after {}", delay, reason);
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableAdapterException("interrupted while backing off after " + reason, e);
    }
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
