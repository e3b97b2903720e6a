package io.unisync.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot service that embeds Unisync: the starter builds the engine from {@code unisync.*} properties on the
 * service's DataSource, runs the sync with the context, and adds the {@code unisync} health and the metrics.
 */
@SpringBootApplication
public class SampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
