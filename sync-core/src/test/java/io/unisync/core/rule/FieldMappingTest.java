package io.unisync.core.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.unisync.core.domain.PersonId;
import io.unisync.core.domain.SourceFields;
import io.unisync.core.domain.SourceRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMappingTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  final SourceFields fields = SourceFields.standard();
  final FieldMapping mapping = FieldMapping.standard(fields);

  static Map<String, String> marketoValues() {
    Map<String, String> v = new HashMap<>();
    v.put("firstName", "Grace");
    v.put("lastName", "Hopper");
    v.put("sfdcContactId", "003000000000000001");
    v.put("sfdcLeadId", "00Q000000000000001");
    v.put("company", "Navy");
    v.put("title", "Rear Admiral");
    v.put("email", "grace@example.com");
    v.put("phone", "+1 555 0100");
    v.put("linkedInProfileURL", "https://www.linkedin.com/in/grace");
    v.put("leadSource", "Referral");
    v.put("sfdcLeadOwnerId", "005000000000001AAA");
    v.put("leadScore", "99");
    return v;
  }

  @Test
  void theStandardMappingCopiesExactlyTheElevenFields() {
    MappingResult result = mapping.map(new SourceRecord("77", marketoValues(), NOW.minusSeconds(5)), NOW);

    assertThat(result).isInstanceOfSatisfying(MappingResult.Mapped.class, m -> {
      assertThat(m.person().id()).isEqualTo(PersonId.of(77));
      assertThat(m.person().firstName()).isEqualTo("Grace");
      assertThat(m.person().salesforceContactId()).isEqualTo("003000000000000001");
      assertThat(m.person().linkedinUrl()).isEqualTo("https://www.linkedin.com/in/grace");
      assertThat(m.person().source()).isEqualTo("Referral");
      assertThat(m.person().values()).hasSize(11);
      assertThat(m.sourceUpdatedAt()).isEqualTo(NOW.minusSeconds(5));
    });
  }

  @Test
  void renamedSourceFieldsAreReadFromTheirNewNames() {
    FieldMapping custom = FieldMapping.standard(fields.withName(io.unisync.core.domain.PersonField.LINKEDIN_URL, "linkedinURL__c"));
    Map<String, String> values = marketoValues();
    values.remove("linkedInProfileURL");
    values.put("linkedinURL__c", "https://www.linkedin.com/in/custom");

    MappingResult result = custom.map(new SourceRecord("78", values, null), NOW);

    assertThat(result).isInstanceOfSatisfying(MappingResult.Mapped.class, m -> {
      assertThat(m.person().linkedinUrl()).isEqualTo("https://www.linkedin.com/in/custom");
      assertThat(m.sourceUpdatedAt()).as("no source version: the fallback is used").isEqualTo(NOW);
    });
  }

  @Test
  void aBadValueIsARejectionNamingTheFieldTheSourceFieldAndTheRecord() {
    Map<String, String> values = marketoValues();
    values.put("email", "grace at example.com");

    MappingResult result = mapping.map(new SourceRecord("79", values, NOW), NOW);

    assertThat(result).isInstanceOfSatisfying(MappingResult.Rejected.class, r -> {
      assertThat(r.sourceId()).isEqualTo("79");
      assertThat(r.reason()).contains("record '79'", "field email", "not an e-mail address").doesNotContain("grace at example.com");
      assertThat(r.payload()).contains("grace at example.com");
    });
  }

  @Test
  void theOwnerRuleNeedsANonBlankOwner() {
    EligibilityRule rule = EligibilityRule.hasSalesOwner("sfdcLeadOwnerId");
    Map<String, String> values = marketoValues();

    assertThat(rule.isEligible(new SourceRecord("1", values, NOW))).isTrue();
    values.put("sfdcLeadOwnerId", " ");
    assertThat(rule.isEligible(new SourceRecord("1", values, NOW))).isFalse();
    values.put("sfdcLeadOwnerId", "null");
    assertThat(rule.isEligible(new SourceRecord("1", values, NOW))).as("bulk exports write absent values as null").isFalse();
    values.remove("sfdcLeadOwnerId");
    assertThat(rule.isEligible(new SourceRecord("1", values, NOW))).isFalse();
    assertThat(rule.fieldsRead()).containsExactly("sfdcLeadOwnerId");
  }
}
