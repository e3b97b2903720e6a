package io.unisync.core.error;

import java.util.List;

/**
 * A configuration was rejected. Thrown by builders and settings factories, never in the middle of a
 * sync; {@link #problems()} lists every problem found, not only the first.
 */
public final class ConfigurationException extends SyncException {

  private static final long serialVersionUID = 1L;

  /** Every problem, each naming its setting. */
  private final List<String> problems;

  /**
   * The problems of {@code subject} (for example "unisync.* properties"), all at once.
   *
   * @param subject what was configured
   * @param problems every problem found
   */
  public ConfigurationException(String subject, List<String> problems) {
    super(render(subject, problems));
    this.problems = List.copyOf(problems);
  }

  /** {@return each problem as one sentence naming the setting at fault} */
  public List<String> problems() {
    return problems;
  }

  private static String render(String subject, List<String> problems) {
    StringBuilder message = new StringBuilder(subject)
        .append(" has ")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem:" : " problems:");
    for (String problem : problems) {
      message.append(System.lineSeparator()).append("  - ").append(problem);
    }
    return message.toString();
  }
}
