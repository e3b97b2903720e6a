package io.unisync.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonTest {

  static Person person(String email) {
    return new Person(PersonId.of(42), " Ada ", "Lovelace", "003000000000000042", "00Q000000000000042", "Analytical Engines", "Countess",
        email, "+44 20 0000 0000", "https://www.linkedin.com/in/ada", "Web");
  }

  @Test
  void valuesAreTrimmedAndTheEmailLowerCased() {
    Person p = person("  Ada@Example.COM ");

    assertThat(p.firstName()).isEqualTo("Ada");
    assertThat(p.email()).isEqualTo("ada@example.com");
    assertThat(p.value(PersonField.MARKETO_ID)).contains("42");
  }

  @Test
  void blankValuesBecomeAbsent() {
    Person p = new Person(PersonId.of(1), "  ", "", null, null, null, null, null, null, null, null);

    assertThat(p.firstName()).isNull();
    assertThat(p.values()).containsOnlyKeys(PersonField.MARKETO_ID);
  }

  @Test
  void toStringShowsNoPersonalData() {
    String text = person("ada@example.com").toString();

    assertThat(text).contains("42").doesNotContain("Ada", "Lovelace", "ada@example.com", "+44");
  }

  @Test
  void equalValuesGiveEqualFingerprintsAndAnyChangeChangesIt() {
    Person a = person("ada@example.com");
    Person b = person("ADA@example.com");

    assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
    for (PersonField field : PersonField.values()) {
      if (field == PersonField.MARKETO_ID) {
        continue;
      }
      String changed = field == PersonField.EMAIL ? "other@example.com"
          : field == PersonField.LINKEDIN_URL ? "https://example.com/x"
          : field == PersonField.SALESFORCE_CONTACT_ID || field == PersonField.SALESFORCE_LEAD_ID ? "00Q000000000000099"
          : "changed";
      assertThat(a.with(field, changed).fingerprint()).as(field.label()).isNotEqualTo(a.fingerprint());
      assertThat(a.with(field, null).fingerprint()).as(field.label() + " cleared").isNotEqualTo(a.fingerprint());
    }
  }

  @Test
  void theFingerprintDoesNotConfuseFieldBoundaries() {
    Person a = new Person(PersonId.of(1), "ab", "c", null, null, null, null, null, null, null, null);
    Person b = new Person(PersonId.of(1), "a", "bc", null, null, null, null, null, null, null, null);

    assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "EMAIL|no-at-sign|email",
      "EMAIL|two@@example.com|email",
      "EMAIL|spaced out@example.com|email",
      "EMAIL|user@nodot|email",
      "SALESFORCE_LEAD_ID|00Q123|salesforceLeadId",
      "SALESFORCE_CONTACT_ID|003-0000000000000|salesforceContactId",
      "LINKEDIN_URL|linkedin.com/in/x|linkedinUrl",
      "LINKEDIN_URL|ftp://linkedin.com/in/x|linkedinUrl",
      "MARKETO_ID|12a|marketoId",
      "MARKETO_ID|-5|marketoId",
  })
  void malformedValuesAreRefusedNamingTheField(PersonField field, String value, String label) {
    assertThatThrownBy(() -> field.normalise(value))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(label))
        .hasMessageStartingWith(label + ": ")
        .hasMessageNotContaining(value);
  }

  @Test
  void controlCharactersUnpairedSurrogatesAndOversizedValuesAreRefused() {
    assertThatThrownBy(() -> PersonField.COMPANY.normalise("a\u0000b")).hasMessageContaining("NUL");
    assertThatThrownBy(() -> PersonField.COMPANY.normalise("a\u0007b")).hasMessageContaining("control character U+0007");
    assertThatThrownBy(() -> PersonField.COMPANY.normalise("a\uDC00b")).hasMessageContaining("unpaired");
    assertThatThrownBy(() -> PersonField.COMPANY.normalise("a\uD800")).hasMessageContaining("unpaired");
    assertThatThrownBy(() -> PersonField.COMPANY.normalise("x".repeat(256))).hasMessageContaining("256 characters long; at most 255");
  }

  @Test
  void lengthsCountCodePointsSoEmojiFitTheLimit() {
    String emoji = "🚀".repeat(255); // 510 UTF-16 units, 255 code points

    assertThat(PersonField.COMPANY.normalise(emoji)).isEqualTo(emoji);
  }

  @Test
  void theIdCannotBeReplaced() {
    assertThatThrownBy(() -> person("a@b.co").with(PersonField.MARKETO_ID, "7")).isInstanceOf(IllegalArgumentException.class);
  }
}
