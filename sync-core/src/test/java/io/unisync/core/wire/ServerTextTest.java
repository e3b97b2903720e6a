package io.unisync.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTextTest {

  @Test
  void aMessageGetsAtMost200CharactersAndNoLineBreakAServerCouldForgeALogLineWith() {
    String forged = "bad\nINFO all is well\r\u001b[2J" + "x".repeat(500);

    String shown = ServerText.printable(forged);

    assertThat(shown).startsWith("bad?INFO all is well??[2J").doesNotContain("\n", "\r", "\u001b").endsWith("...");
    assertThat(shown).hasSize(ServerText.MESSAGE_CHARS + 3);
    assertThat(ServerText.printable(null)).isEqualTo("null");
    assertThat(ServerText.printable("ok")).isEqualTo("ok");
  }

  @Test
  void aQuarantinedRecordKeepsItsFirstThousandCharacters() {
    assertThat(ServerText.abbreviate("y".repeat(5_000))).hasSize(ServerText.QUARANTINE_CHARS + 3);
    assertThat(ServerText.abbreviate("{\"id\":1}")).isEqualTo("{\"id\":1}");
  }
}
