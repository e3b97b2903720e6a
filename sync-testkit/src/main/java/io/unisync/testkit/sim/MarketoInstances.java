package io.unisync.testkit.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Many simulated Marketo instances served from one port of 127.0.0.1, as a fleet of tenants sees them: each instance
 * at {@code http://127.0.0.1:<port>/<name>} with its own people, limits (rate, concurrency, daily quota, exports),
 * tokens and clock (the rate window, as in every simulator, on real time), exactly as a {@link MarketoSimulator} of its own would be. A thousand instances cost one server
 * and one pool of threads instead of a thousand.
 *
 * <pre>{@code
 * try (MarketoInstances marketo = MarketoInstances.start(32)) {
 *   MarketoSimulator acme = marketo.add("acme", SyntheticPeople.of(500, 1), MarketoSimulator.Options.defaults(), clock);
 *   ... MarketoSettings.of(acme.baseUrl(), MarketoSimulator.CLIENT_ID, MarketoSimulator.CLIENT_SECRET) ...
 * }
 * }</pre>
 *
 * A path under no instance's name is answered 404 with a plain-text body (Marketo's front end answers an unknown host
 * with no JSON either). Thread-safe: instances may be added and closed while others are being called.
 */
public final class MarketoInstances implements AutoCloseable {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

  private final Map<String, MarketoSimulator> instances = new ConcurrentHashMap<>();
  private final SimHttp.Server server;
  private final java.util.concurrent.atomic.AtomicLong unrouted = new java.util.concurrent.atomic.AtomicLong();

  private MarketoInstances(int threads) {
    this.server = SimHttp.start("marketo-instances", threads, this::handle, 0);
  }

  /**
   * Starts an empty host on an ephemeral port of 127.0.0.1.
   *
   * @param threads the threads that answer requests, shared by every instance (1 to 512)
   * @return the running host
   */
  public static MarketoInstances start(int threads) {
    if (threads < 1 || threads > 512) {
      throw new IllegalArgumentException("threads must be between 1 and 512, was " + threads);
    }
    return new MarketoInstances(threads);
  }

  /**
   * Adds an instance served at {@code baseUrl()/<name>}; {@link MarketoSimulator#close()} removes it again.
   *
   * @param name the instance's name in the path: letters, digits, {@code -} and {@code _}, up to 63 characters
   * @param population its leads
   * @param options its limits and timings
   * @param clock its clock
   * @return the instance, to script and inspect as any simulator
   * @throws IllegalArgumentException the name is not allowed or already taken
   */
  public MarketoSimulator add(String name, SyntheticPeople population, MarketoSimulator.Options options, Clock clock) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("instance name '" + name + "' must be 1 to 63 letters, digits, '-' or '_', starting with a"
          + " letter or digit");
    }
    MarketoSimulator instance = new MarketoSimulator(population, options, clock, 0, this, name);
    if (instances.putIfAbsent(name, instance) != null) {
      throw new IllegalArgumentException("instance name '" + name + "' is taken");
    }
    return instance;
  }

  /** {@return the host's URL, e.g. {@code http://127.0.0.1:43121}; an instance's is this plus {@code /<name>}} */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** {@return the instances served now} */
  public Collection<MarketoSimulator> instances() {
    return List.copyOf(instances.values());
  }

  /** {@return requests answered 404 because their path named no instance} */
  public long unrouted() {
    return unrouted.get();
  }

  /** Stops the server: every instance with it. */
  @Override
  public void close() {
    server.stop();
    instances.clear();
  }

  void remove(MarketoSimulator instance) {
    instances.values().remove(instance);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().normalize().getPath();
    int slash = path.indexOf('/', 1);
    String name = slash < 0 ? path.substring(1) : path.substring(1, slash);
    MarketoSimulator instance = instances.get(name);
    if (instance == null || slash < 0) {
      unrouted.incrementAndGet();
      try (exchange) {
        SimHttp.send(exchange, 404, "text/plain", ("no Marketo instance is served at /" + name).getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    instance.handle(exchange, path.substring(slash));
  }
}
