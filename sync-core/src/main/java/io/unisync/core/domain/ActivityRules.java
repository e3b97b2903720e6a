package io.unisync.core.domain;

import io.unisync.core.error.InvalidValueException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Field rules shared by the {@link Activity} records. */
final class ActivityRules {

  private ActivityRules() {}


  static Instant time(Instant occurredAt) {
    if (occurredAt == null) {
      throw new InvalidValueException("occurredAt", "is required");
    }
    return occurredAt.truncatedTo(ChronoUnit.MICROS);
  }

  static @Nullable String text(String label, @Nullable String value) {
    return PersonField.COMPANY.normaliseAs(label, value);
  }

  static String required(String label, @Nullable String value) {
    String normalised = text(label, value);
    if (normalised == null) {
      throw new InvalidValueException(label, "is required");
    }
    return normalised;
  }

  static @Nullable String url(String label, @Nullable String value) {
    return PersonField.LINKEDIN_URL.normaliseAs(label, value);
  }

  static String requiredUrl(String label, @Nullable String value) {
    String normalised = url(label, value);
    if (normalised == null) {
      throw new InvalidValueException(label, "is required");
    }
    return normalised;
  }

  static Map<String, String> map(@Nullable String... namesAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        map.put(Objects.requireNonNull(namesAndValues[i]), namesAndValues[i + 1]);
      }
    }
    return Collections.unmodifiableMap(map);
  }

  static String describe(Activity a) {
    return a.kind().displayName() + "[id=" + a.id() + ", person=" + a.person() + ", seller=" + a.seller().id()
        + ", occurredAt=" + a.occurredAt() + "]";
  }
}
