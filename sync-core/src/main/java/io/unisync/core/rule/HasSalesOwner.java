package io.unisync.core.rule;

import io.unisync.core.domain.SourceRecord;
import java.util.Set;

/** The standard eligibility rule: a non-blank sales owner id. */
record HasSalesOwner(String ownerField) implements EligibilityRule {

  HasSalesOwner {
    if (ownerField.isBlank()) {
      throw new IllegalArgumentException("ownerField must not be blank");
    }
  }

  @Override
  public boolean isEligible(SourceRecord record) {
    return record.value(ownerField).map(owner -> !owner.isBlank() && !"null".equals(owner.strip())).orElse(false);
  }

  @Override
  public Set<String> fieldsRead() {
    return Set.of(ownerField);
  }
}
