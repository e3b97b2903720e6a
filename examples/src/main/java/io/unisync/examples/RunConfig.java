package io.unisync.examples;

import io.unisync.core.engine.ActivityOptions;
import io.unisync.core.engine.SyncRunner;
import io.unisync.core.engine.TenantRunner;
import io.unisync.core.error.ConfigurationException;
import java.io.IOException;
import io.unisync.marketo.MarketoSettings;
import io.unisync.marketo.MarketoRateLimit;
import io.unisync.marketo.MarketoSnapshot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The {@code unisync run} configuration, from YAML. One tenant ({@code tenant}, {@code marketo}, {@code salesforce}
 * at the top) or many ({@code tenants}: a list of {@code id}, {@code marketo}, {@code salesforce}); the database,
 * schedules and replica settings are shared. Secrets may come from the environment instead of the file:
 * {@code UNISYNC_DB_PASSWORD}, and per tenant {@code UNISYNC_MARKETO_CLIENT_SECRET_<TENANT>} (the tenant id in
 * upper case, other characters than letters and digits as {@code _}) or, for every tenant,
 * {@code UNISYNC_MARKETO_CLIENT_SECRET}; the same for {@code UNISYNC_SALESFORCE_CLIENT_SECRET}. {@link #load} lists
 * every problem at once. {@link #toString()} hides the secrets. {@code UNISYNC_REPLICA_ID} names the process among
 * the replicas (default: host, process id and a random part).
 *
 * @param replicaGroup the replicas that share the tenants of this configuration (see {@code TenantRunner.Settings})
 * @param replicaMaxTenants the most tenants one process runs at once
 * @param deliveryWhenIdle how long delivery waits after a pass that found nothing ({@code schedule.deliveryIdleSeconds};
 *     empty: the delivery period always)
 * @param personSyncWhenIdle how long the person sync waits after a pass that found no change ({@code
 *     schedule.personSyncIdleSeconds}; empty: the person-sync period always)
 */
public record RunConfig(
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    List<TenantConfig> tenants,
    Duration personSyncEvery,
    Duration deliveryEvery,
    Duration twoWayEvery,
    Duration deliveryLease,
    String replicaGroup,
    String replicaId,
    Duration replicaLease,
    int replicaMaxTenants,
    java.util.Optional<Duration> reconcileEvery,
    java.util.Optional<Duration> deliveryWhenIdle,
    java.util.Optional<Duration> personSyncWhenIdle) {

  public RunConfig {
    tenants = List.copyOf(tenants);
  }

  /** One tenant: its Marketo instance and, optionally, its Salesforce org. {@link #toString()} hides the secrets. */
  public record TenantConfig(
      String id,
      URI marketoUrl,
      String marketoClientId,
      String marketoClientSecret,
      Instant snapshotStart,
      Duration bulkPoll,
      boolean mixedSnapshot,
      boolean createActivityTypes,
      int callsPerWindow,
      @Nullable URI salesforceTokenUrl,
      @Nullable String salesforceClientId,
      @Nullable String salesforceClientSecret) {

    public Optional<URI> salesforce() {
      return Optional.ofNullable(salesforceTokenUrl);
    }

    @Override
    public String toString() {
      return "TenantConfig[id=" + id + ", marketoUrl=" + marketoUrl + ", marketoClientId=" + marketoClientId + ", secrets=****, salesforce="
          + salesforceTokenUrl + "]";
    }
  }

  /** Every key the file may hold; anything else is a problem (most often a typo). {@code []}: each element of a list. */
  private static final Map<String, List<String>> KNOWN = Map.ofEntries(
      Map.entry("", List.of("tenant", "tenants", "database", "marketo", "salesforce", "schedule", "delivery", "replica")),
      Map.entry("delivery", List.of("leaseSeconds")),
      Map.entry("replica", List.of("id", "group", "leaseSeconds", "maxTenants")),
      Map.entry("database", List.of("url", "username", "password")),
      Map.entry("marketo", List.of("baseUrl", "clientId", "clientSecret", "snapshotStart", "bulkPollSeconds", "mixedSnapshot", "createActivityTypes", "callsPerWindow")),
      Map.entry("salesforce", List.of("tokenUrl", "clientId", "clientSecret")),
      Map.entry("tenants[]", List.of("id", "marketo", "salesforce")),
      Map.entry("tenants[].marketo", List.of("baseUrl", "clientId", "clientSecret", "snapshotStart", "bulkPollSeconds", "mixedSnapshot", "createActivityTypes", "callsPerWindow")),
      Map.entry("tenants[].salesforce", List.of("tokenUrl", "clientId", "clientSecret")),
      Map.entry("schedule", List.of("personSyncSeconds", "deliverySeconds", "deliveryIdleSeconds", "personSyncIdleSeconds", "twoWaySeconds", "reconcileDays")));

  /** Reads and checks a configuration file, with the system clock for "not in the future". */
  public static RunConfig load(Path file, Map<String, String> environment) {
    return load(file, environment, Clock.systemUTC());
  }

  private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate (?:field|Object property|property) ['\"]([^'\"]{1,80})['\"]");

  /**
   * A parser's complaint as a problem: where it is and, for a key given twice, which key. Never the parser's own text,
   * which quotes the source line (a secret's value with it).
   */
  static String yamlProblem(JacksonException e) {
    var location = e.getLocation();
    String where = location == null || location.getLineNr() < 1 ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
    if (duplicate.find()) {
      return "the key '" + duplicate.group(1) + "' is given twice in one mapping" + where + "; only one may stay";
    }
    return "cannot be read as YAML" + where + " (check the quotes, the indentation and the ':' after each key there)";
  }

  /**
   * Reads and checks a configuration file. Nothing is connected or created: every problem (unknown or
   * misspelled keys, wrong types, values out of range, URLs, the tenants' syntax, a snapshot start in the
   * future) is found here and listed at once, each with its path.
   */
  public static RunConfig load(Path file, Map<String, String> environment, Clock clock) {
    return load(file, environment, clock, Secrets.REQUIRED);
  }

  /** Whether the vendors' client secrets must be given: commands that only read the database need none. */
  enum Secrets {
    REQUIRED,
    /** Missing secrets are no problem (they stay empty): for {@code unisync status}, which connects to no vendor. */
    NOT_NEEDED
  }

  /** As {@link #load(Path, Map, Clock)}, with the vendors' secrets required or not. */
  static RunConfig load(Path file, Map<String, String> environment, Clock clock, Secrets secrets) {
    JsonNode root;
    try {
      root = YAMLMapper.builder().enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()
          .readTree(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigurationException("unisync configuration " + file, List.of("cannot be read: " + e.getClass().getSimpleName()));
    } catch (JacksonException e) {
      throw new ConfigurationException("unisync configuration " + file, List.of(yamlProblem(e)));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigurationException("unisync configuration " + file,
          List.of("must be a YAML mapping with database and either tenant and marketo, or tenants"));
    }
    List<String> problems = new ArrayList<>();
    unknownKeys(root, "", "", problems);
    Reader r = new Reader(root, "", problems);
    List<TenantConfig> tenants = new ArrayList<>();
    boolean single = !r.absent("tenant") || !r.absent("marketo") || !r.absent("salesforce");
    if (!r.absent("tenants")) {
      if (single) {
        problems.add("tenants cannot be used together with tenant, marketo or salesforce at the top: list every tenant under tenants");
      }
      JsonNode list = r.at("tenants");
      if (!list.isArray() || list.isEmpty()) {
        problems.add("tenants must be a list of at least one tenant, each with id and marketo (was " + kind(list) + ")");
      } else {
        for (int i = 0; i < list.size(); i++) {
          String label = "tenants[" + i + "].";
          if (!list.get(i).isObject()) {
            problems.add("tenants[" + i + "] must be a mapping with id, marketo and optionally salesforce (was " + kind(list.get(i)) + ")");
            continue;
          }
          tenants.add(tenant(new Reader(list.get(i), label, problems), "id", environment, clock, secrets));
        }
      }
    } else {
      tenants.add(tenant(r, "tenant", environment, clock, secrets));
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (TenantConfig t : tenants) {
      if (!t.id().isEmpty() && !ids.add(t.id())) {
        problems.add("tenants: the id " + t.id() + " is listed more than once");
      }
    }
    String jdbcUrl = r.text("database.url", null);
    if (!jdbcUrl.isEmpty() && !jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
      problems.add("database.url must be a PostgreSQL (jdbc:postgresql:...) or H2 (jdbc:h2:...) JDBC URL");
    }
    String jdbcUser = r.text("database.username", "");
    String jdbcPassword = environment.getOrDefault("UNISYNC_DB_PASSWORD", r.text("database.password", ""));
    Duration person = Duration.ofSeconds(r.number("schedule.personSyncSeconds", SyncRunner.Schedule.SUGGESTED_PERSON_SYNC.toSeconds(), 1, 86_400));
    Duration delivery = Duration.ofSeconds(r.number("schedule.deliverySeconds", SyncRunner.Schedule.SUGGESTED_DELIVERY.toSeconds(), 1, 86_400));
    // an idle outbox, a quiet tenant looked at this often instead (0: every period): a fleet of mostly idle tenants
    java.util.Optional<Duration> deliveryIdle = idlePeriod(r, problems, "deliveryIdleSeconds", "deliverySeconds", delivery);
    java.util.Optional<Duration> personIdle = idlePeriod(r, problems, "personSyncIdleSeconds", "personSyncSeconds", person);
    Duration twoWay = Duration.ofSeconds(r.number("schedule.twoWaySeconds", SyncRunner.Schedule.SUGGESTED_TWO_WAY.toSeconds(), 1, 86_400));
    Duration lease = Duration.ofSeconds(r.number("delivery.leaseSeconds", ActivityOptions.DEFAULT_LEASE.toSeconds(), 5, 86_400));
    // a full reconciliation every N days (0: only after a retention breach or on demand)
    long reconcileDays = r.number("schedule.reconcileDays", SyncRunner.Schedule.SUGGESTED_RECONCILE.toDays(), 0, 366);
    // one file for every replica: each may name itself through the environment (a pod's name, say)
    String replicaId = environment.getOrDefault("UNISYNC_REPLICA_ID", r.text("replica.id", defaultReplicaId()));
    if (replicaId.isBlank() || replicaId.length() > 200) {
      problems.add("replica.id (or UNISYNC_REPLICA_ID) must be 1 to 200 characters");
    }
    String group = r.text("replica.group", TenantRunner.Settings.DEFAULT_GROUP);
    if (!group.matches("[A-Za-z0-9._-]{1,64}")) {
      problems.add("replica.group must be 1 to 64 characters from A-Z, a-z, 0-9, '.', '_' and '-' (was '" + group + "')");
    }
    Duration replicaLease = Duration.ofSeconds(r.number("replica.leaseSeconds", TenantRunner.Settings.DEFAULT_LEASE_TTL.toSeconds(), 3, 3_600));
    int maxTenants = (int) r.number("replica.maxTenants", TenantRunner.Settings.DEFAULT_MAX_TENANTS, 1, 10_000);
    if (!problems.isEmpty()) {
      throw new ConfigurationException("unisync configuration " + file, problems);
    }
    return new RunConfig(jdbcUrl, jdbcUser, jdbcPassword, tenants, person, delivery, twoWay, lease, group, replicaId, replicaLease,
        maxTenants, reconcileDays == 0 ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofDays(reconcileDays)),
        deliveryIdle, personIdle);
  }

  /**
   * {@code schedule.<key>}: seconds an idle pass waits instead of {@code schedule.<periodKey>} ({@code period}); 0 or
   * absent: none. A value below the period is a problem.
   */
  private static java.util.Optional<Duration> idlePeriod(Reader r, List<String> problems, String key, String periodKey, Duration period) {
    long seconds = r.number("schedule." + key, 0, 0, 86_400);
    if (seconds > 0 && seconds < period.toSeconds()) {
      problems.add("schedule." + key + " must be 0 or at least schedule." + periodKey + " (" + period.toSeconds() + ")");
    }
    return seconds == 0 ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofSeconds(seconds));
  }

  /** One tenant, read from {@code r}: its id under {@code idKey}, its {@code marketo} and {@code salesforce}. */
  private static TenantConfig tenant(Reader r, String idKey, Map<String, String> environment, Clock clock, Secrets secrets) {
    String id = r.text(idKey, null);
    if (!id.isEmpty() && !id.matches("[A-Za-z0-9._-]{1,64}")) {
      r.problem(idKey, "must be 1 to 64 characters from A-Z, a-z, 0-9, '.', '_' and '-' (was '" + id + "')");
    }
    URI marketoUrl = r.vendorUri("marketo.baseUrl");
    String marketoId = r.text("marketo.clientId", null);
    String marketoSecret = secret(environment, "UNISYNC_MARKETO_CLIENT_SECRET", id, r, "marketo.clientSecret", secrets);
    Instant snapshotStart = r.instant("marketo.snapshotStart", MarketoSnapshot.DEFAULT_START);
    if (snapshotStart.isAfter(clock.instant())) {
      r.problem("marketo.snapshotStart", "must not be in the future (was " + snapshotStart + "): the initial sync would find no one");
    }
    Duration bulkPoll = Duration.ofSeconds(r.number("marketo.bulkPollSeconds", MarketoSnapshot.DEFAULT_POLL_INTERVAL.toSeconds(), 0, 3_600));
    int callsPerWindow = (int) r.number("marketo.callsPerWindow", MarketoRateLimit.DEFAULT_CALLS, 1, 1_000_000);
    boolean createTypes = r.bool("marketo.createActivityTypes", false);
    boolean mixed = r.bool("marketo.mixedSnapshot", false);
    boolean withSalesforce = !r.absent("salesforce");
    URI sfUrl = withSalesforce ? r.vendorUri("salesforce.tokenUrl") : null;
    String sfId = withSalesforce ? r.text("salesforce.clientId", null) : null;
    String sfSecret = withSalesforce ? secret(environment, "UNISYNC_SALESFORCE_CLIENT_SECRET", id, r, "salesforce.clientSecret", secrets) : null;
    return new TenantConfig(id, marketoUrl, marketoId, marketoSecret, snapshotStart, bulkPoll, mixed, createTypes, callsPerWindow, sfUrl, sfId,
        sfSecret);
  }

  /**
   * A name among the replicas, unique while it lives: host name, process id and a random part (two runners in one
   * process must not share a name, or each would take the other's lease for its own).
   */
  static String defaultReplicaId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "host";
    }
    return host + "-" + ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Reports keys not in {@link #KNOWN}, walking mappings and lists.
   *
   * @param section the key of {@code node} in {@link #KNOWN} ({@code tenants[].marketo})
   * @param shown the path shown in problems ({@code tenants[2].marketo})
   */
  private static void unknownKeys(JsonNode node, String section, String shown, List<String> problems) {
    List<String> known = KNOWN.get(section);
    for (String key : node.propertyNames()) {
      String path = shown.isEmpty() ? key : shown + "." + key;
      String childSection = section.isEmpty() ? key : section + "." + key;
      JsonNode child = node.get(key);
      if (!known.contains(key)) {
        String suggestion = io.unisync.core.error.Suggestions.closest(key, known).orElse(null);
        problems.add(path + " is not a known key" + (suggestion == null ? "" : " (did you mean " + (shown.isEmpty() ? "" : shown + ".")
            + suggestion + "?)") + "; known here: " + String.join(", ", known));
      } else if (KNOWN.containsKey(childSection)) {
        if (child.isObject()) {
          unknownKeys(child, childSection, path, problems);
        } else if (!child.isNull()) {
          problems.add(path + " must be a mapping with " + String.join(", ", KNOWN.get(childSection)) + " (was " + kind(child) + ")");
        }
      } else if (KNOWN.containsKey(childSection + "[]") && child.isArray()) {
        for (int i = 0; i < child.size(); i++) {
          if (child.get(i).isObject()) {
            unknownKeys(child.get(i), childSection + "[]", path + "[" + i + "]", problems);
          }
        }
      }
    }
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isNumber()) {
      return "the number " + node.asString();
    }
    return "'" + node.asString() + "'";
  }

  /**
   * A secret from the environment when set there (the tenant's own variable first, then the one for every
   * tenant), else from the file; a problem when in none.
   */
  private static String secret(Map<String, String> environment, String variable, String tenant, Reader r, String path, Secrets secrets) {
    String own = variable + "_" + tenant.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    for (String name : List.of(own, variable)) {
      String fromEnvironment = environment.get(name);
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        return fromEnvironment;
      }
    }
    String fromFile = r.text(path, "");
    if (fromFile.isEmpty() && secrets == Secrets.REQUIRED) {
      r.problem(path, "is required (or set " + own + " or " + variable + ")");
    }
    return fromFile;
  }

  /** The ids of the tenants, in the file's order. */
  public List<String> tenantIds() {
    return tenants.stream().map(TenantConfig::id).toList();
  }

  /** The configuration of the one tenant of a one-tenant file. */
  public TenantConfig onlyTenant() {
    if (tenants.size() != 1) {
      throw new IllegalStateException("the configuration lists " + tenants.size() + " tenants: " + tenantIds());
    }
    return tenants.get(0);
  }

  @Override
  public String toString() {
    return "RunConfig[jdbcUrl=" + jdbcUrl.replaceAll("\\?.*", "?…") + ", tenants=" + tenants + ", replica=" + replicaId + "]";
  }

  /** Reads dotted paths and collects problems instead of failing at the first. */
  private record Reader(JsonNode root, String label, List<String> problems) {
    void problem(String path, String what) {
      problems.add(label + path + " " + what);
    }

    boolean absent(String path) {
      JsonNode node = at(path);
      return node.isMissingNode() || node.isNull();
    }

    JsonNode at(String path) {
      JsonNode node = root;
      for (String part : path.split("\\.")) {
        node = node.path(part);
      }
      return node;
    }

    String text(String path, @Nullable String fallback) {
      JsonNode node = at(path);
      if (node.isMissingNode() || node.isNull()) {
        if (fallback == null) {
          problems.add(label + path + " is required");
          return "";
        }
        return fallback;
      }
      if (!node.isValueNode() || node.isBoolean()) {
        problems.add(label + path + " must be text (was " + kind(node) + ")");
        return fallback == null ? "" : fallback;
      }
      if (node.asString().isBlank()) {
        if (fallback == null) {
          problems.add(label + path + " must not be blank");
          return "";
        }
        return fallback;
      }
      return node.asString();
    }

    /** An https URL of a vendor (http on loopback only), without a trailing '/'. */
    @Nullable URI vendorUri(String path) {
      String text = text(path, null);
      if (text.isEmpty()) {
        return null;
      }
      URI uri;
      try {
        uri = URI.create(text);
      } catch (IllegalArgumentException e) {
        problems.add(label + path + " is not a URL");
        return null;
      }
      List<String> found = io.unisync.core.wire.Endpoints.problems(label + path, uri, "https://284-RPR-133.mktorest.com");
      problems.addAll(found);
      if (uri.getHost() == null || uri.getScheme() == null || uri.getRawUserInfo() != null) {
        return uri;
      }
      if (uri.getPath() != null && uri.getPath().endsWith("/")) {
        problems.add(label + path + " must not end with '/': " + text);
      }
      return uri;
    }

    Instant instant(String path, Instant fallback) {
      JsonNode node = at(path);
      if (node.isMissingNode() || node.isNull()) {
        return fallback;
      }
      try {
        return Instant.parse(node.asString());
      } catch (DateTimeParseException e) {
        problems.add(label + path + " must be an ISO-8601 instant such as 2020-01-01T00:00:00Z (was " + kind(node) + ")");
        return fallback;
      }
    }

    boolean bool(String path, boolean fallback) {
      JsonNode node = at(path);
      if (node.isMissingNode() || node.isNull()) {
        return fallback;
      }
      if (!node.isBoolean()) {
        problems.add(label + path + " must be true or false (was " + kind(node) + ")");
        return fallback;
      }
      return node.booleanValue();
    }

    long number(String path, long fallback, long min, long max) {
      JsonNode node = at(path);
      if (node.isMissingNode() || node.isNull()) {
        return fallback;
      }
      if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
        problems.add(label + path + " must be a whole number from " + min + " to " + max + " (was " + kind(node) + ")");
        return fallback;
      }
      return node.longValue();
    }
  }
}
