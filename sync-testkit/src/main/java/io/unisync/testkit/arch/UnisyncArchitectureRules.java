package io.unisync.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Unisync's architecture as ArchUnit rules whose names read as sentences. The project checks its own code
 * with {@link #all()}; a host can check its integration code with the same rules (for example
 * {@link #INTERNAL_PACKAGES_ARE_USED_ONLY_INSIDE_THEIR_MODULE} keeps it off Unisync's internals).
 *
 * <p>ArchUnit's "a rule that matches nothing fails" stays on: import the classes the rules speak about.
 *
 * <pre>{@code
 * JavaClasses classes = new ClassFileImporter().importPackages("io.unisync", "com.example.host");
 * UnisyncArchitectureRules.all().forEach(rule -> rule.check(classes));
 * }</pre>
 */
public final class UnisyncArchitectureRules {

  private static final String BASE = "io.unisync";
  private static final Set<String> ADAPTER_MODULES = Set.of("jdbc", "marketo", "salesforce");
  private static final String[] VENDOR_PACKAGES = {
    "org.jdbi..", "com.zaxxer..", "org.flywaydb..", "java.net.http..", "tools.jackson..", "com.fasterxml..",
    "org.postgresql..", "org.h2.."
  };

  private UnisyncArchitectureRules() {}

  /** The core depends on nothing but the JDK, SLF4J and JSpecify. */
  public static final ArchRule CORE_DEPENDS_ONLY_ON_THE_JDK_SLF4J_AND_JSPECIFY = classes()
      .that().resideInAPackage("io.unisync.core..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", "org.jspecify..", "io.unisync.core..")
      .because("hosts embed the core in any service; it must not drag a framework or a driver along");

  /** The domain depends on nothing but the JDK (and the error types). */
  public static final ArchRule THE_DOMAIN_DEPENDS_ONLY_ON_THE_JDK = classes()
      .that().resideInAPackage("io.unisync.core.domain..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..", "io.unisync.core.domain..", "io.unisync.core.error..")
      .because("domain values are plain Java that every layer may use");

  /** Ports depend on nothing but the domain and the error types. */
  public static final ArchRule PORTS_DEPEND_ONLY_ON_DOMAIN_AND_ERROR_TYPES = classes()
      .that().resideInAPackage("io.unisync.core.port..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..", "io.unisync.core.port..", "io.unisync.core.domain..", "io.unisync.core.error..")
      .because("adapters implement ports; a port that knew the engine or a vendor would tie them together");

  /** No adapter module depends on another. */
  public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = classes()
      .that().resideInAPackage("io.unisync..")
      .should(notDependOnAnotherAdapter())
      .because("each adapter module can be left out or replaced without touching the others");

  /** An internal package is used only inside its own module. */
  public static final ArchRule INTERNAL_PACKAGES_ARE_USED_ONLY_INSIDE_THEIR_MODULE = classes()
      .should(notUseInternalsOfOtherModules())
      .because("internal packages are not API and change without notice");

  /**
   * Every {@code io.unisync} package at any depth is a slice (the module's top package of an adapter included), with
   * one exception: a package's {@code internal} package counts with it, because the architecture puts each module's
   * public face (the engine's builder, an adapter's factory and settings) in the package and the implementation it
   * wires in {@code internal}, and that implementation uses the face's options and listener types.
   */
  public static final ArchRule PACKAGES_WITH_THEIR_INTERNALS_ARE_FREE_OF_CYCLES = SlicesRuleDefinition.slices()
      .assignedFrom(new com.tngtech.archunit.library.dependencies.SliceAssignment() {
        @Override
        public com.tngtech.archunit.library.dependencies.SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String name = javaClass.getPackageName();
          if (!name.startsWith("io.unisync.")) {
            return com.tngtech.archunit.library.dependencies.SliceIdentifier.ignore();
          }
          return com.tngtech.archunit.library.dependencies.SliceIdentifier.of(
              name.endsWith(".internal") ? name.substring(0, name.length() - ".internal".length()) : name);
        }

        @Override
        public String getDescription() {
          return "every io.unisync package, each with its internal package";
        }
      })
      .should().beFreeOfCycles()
      .because("cycles make packages impossible to understand, test or replace one at a time");

  /**
   * The same rule under its first name, which claimed more than it checks (a cycle between a package and its own
   * {@code internal} package is allowed).
   *
   * @deprecated use {@link #PACKAGES_WITH_THEIR_INTERNALS_ARE_FREE_OF_CYCLES}
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  public static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = PACKAGES_WITH_THEIR_INTERNALS_ARE_FREE_OF_CYCLES;

  /** A port's implementation is named {@code <Technology><Port>} or {@code InMemory<Port>}. */
  public static final ArchRule PORT_IMPLEMENTATIONS_ARE_NAMED_AFTER_THEIR_PORT = classes()
      .that().resideInAPackage("io.unisync..")
      .and().areTopLevelClasses()
      .and().areNotInterfaces()
      .should(beNamedAfterTheirPorts())
      .because("a reader finds the JdbcPersonStore of PersonStore by name (<Technology><Port>, InMemory<Port>)");

  /** No vendor type (Jdbi, HikariCP, Flyway, Jackson, the HTTP client, a driver) appears in a public signature. */
  public static final ArchRule VENDOR_TYPES_DO_NOT_APPEAR_IN_PUBLIC_SIGNATURES = methods()
      .that().arePublic()
      .and().areDeclaredInClassesThat().resideInAPackage("io.unisync..")
      .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
      .and().areDeclaredInClassesThat().arePublic()
      .should(notExposeVendorTypes())
      .because("hosts must be able to upgrade or drop a vendor library without recompiling against it");

  /** Every exception declared extends {@code SyncException}. */
  public static final ArchRule EVERY_DECLARED_EXCEPTION_EXTENDS_SYNC_EXCEPTION = classes()
      .that().resideInAPackage("io.unisync..")
      .and().areAssignableTo(Throwable.class)
      .should().beAssignableTo("io.unisync.core.error.SyncException")
      .because("hosts catch one root type and ask it isRetryable()");

  /** There is no {@code util} or {@code utils} package. */
  public static final ArchRule THERE_ARE_NO_UTIL_PACKAGES = noClasses()
      .that().resideInAPackage("io.unisync..")
      .should().resideInAnyPackage("..util..", "..utils..", "..common..", "..helper..", "..helpers..", "..impl..")
      .because("a helper lives beside its caller or becomes a named concept");

  /** Time is read from an injected {@link java.time.Clock}, never from the system. */
  public static final ArchRule TIME_COMES_FROM_AN_INJECTED_CLOCK = noClasses()
      .that().resideInAPackage("io.unisync..")
      .should().callMethod(Instant.class, "now")
      .orShould().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(LocalDateTime.class, "now")
      .orShould().callMethod(LocalDate.class, "now")
      .orShould().callMethod(OffsetDateTime.class, "now")
      .orShould().callMethod(ZonedDateTime.class, "now")
      .because("tests drive time with a manual clock; a direct read makes them flaky");

  /** Waits go through a {@code Sleeper} and randomness is seeded. */
  public static final ArchRule WAITS_AND_RANDOMNESS_ARE_INJECTED = classes()
      .that().resideInAPackage("io.unisync..")
      .and().resideOutsideOfPackage("io.unisync.testkit..")
      .should(notWaitOrDrawUnseededRandomness())
      .because("tests skip waits through a Sleeper and replay jitter from a seed; a real sleep or an unseeded random source"
          + " makes them slow and unrepeatable (the testkit, which models real services, is exempt)");

  /** Library code writes nothing to standard output or error. */
  public static final ArchRule LIBRARY_CODE_DOES_NOT_USE_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
      .because("library code logs through SLF4J, so the host decides where output goes");

  /** Library code logs through SLF4J, not java.util.logging. */
  public static final ArchRule LIBRARY_CODE_DOES_NOT_USE_JAVA_UTIL_LOGGING = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
      .because("library code logs through SLF4J only");

  /** The Marketo and Salesforce adapters do not drive the stores. */
  public static final ArchRule REMOTE_ADAPTERS_DO_NOT_ORCHESTRATE_THE_STORES = noClasses()
      .that().resideInAnyPackage("io.unisync.marketo..", "io.unisync.salesforce..")
      .should().dependOnClassesThat().haveFullyQualifiedName("io.unisync.core.port.PersonStore")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.unisync.core.port.CrmLinkStore")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.unisync.core.port.ActivityOutbox")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.unisync.core.port.SuppressionStore")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.unisync.core.port.ReminderStore")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.unisync.core.port.WatermarkStore")
      .because("a remote adapter translates one system's wire; which store is read or written, and when, is the engine's"
          + " (it gives a CRM adapter a PersonReader and resolves CRM links itself)")
      .allowEmptyShould(true); // checked where the adapters are: each adapter module's architecture test

  /** {@return every rule, for library code (examples and benchmarks may print)} */
  public static List<ArchRule> all() {
    return List.of(
        CORE_DEPENDS_ONLY_ON_THE_JDK_SLF4J_AND_JSPECIFY,
        THE_DOMAIN_DEPENDS_ONLY_ON_THE_JDK,
        PORTS_DEPEND_ONLY_ON_DOMAIN_AND_ERROR_TYPES,
        ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
        INTERNAL_PACKAGES_ARE_USED_ONLY_INSIDE_THEIR_MODULE,
        PACKAGES_WITH_THEIR_INTERNALS_ARE_FREE_OF_CYCLES,
        PORT_IMPLEMENTATIONS_ARE_NAMED_AFTER_THEIR_PORT,
        VENDOR_TYPES_DO_NOT_APPEAR_IN_PUBLIC_SIGNATURES,
        EVERY_DECLARED_EXCEPTION_EXTENDS_SYNC_EXCEPTION,
        THERE_ARE_NO_UTIL_PACKAGES,
        TIME_COMES_FROM_AN_INJECTED_CLOCK,
        WAITS_AND_RANDOMNESS_ARE_INJECTED,
        LIBRARY_CODE_DOES_NOT_USE_STANDARD_STREAMS,
        LIBRARY_CODE_DOES_NOT_USE_JAVA_UTIL_LOGGING,
        REMOTE_ADAPTERS_DO_NOT_ORCHESTRATE_THE_STORES);
  }

  /**
   * Checks every rule against the classes and fails with all violations of the first failing rule.
   *
   * @param classes the classes to check
   */
  public static void checkAll(JavaClasses classes) {
    all().forEach(rule -> rule.check(classes));
  }

  // ---- conditions ------------------------------------------------------------------------------------

  /** The module a class belongs to: the package segment after {@code io.unisync}, or empty outside Unisync. */
  static Optional<String> moduleOf(JavaClass javaClass) {
    String pkg = javaClass.getPackageName();
    if (!pkg.startsWith(BASE + ".")) {
      return Optional.empty();
    }
    String rest = pkg.substring(BASE.length() + 1);
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  private static boolean isInternal(JavaClass javaClass) {
    String pkg = javaClass.getPackageName();
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  private static ArchCondition<JavaClass> notDependOnAnotherAdapter() {
    return new ArchCondition<>("not depend on another adapter module") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> own = moduleOf(origin);
        if (own.isEmpty() || !ADAPTER_MODULES.contains(own.get())) {
          // Non-adapter classes pass vacuously; they are still "matched", so the rule is never empty.
          events.add(SimpleConditionEvent.satisfied(origin, origin.getName() + " is not in an adapter module"));
          return;
        }
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          Optional<String> target = moduleOf(dependency.getTargetClass());
          if (target.isPresent() && ADAPTER_MODULES.contains(target.get()) && !target.equals(own)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> notUseInternalsOfOtherModules() {
    return new ArchCondition<>("use internal packages only of their own module") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> own = moduleOf(origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          Optional<String> targetModule = moduleOf(target);
          if (targetModule.isPresent() && isInternal(target) && !targetModule.equals(own)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> beNamedAfterTheirPorts() {
    return new ArchCondition<>("be named after the port they implement") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        java.util.Set<JavaClass> ports = new java.util.HashSet<>();
        for (JavaClass port : javaClass.getAllRawInterfaces()) {
          if (port.getPackageName().equals("io.unisync.core.port")) {
            ports.add(port);
          }
        }
        // a port another implemented port extends (PersonStore's PersonReader) is named by the one that extends it
        java.util.Set<JavaClass> extended = new java.util.HashSet<>();
        for (JavaClass port : ports) {
          extended.addAll(port.getAllRawInterfaces());
        }
        for (JavaClass port : ports) {
          if (extended.contains(port)) {
            continue;
          }
          boolean named = javaClass.getSimpleName().endsWith(port.getSimpleName());
          String message = javaClass.getName() + " implements port " + port.getSimpleName()
              + (named ? " and is named after it" : " but its name does not end with " + port.getSimpleName());
          events.add(new SimpleConditionEvent(javaClass, named, message));
        }
      }
    };
  }

  /**
   * No {@code Thread.sleep} (but in {@code Sleeper.system()}, the one real wait), no {@code System.nanoTime} (but in
   * {@code Ticker.system()}, the one monotonic clock, injected where a window must not follow a wall clock that jumps), no
   * {@code new Random()} / {@code new SplittableRandom()} without a seed, {@code ThreadLocalRandom} or {@code Math.random}.
   */
  private static ArchCondition<JavaClass> notWaitOrDrawUnseededRandomness() {
    return new ArchCondition<>("not sleep, read System.nanoTime or draw from an unseeded random source") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        java.util.List<com.tngtech.archunit.core.domain.JavaCall<?>> calls = new java.util.ArrayList<>(origin.getMethodCallsFromSelf());
        calls.addAll(origin.getConstructorCallsFromSelf());
        for (com.tngtech.archunit.core.domain.JavaCall<?> call : calls) {
          String owner = call.getTargetOwner().getName();
          String name = call.getName();
          int arguments = call.getTarget().getRawParameterTypes().size();
          boolean violated = (owner.equals("java.lang.Thread") && name.equals("sleep") && !origin.getName().equals(BASE + ".core.port.Sleeper"))
              || (owner.equals("java.lang.System") && name.equals("nanoTime") && !origin.getName().equals(BASE + ".core.wire.Ticker"))
              || ((owner.equals("java.util.Random") || owner.equals("java.util.SplittableRandom")) && name.equals("<init>") && arguments == 0)
              || (owner.equals("java.util.concurrent.ThreadLocalRandom") && name.equals("current"))
              || (owner.equals("java.lang.Math") && name.equals("random"));
          if (violated) {
            events.add(SimpleConditionEvent.violated(call, call.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaMethod> notExposeVendorTypes() {
    DescribedPredicate<JavaClass> vendor = DescribedPredicate.describe("a vendor type",
        c -> isVendor(c.getPackageName()));
    return new ArchCondition<>("not take or return " + vendor.getDescription()) {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        if (method.getModifiers().contains(JavaModifier.SYNTHETIC) || method.getModifiers().contains(JavaModifier.BRIDGE)) {
          return;
        }
        // the JDK's HTTP client is what the testkit's hostile server exists to test: it may hand one out (test scope only)
        boolean httpTool = method.getOwner().getPackageName().equals(BASE + ".testkit.sim");
        for (JavaClass returned : method.getReturnType().getAllInvolvedRawTypes()) {
          if (vendor.test(returned) && !(httpTool && returned.getPackageName().startsWith("java.net.http"))) {
            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " returns " + returned.getName()));
          }
        }
        for (com.tngtech.archunit.core.domain.JavaType parameter : method.getParameterTypes()) {
          // type arguments count too: a Supplier<HttpClient> ties the host to the vendor as much as an HttpClient
          for (JavaClass involved : parameter.getAllInvolvedRawTypes()) {
            if (vendor.test(involved)) {
              events.add(SimpleConditionEvent.violated(method, method.getFullName() + " takes " + involved.getName()));
            }
          }
        }
      }
    };
  }

  private static boolean isVendor(String packageName) {
    for (String vendor : VENDOR_PACKAGES) {
      String prefix = vendor.substring(0, vendor.length() - 2);
      if (packageName.equals(prefix) || packageName.startsWith(prefix + ".")) {
        return true;
      }
    }
    return false;
  }
}
