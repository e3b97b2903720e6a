package io.unisync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM manages every published module, at the parent's version (it has no parent, so nothing else keeps them equal). */
class BomTest {

  private static final Pattern ARTIFACT = Pattern.compile("<artifactId>(unisync-[a-z-]+)</artifactId>");
  private static final Pattern VERSION = Pattern.compile("<artifactId>unisync-(?:parent|bom)</artifactId>\\s*<version>([^<]+)</version>");

  @Test
  void theBomListsEveryPublishedModuleAtTheParentsVersion() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String bom = withoutComments(Files.readString(root.resolve("unisync-bom/pom.xml")));
    String parent = withoutComments(Files.readString(root.resolve("pom.xml")));
    List<String> published = new ArrayList<>();
    for (String module : List.of("sync-core", "sync-testkit", "adapters-jdbc", "adapters-marketo", "adapters-salesforce", "examples")) {
      String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
      Matcher own = Pattern.compile("</parent>\\s*<artifactId>(unisync-[a-z-]+)</artifactId>").matcher(pom);
      assertThat(own.find()).as(module + "'s artifactId").isTrue();
      published.add(own.group(1));
    }
    List<String> managed = new ArrayList<>();
    Matcher m = ARTIFACT.matcher(bom);
    while (m.find()) {
      managed.add(m.group(1));
    }

    assertThat(managed).containsAll(published);
    assertThat(parent).contains(root.relativize(root.resolve("unisync-bom")).toString());
    assertThat(version(bom)).isEqualTo(version(parent));
  }

  private static String withoutComments(String xml) {
    return xml.replaceAll("(?s)<!--.*?-->", "");
  }

  private static String version(String pom) {
    Matcher m = VERSION.matcher(pom);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
