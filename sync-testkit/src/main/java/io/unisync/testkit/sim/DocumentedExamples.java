package io.unisync.testkit.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vendors' documented example responses (the list and the source of each is in {@code documented/SOURCES.md}
 * beside them), for replaying against the simulators ({@link #shapeDifferences}: the simulator answers in the same
 * shape) and against clients (serve one from a scripted server and check what the client makes of it).
 */
public final class DocumentedExamples {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DocumentedExamples() {}

  /**
   * A Marketo example by file name, e.g. {@code leads.json}.
   *
   * @param name the file name
   * @return the example's text
   */
  public static String marketo(String name) {
    return load("marketo/" + name);
  }

  /**
   * A Salesforce example by file name, e.g. {@code query.json}.
   *
   * @param name the file name
   * @return the example's text
   */
  public static String salesforce(String name) {
    return load("salesforce/" + name);
  }

  private static String load(String path) {
    try (InputStream in = DocumentedExamples.class.getResourceAsStream("/io/unisync/testkit/documented/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no documented example " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where {@code actual} is not in the shape of {@code documented}, as JSON paths with what differs; empty when it is.
   * Every field of a documented object must be in the actual object with a value of the same kind (text, number,
   * boolean, object, array; a documented {@code null} accepts anything, an actual {@code null} is accepted for a
   * documented value). Each element of a documented array must have its shape matched by some element of the actual
   * array (so an example with an added and a skipped record asks for both); an empty actual array is a difference only
   * when the documented one is not empty. Fields the actual answer has beyond the documented ones are allowed.
   *
   * @param documented the documented example
   * @param actual the answer
   * @return the differences
   */
  public static List<String> shapeDifferences(String documented, String actual) {
    List<String> differences = new ArrayList<>();
    compare("$", JSON.readTree(documented), JSON.readTree(actual), differences);
    return differences;
  }

  private static void compare(String path, JsonNode documented, JsonNode actual, List<String> differences) {
    if (documented.isNull() || actual.isNull()) {
      return;
    }
    if (!kind(documented).equals(kind(actual))) {
      differences.add(path + ": documented " + kind(documented) + ", answered " + kind(actual));
      return;
    }
    if (documented.isObject()) {
      for (Map.Entry<String, JsonNode> field : documented.properties()) {
        JsonNode value = actual.get(field.getKey());
        if (value == null) {
          differences.add(path + "." + field.getKey() + ": documented, missing");
        } else {
          compare(path + "." + field.getKey(), field.getValue(), value, differences);
        }
      }
    } else if (documented.isArray()) {
      if (actual.isEmpty()) {
        if (!documented.isEmpty()) {
          differences.add(path + ": documented " + documented.size() + " element(s), answered none");
        }
        return;
      }
      for (int i = 0; i < documented.size(); i++) {
        List<String> best = null;
        for (JsonNode candidate : actual) {
          List<String> found = new ArrayList<>();
          compare(path + "[" + i + "]", documented.get(i), candidate, found);
          if (best == null || found.size() < best.size()) {
            best = found;
          }
        }
        differences.addAll(best);
      }
    }
  }

  private static String kind(JsonNode node) {
    return node.isObject() ? "object" : node.isArray() ? "array" : node.isNumber() ? "number" : node.isBoolean() ? "boolean"
        : node.isString() ? "text" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
