package io.unisync.spring;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The {@code unisync.*} keys a host set that no property of {@link UnisyncProperties} reads: a typo such as
 * {@code unisync.shedule.delivery} would otherwise be ignored and its default used. The known names come from the
 * properties class itself (its getters with setters, in kebab case), so they cannot drift from it. Environment variables are not
 * judged: their names map to properties loosely ({@code UNISYNC_MARKETO_CLIENT_SECRET}), and the environment holds
 * whatever the platform puts there.
 */
final class UnknownProperties {

  private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("unisync");

  private UnknownProperties() {}

  /** Every property name {@link UnisyncProperties} binds, e.g. {@code unisync.marketo.base-url}. */
  static Set<String> known() {
    Set<String> names = new TreeSet<>();
    collect(UnisyncProperties.class, "unisync.", names);
    return names;
  }

  private static void collect(Class<?> type, String prefix, Set<String> names) {
    for (Method method : type.getMethods()) {
      String name = method.getName();
      if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
        continue;
      }
      String property = name.startsWith("get") && name.length() > 3 ? name.substring(3)
          : name.startsWith("is") && name.length() > 2 ? name.substring(2) : null;
      if (property == null) {
        continue;
      }
      String kebab = property.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
      Class<?> returned = method.getReturnType();
      if (returned.getDeclaringClass() == UnisyncProperties.class) {
        collect(returned, prefix + kebab + ".", names);
      } else if (hasSetter(type, property, returned)) { // a getter without a setter is derived (Salesforce's isEnabled)
        names.add(prefix + kebab);
      }
    }
  }

  private static boolean hasSetter(Class<?> type, String property, Class<?> valueType) {
    try {
      type.getMethod("set" + property, valueType);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** A problem for every {@code unisync.*} key set outside the environment variables that is not a property. */
  static List<String> problems(Environment environment) {
    Set<String> known = known();
    Set<String> unknown = new TreeSet<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource
          || !(source instanceof IterableConfigurationPropertySource iterable)) {
        continue;
      }
      iterable.stream().filter(ROOT::isAncestorOf).map(ConfigurationPropertyName::toString).filter(n -> !known.contains(n))
          .forEach(unknown::add);
    }
    List<String> problems = new ArrayList<>();
    for (String name : unknown) {
      String closest = io.unisync.core.error.Suggestions.closest(name, known).orElse(null);
      problems.add(name + " is not a Unisync property" + (closest == null ? "" : "; did you mean " + closest + "?")
          + " (every property: the IDE's completion, or the README's Spring Boot section)");
    }
    return problems;
  }
}
