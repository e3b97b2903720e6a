package io.unisync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unisync.core.error.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JdbcSettingsTest {

  @Test
  void everyProblemIsListedAtOnce() {
    assertThatThrownBy(() -> JdbcSettings.of("jdbc:mysql://x", null, null, 0, Duration.ZERO))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(5));
  }

  @Test
  void settingsAreValuesChangedOnlyThroughWithMethods() {
    JdbcSettings settings = JdbcSettings.of("jdbc:h2:mem:x", "sa", "");

    assertThat(settings.withMaxPoolSize(3)).isEqualTo(JdbcSettings.of("jdbc:h2:mem:x", "sa", "", 3, Duration.ofSeconds(30)))
        .hasSameHashCodeAs(JdbcSettings.of("jdbc:h2:mem:x", "sa", "", 3, Duration.ofSeconds(30))).isNotEqualTo(settings);
    assertThat(settings.maxPoolSize()).as("unchanged").isEqualTo(10);
    assertThat(JdbcSettings.class.getConstructors()).as("no public constructor to break").isEmpty();
  }

  @Test
  void theBuilderStartsAtTheDefaultsAndToBuilderKeepsEverything() {
    JdbcSettings built = JdbcSettings.builder("jdbc:h2:mem:x", "sa", "").build();
    JdbcSettings changed = built.toBuilder().maxPoolSize(4).connectionTimeout(Duration.ofSeconds(2)).build();

    assertThat(built).isEqualTo(JdbcSettings.of("jdbc:h2:mem:x", "sa", ""));
    assertThat(built.maxPoolSize()).isEqualTo(JdbcSettings.DEFAULT_MAX_POOL_SIZE);
    assertThat(built.connectionTimeout()).isEqualTo(JdbcSettings.DEFAULT_CONNECTION_TIMEOUT);
    assertThat(changed.toBuilder().build()).isEqualTo(changed).hasSameHashCodeAs(changed);
    assertThat(changed).isEqualTo(built.withMaxPoolSize(4).withConnectionTimeout(Duration.ofSeconds(2)));
    assertThatThrownBy(() -> built.toBuilder().maxPoolSize(501).connectionTimeout(Duration.ofMillis(1)).copyThreshold(-1).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(3)
            .anySatisfy(p -> assertThat(p).startsWith("copyThreshold must not be negative")));
    assertThat(built.copyThreshold()).isEqualTo(JdbcSettings.DEFAULT_COPY_THRESHOLD);
    assertThat(built.toBuilder().copyThreshold(0).build()).as("COPY off is another value").isNotEqualTo(built)
        .satisfies(off -> assertThat(off.toBuilder().build()).isEqualTo(off));
  }

  @Test
  void toStringHidesThePasswordAndTheQueryString() {
    JdbcSettings settings = JdbcSettings.of("jdbc:postgresql://db:5432/app?password=hunter2", "app", "s3cret");

    assertThat(settings.toString()).doesNotContain("s3cret", "hunter2").contains("****", "jdbc:postgresql://db:5432/app");
  }

  @Test
  void tenantsAreValidated() {
    assertThat(Tenant.of("284-RPR-133").id()).isEqualTo("284-RPR-133");
    assertThatThrownBy(() -> Tenant.of("bad tenant; drop table")).hasMessageContaining("tenant");
    assertThatThrownBy(() -> Tenant.of("")).hasMessageContaining("tenant");
  }
}
