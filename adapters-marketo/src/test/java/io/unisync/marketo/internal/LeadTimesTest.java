package io.unisync.marketo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.SourceRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A person's version comes from {@code updatedAt}: every format Marketo writes is read, and a value that is none of
 * them quarantines the record (with the value named) instead of giving it a made-up version.
 */
class LeadTimesTest {

  static final Instant AT = Instant.parse("2024-01-16T23:32:19Z");

  @Test
  void everyFormatMarketoWritesIsRead() {
    assertThat(LeadReader.parseTime("2024-01-16T23:32:19Z")).isEqualTo(AT);
    assertThat(LeadReader.parseTime("2024-01-16T23:32:19+0000")).isEqualTo(AT);
    assertThat(LeadReader.parseTime("2024-01-16T15:32:19-08:00")).isEqualTo(AT);
    assertThat(LeadReader.parseTime("2024-01-16 23:32:19")).as("no zone: UTC").isEqualTo(AT);
    assertThat(LeadReader.parseTime(null)).isNull();
    assertThat(LeadReader.parseTime("")).isNull();
  }

  @Test
  void anUnreadableVersionQuarantinesTheRecordNamingTheValue() {
    SourceRecord record = LeadReader.versioned("42", Map.of("id", "42", "email", "a@example.com", "updatedAt", "16/01/2024 23:32"),
        "lead 42");

    assertThat(record.readProblem()).hasValueSatisfying(problem -> assertThat(problem)
        .startsWith("lead 42: updatedAt '16/01/2024 23:32' is not a date and time Marketo writes"));
    assertThat(record.updatedAt()).isNull();
  }

  @Test
  void aReadableVersionIsTheRecordsVersion() {
    SourceRecord record = LeadReader.versioned("42", Map.of("id", "42", "updatedAt", "2024-01-16 23:32:19"), "lead 42");

    assertThat(record.readProblem()).isEmpty();
    assertThat(record.updatedAt()).isEqualTo(AT);
  }
}
