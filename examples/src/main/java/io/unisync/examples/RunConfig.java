package io.unisync.examples;

import io.unisync.core.error.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The {@code unisync run} configuration, from YAML, with secrets overridable from the environment
 * ({@code UNISYNC_DB_PASSWORD}, {@code UNISYNC_MARKETO_CLIENT_SECRET}, {@code UNISYNC_SALESFORCE_CLIENT_SECRET}).
 * {@link #load} lists every problem at once. {@link #toString()} hides the secrets.
 */
public record RunConfig(
    String tenant,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    URI marketoUrl,
    String marketoClientId,
    String marketoClientSecret,
    Instant snapshotStart,
    Duration bulkPoll,
    boolean createActivityTypes,
    @Nullable URI salesforceTokenUrl,
    @Nullable String salesforceClientId,
    @Nullable String salesforceClientSecret,
    Duration personSyncEvery,
    Duration deliveryEvery,
    Duration twoWayEvery) {

  /** Reads and checks a configuration file. */
  public static RunConfig load(Path file, Map<String, String> environment) {
    JsonNode root;
    try {
      root = YAMLMapper.builder().build().readTree(Files.readString(file));
    } catch (IOException | JacksonException e) {
      throw new ConfigurationException("unisync configuration " + file, List.of("cannot be read as YAML: " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    Reader r = new Reader(root, problems);
    String tenant = r.text("tenant", null);
    String jdbcUrl = r.text("database.url", null);
    String jdbcUser = r.text("database.username", "");
    String jdbcPassword = environment.getOrDefault("UNISYNC_DB_PASSWORD", r.text("database.password", ""));
    URI marketoUrl = r.uri("marketo.baseUrl", true);
    String marketoId = r.text("marketo.clientId", null);
    String marketoSecret = secret(environment, "UNISYNC_MARKETO_CLIENT_SECRET", r, "marketo.clientSecret");
    Instant snapshotStart = r.instant("marketo.snapshotStart", Instant.parse("2010-01-01T00:00:00Z"));
    Duration bulkPoll = Duration.ofSeconds(r.number("marketo.bulkPollSeconds", 60));
    boolean createTypes = root.path("marketo").path("createActivityTypes").asBoolean(false);
    URI sfUrl = root.path("salesforce").isMissingNode() ? null : r.uri("salesforce.tokenUrl", true);
    String sfId = sfUrl == null ? null : r.text("salesforce.clientId", null);
    String sfSecret = sfUrl == null ? null : secret(environment, "UNISYNC_SALESFORCE_CLIENT_SECRET", r, "salesforce.clientSecret");
    Duration person = Duration.ofSeconds(r.number("schedule.personSyncSeconds", 60));
    Duration delivery = Duration.ofSeconds(r.number("schedule.deliverySeconds", 10));
    Duration twoWay = Duration.ofSeconds(r.number("schedule.twoWaySeconds", 300));
    if (!problems.isEmpty()) {
      throw new ConfigurationException("unisync configuration " + file, problems);
    }
    return new RunConfig(tenant, jdbcUrl, jdbcUser, jdbcPassword, marketoUrl, marketoId, marketoSecret, snapshotStart, bulkPoll,
        createTypes, sfUrl, sfId, sfSecret, person, delivery, twoWay);
  }

  /** A secret from the environment when set there, else from the file; a problem when in neither. */
  private static String secret(Map<String, String> environment, String variable, Reader r, String path) {
    String fromEnvironment = environment.get(variable);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    String fromFile = r.text(path, "");
    if (fromFile.isEmpty()) {
      r.problems().add(path + " is required (or set " + variable + ")");
    }
    return fromFile;
  }

  public Optional<URI> salesforce() {
    return Optional.ofNullable(salesforceTokenUrl);
  }

  @Override
  public String toString() {
    return "RunConfig[tenant=" + tenant + ", jdbcUrl=" + jdbcUrl.replaceAll("\\?.*", "?…") + ", marketoUrl=" + marketoUrl
        + ", marketoClientId=" + marketoClientId + ", secrets=****, salesforce=" + salesforceTokenUrl + "]";
  }

  /** Reads dotted paths and collects problems instead of failing at the first. */
  private record Reader(JsonNode root, List<String> problems) {
    private JsonNode at(String path) {
      JsonNode node = root;
      for (String part : path.split("\\.")) {
        node = node.path(part);
      }
      return node;
    }

    String text(String path, @Nullable String fallback) {
      JsonNode node = at(path);
      if (node.isMissingNode() || node.isNull() || node.asString("").isBlank()) {
        if (fallback == null) {
          problems.add(path + " is required");
          return "";
        }
        return fallback;
      }
      return node.asString();
    }

    @Nullable URI uri(String path, boolean required) {
      String text = text(path, required ? null : "");
      if (text.isEmpty()) {
        return null;
      }
      try {
        URI uri = URI.create(text);
        if (uri.getHost() == null) {
          problems.add(path + " must be an absolute URL");
        }
        return uri;
      } catch (IllegalArgumentException e) {
        problems.add(path + " is not a URL");
        return null;
      }
    }

    Instant instant(String path, Instant fallback) {
      JsonNode node = at(path);
      if (node.isMissingNode()) {
        return fallback;
      }
      try {
        return Instant.parse(node.asString());
      } catch (DateTimeParseException e) {
        problems.add(path + " must be an ISO-8601 instant such as 2020-01-01T00:00:00Z");
        return fallback;
      }
    }

    long number(String path, long fallback) {
      JsonNode node = at(path);
      if (node.isMissingNode()) {
        return fallback;
      }
      if (!node.canConvertToLong() || node.asLong() < 0) {
        problems.add(path + " must be a whole number of seconds, 0 or more");
        return fallback;
      }
      return node.asLong();
    }
  }
}
