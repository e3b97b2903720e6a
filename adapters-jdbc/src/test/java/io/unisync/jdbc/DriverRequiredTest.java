package io.unisync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unisync.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;

/** The JDBC drivers are the host's dependencies: a missing one is named, with the artifact that brings it. */
class DriverRequiredTest {

  /** Sees the JDK alone: neither driver. */
  private final ClassLoader withoutDrivers = new ClassLoader(null) {};

  @Test
  void aPostgresqlUrlWithoutTheDriverNamesTheArtifactToAdd() {
    Throwable thrown = catchThrowable(() -> JdbcDatabase.requireDriver("jdbc:postgresql://127.0.0.1:5432/app", withoutDrivers));

    assertThat(thrown).isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).singleElement()
        .asString().contains("org.postgresql.Driver").contains("org.postgresql:postgresql"));
  }

  @Test
  void anH2UrlWithoutTheDriverNamesTheArtifactToAdd() {
    Throwable thrown = catchThrowable(() -> JdbcDatabase.requireDriver("jdbc:h2:mem:x", withoutDrivers));

    assertThat(thrown).isInstanceOf(ConfigurationException.class).hasMessageContaining("com.h2database:h2");
  }

  @Test
  void withTheDriversPresentOrAnotherDatabaseNothingIsSaid() {
    assertThatCode(() -> JdbcDatabase.requireDriver("jdbc:postgresql://127.0.0.1:5432/app")).doesNotThrowAnyException();
    assertThatCode(() -> JdbcDatabase.requireDriver("jdbc:h2:mem:x")).doesNotThrowAnyException();
    assertThatCode(() -> JdbcDatabase.requireDriver("jdbc:mysql://db/app", withoutDrivers)).doesNotThrowAnyException();
  }
}
