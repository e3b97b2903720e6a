package io.unisync.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of the README is code this module compiles: each block follows a {@code <!-- snippet: NAME -->}
 * line and shows exactly the lines between {@code // snippet: NAME} and {@code // end snippet} in this module's sources
 * (indentation aside). A snippet edited on one side only, or a block without a name, fails here.
 */
class ReadmeSnippetsTest {

  private static final Path README = Path.of("../../README.md");
  private static final Path SOURCES = Path.of("src/main/java");

  @Test
  void everyJavaBlockOfTheReadmeIsCompiledCodeOfThisModule() throws IOException {
    Map<String, List<String>> compiled = regions();
    List<String> lines = Files.readAllLines(README);
    List<String> problems = new ArrayList<>();
    int blocks = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      blocks++;
      String marker = i > 0 ? lines.get(i - 1).strip() : "";
      List<String> shown = new ArrayList<>();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).strip().equals("```")) {
        shown.add(lines.get(j));
        j++;
      }
      if (!marker.startsWith("<!-- snippet: ") || !marker.endsWith(" -->")) {
        problems.add("README line " + (i + 1) + ": a java block without a <!-- snippet: NAME --> line before it");
      } else {
        String name = marker.substring("<!-- snippet: ".length(), marker.length() - " -->".length());
        List<String> code = compiled.get(name);
        if (code == null) {
          problems.add("README line " + (i + 1) + ": no // snippet: " + name + " region in " + SOURCES);
        } else if (!dedent(shown).equals(code)) {
          problems.add("README line " + (i + 1) + ": the snippet " + name + " differs from the compiled code:\n" + String.join("\n", code));
        }
      }
      i = j;
    }
    assertThat(blocks).as("java blocks in the README").isGreaterThanOrEqualTo(compiled.size());
    assertThat(problems).isEmpty();
  }

  /** The marked regions of this module's sources, dedented. */
  private static Map<String, List<String>> regions() throws IOException {
    Map<String, List<String>> regions = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.startsWith("// snippet: ")) {
            List<String> region = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals("// end snippet")) {
              region.add(lines.get(j));
              j++;
            }
            regions.put(line.substring("// snippet: ".length()), dedent(region));
            i = j;
          }
        }
      }
    }
    return regions;
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing()).toList();
  }
}
