package io.unisync.spring;

import io.unisync.core.error.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start that failed on Unisync's configuration into one readable list (Spring Boot prints it once, instead of
 * the nested bean-creation exceptions around it): every problem, each naming its property in kebab case.
 */
public final class UnisyncFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    String description = String.valueOf(cause.getMessage()); // "unisync.* properties has 2 problems:" and one line each
    return new FailureAnalysis(description, "Fix the unisync.* properties listed above; nothing was connected or"
        + " created (the README's Spring Boot section lists every property with its default).", cause);
  }
}
