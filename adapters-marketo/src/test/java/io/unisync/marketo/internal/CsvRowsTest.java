package io.unisync.marketo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.AdapterException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bulk CSV reader on its own: every record counted, every broken one reported, the rest read whole. */
class CsvRowsTest {

  private static List<CsvRows.Row> rows(String csv) {
    CsvRows reader = new CsvRows(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 1024);
    List<CsvRows.Row> rows = new ArrayList<>();
    for (CsvRows.Row row = reader.next(); row != null; row = reader.next()) {
      rows.add(row);
    }
    return rows;
  }

  @Test
  void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
    List<CsvRows.Row> rows = rows("id,name,title\n1,\"Acme, \"\"Inc.\"\"\",\"Line\nbreak\"\r\n2,Bob,CTO\n");

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).problem()).isNull();
    assertThat(rows.get(0).values()).containsEntry("name", "Acme, \"Inc.\"").containsEntry("title", "Line\nbreak");
    assertThat(rows.get(1).values()).containsEntry("title", "CTO");
  }

  @Test
  void aStrayQuoteBreaksOnlyItsOwnLineEvenWhenALaterRowHoldsALineBreak() {
    List<CsvRows.Row> rows = rows("id,name,title\n"
        + "1,ab\"cd,x\n"
        + "2,\"Acme, \"\"Inc.\"\"\",y\n"
        + "3,Carol,\"Title\n3\"\n"
        + "4,Dan,z\n");

    assertThat(rows).extracting(CsvRows.Row::number).containsExactly(1L, 2L, 3L, 4L);
    assertThat(rows.get(0).problem()).contains("field 'name'", "stray quote");
    assertThat(rows.get(1).problem()).isNull();
    assertThat(rows.get(2).problem()).isNull();
    assertThat(rows.get(2).values()).containsEntry("title", "Title\n3");
    assertThat(rows.get(3).values()).containsEntry("name", "Dan");
  }

  @Test
  void anUnclosedQuoteAtTheEndOfTheFileBreaksOnlyItsLine() {
    List<CsvRows.Row> rows = rows("id,name\n1,\"open\n2,Bob\n3,Carol\n");

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).problem()).contains("unclosed quote");
    assertThat(rows.get(1).values()).containsEntry("name", "Bob");
    assertThat(rows.get(2).values()).containsEntry("name", "Carol");
  }

  @Test
  void aLineLongerThanTheLimitIsReportedAndSkipped() {
    List<CsvRows.Row> rows = rows("id,name\n1,\"" + "x".repeat(5_000) + "\n2,Bob\n");

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).problem()).isNotNull();
    assertThat(rows.get(1).values()).containsEntry("name", "Bob");
  }

  @Test
  void invalidUtf8AndWrongColumnCountsNameTheProblem() {
    byte[] bad = "id,name\n1,x\u00ff\n2,a,b\n3\n".getBytes(StandardCharsets.ISO_8859_1);
    CsvRows reader = new CsvRows(new ByteArrayInputStream(bad), 1024);

    assertThat(reader.next().problem()).isEqualTo("field 'name' has invalid UTF-8");
    assertThat(reader.next().problem()).isEqualTo("has 3 columns, the header has 2");
    assertThat(reader.next().problem()).isEqualTo("has 1 columns, the header has 2");
    assertThat(reader.next()).isNull();
  }

  @Test
  void aFileWithoutAReadableHeaderFails() {
    assertThatThrownBy(() -> new CsvRows(new ByteArrayInputStream(new byte[0]), 1024)).isInstanceOf(AdapterException.class)
        .hasMessageContaining("no header");
    assertThatThrownBy(() -> new CsvRows(new ByteArrayInputStream("id,\"name\n".getBytes(StandardCharsets.UTF_8)), 1024))
        .isInstanceOf(AdapterException.class).hasMessageContaining("header");
  }
}
