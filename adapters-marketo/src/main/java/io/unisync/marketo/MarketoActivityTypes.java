package io.unisync.marketo;

import io.unisync.core.domain.ActivityKind;
import io.unisync.core.error.ConfigurationException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The custom activity types the sales activities are written as in Marketo (one per {@link ActivityKind}, by API name),
 * and whether missing ones may be created and approved. Immutable; {@link #defaults()}, {@link #toBuilder()}.
 */
public final class MarketoActivityTypes {

  private static final MarketoActivityTypes DEFAULTS = new Builder().build();

  private final Map<ActivityKind, String> apiNames;
  private final boolean createMissing;

  private MarketoActivityTypes(Builder b) {
    List<String> problems = new ArrayList<>();
    for (ActivityKind kind : ActivityKind.values()) {
      String name = b.apiNames.get(kind);
      if (name == null || name.isBlank()) {
        problems.add("activityTypes.apiNames must name a custom activity type for " + kind);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("MarketoActivityTypes", problems);
    }
    this.apiNames = Map.copyOf(b.apiNames);
    this.createMissing = b.createMissing;
  }

  /** {@return {@code unisync<Kind>} for every kind, none created} */
  public static MarketoActivityTypes defaults() {
    return DEFAULTS;
  }

  /**
   * {@code unisync} + the kind in camel case, e.g. {@code unisyncSendSalesEmail}.
   *
   * @param kind the activity kind
   * @return its default API name
   */
  public static String defaultApiName(ActivityKind kind) {
    StringBuilder name = new StringBuilder("unisync");
    for (String part : kind.name().toLowerCase(Locale.ROOT).split("_")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }

  /** {@return a builder holding these values} */
  public Builder toBuilder() {
    Builder b = new Builder().createMissing(createMissing);
    b.apiNames.putAll(apiNames);
    return b;
  }

  /** {@return our custom activity type per kind (its API name)} */
  public Map<ActivityKind, String> apiNames() {
    return apiNames;
  }

  /** {@return whether missing custom activity types may be created and approved} */
  public boolean createMissing() {
    return createMissing;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof MarketoActivityTypes that && apiNames.equals(that.apiNames) && createMissing == that.createMissing;
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiNames, createMissing);
  }

  @Override
  public String toString() {
    return "MarketoActivityTypes[apiNames=" + apiNames + ", createMissing=" + createMissing + "]";
  }

  /** One setter per knob, each starting at its default; {@link #build()} lists every problem at once. */
  public static final class Builder {
    private final Map<ActivityKind, @Nullable String> apiNames = new EnumMap<>(ActivityKind.class);
    private boolean createMissing;

    private Builder() {
      for (ActivityKind kind : ActivityKind.values()) {
        apiNames.put(kind, defaultApiName(kind));
      }
    }

    /**
     * The API name of the custom activity type {@code kind} is written as.
     *
     * @param kind the activity kind
     * @param apiName the API name of its custom activity type in the instance
     * @return this builder
     */
    public Builder apiName(ActivityKind kind, String apiName) {
      apiNames.put(Objects.requireNonNull(kind, "kind"), apiName);
      return this;
    }

    /**
     * Whether custom activity types the instance lacks are created (needs the API user's permission to).
     *
     * @param value {@code true} to create them
     * @return this builder
     */
    public Builder createMissing(boolean value) {
      this.createMissing = value;
      return this;
    }

    /**
     * The activity type settings.
     *
     * @throws ConfigurationException listing every problem, each naming its knob
     * @return the settings
     */
    public MarketoActivityTypes build() {
      return new MarketoActivityTypes(this);
    }
  }
}
