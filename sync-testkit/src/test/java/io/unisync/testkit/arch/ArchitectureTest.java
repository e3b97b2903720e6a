package io.unisync.testkit.arch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The project's own main code obeys every rule, and each rule can fail (shown on deliberate violations). */
class ArchitectureTest {

  static JavaClasses production;
  static JavaClasses fixtures;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.unisync");
    fixtures = new ClassFileImporter()
        .importPackages("io.unisync.core.archfixture", "io.unisync.testkit.archfixture", "io.unisync.core.domain.archfixture",
            "io.unisync.core.port.archfixture", "io.unisync.jdbc.archfixture", "io.unisync.marketo.archfixture");
  }

  static Stream<ArchRule> rules() {
    return UnisyncArchitectureRules.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void productionCodeFollowsTheRule(ArchRule rule) {
    assertThatCode(() -> rule.check(production)).doesNotThrowAnyException();
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of(UnisyncArchitectureRules.CORE_DEPENDS_ONLY_ON_THE_JDK_SLF4J_AND_JSPECIFY, "CoreUsingAssertJ"),
        Arguments.of(UnisyncArchitectureRules.INTERNAL_PACKAGES_ARE_USED_ONLY_INSIDE_THEIR_MODULE, "UsesCoreInternals"),
        Arguments.of(UnisyncArchitectureRules.PORT_IMPLEMENTATIONS_ARE_NAMED_AFTER_THEIR_PORT, "BadlyNamedAdapter"),
        Arguments.of(UnisyncArchitectureRules.EVERY_DECLARED_EXCEPTION_EXTENDS_SYNC_EXCEPTION, "LooseException"),
        Arguments.of(UnisyncArchitectureRules.THERE_ARE_NO_UTIL_PACKAGES, "archfixture.util.Helper"),
        Arguments.of(UnisyncArchitectureRules.TIME_COMES_FROM_AN_INJECTED_CLOCK, "ReadsTheSystemClock"),
        Arguments.of(UnisyncArchitectureRules.LIBRARY_CODE_DOES_NOT_USE_STANDARD_STREAMS, "PrintsToStandardOut"),
        Arguments.of(UnisyncArchitectureRules.THE_DOMAIN_DEPENDS_ONLY_ON_THE_JDK, "DomainUsingAPort"),
        Arguments.of(UnisyncArchitectureRules.PORTS_DEPEND_ONLY_ON_DOMAIN_AND_ERROR_TYPES, "PortKnowingTheEngine"),
        Arguments.of(UnisyncArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER, "JdbcCallingMarketo"),
        Arguments.of(UnisyncArchitectureRules.PACKAGES_WITH_THEIR_INTERNALS_ARE_FREE_OF_CYCLES, "CycleA"),
        Arguments.of(UnisyncArchitectureRules.VENDOR_TYPES_DO_NOT_APPEAR_IN_PUBLIC_SIGNATURES, "ExposesJackson"),
        Arguments.of(UnisyncArchitectureRules.VENDOR_TYPES_DO_NOT_APPEAR_IN_PUBLIC_SIGNATURES, "ExposesHttpClientInATypeArgument"),
        Arguments.of(UnisyncArchitectureRules.LIBRARY_CODE_DOES_NOT_USE_JAVA_UTIL_LOGGING, "LogsThroughJul"),
        Arguments.of(UnisyncArchitectureRules.WAITS_AND_RANDOMNESS_ARE_INJECTED, "SleepsAndRollsDice"),
        Arguments.of(UnisyncArchitectureRules.REMOTE_ADAPTERS_DO_NOT_ORCHESTRATE_THE_STORES, "SinkReadingTheStore"));
  }

  @Test
  void everyRuleHasAViolationThatMakesItFail() {
    // a rule without a fixture could be a rule that cannot fail
    org.assertj.core.api.Assertions.assertThat(violations().map(a -> a.get()[0]).distinct().count())
        .isEqualTo(UnisyncArchitectureRules.all().size());
  }

  @ParameterizedTest(name = "{0} catches {1}")
  @MethodSource("violations")
  void eachRuleCatchesADeliberateViolation(ArchRule rule, String offender) {
    assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class).hasMessageContaining(offender);
  }

  @Test
  void theRuleSetIsComplete() {
    // every rule constant is in all(), so none is silently left out of the checks (a deprecated alias names one of them)
    long constants = Stream.of(UnisyncArchitectureRules.class.getFields())
        .filter(f -> ArchRule.class.isAssignableFrom(f.getType()) && !f.isAnnotationPresent(Deprecated.class)).count();
    org.assertj.core.api.Assertions.assertThat(UnisyncArchitectureRules.all()).hasSize((int) constants);
  }
}
