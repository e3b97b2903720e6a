package io.unisync.examples;

import io.unisync.testkit.sim.MarketoSimulator;
import io.unisync.testkit.sim.SalesforceSimulator;
import io.unisync.testkit.sim.Simulators;
import java.io.PrintStream;

/**
 * What {@code unisync simulate} prints once the simulators run ({@link Simulators}, on fixed ports of 127.0.0.1): how to
 * point the library, the CLI and the Spring Boot starter at them. A hello-world of a few thousand people then syncs in
 * seconds.
 */
public final class Simulate {

  /** The Marketo simulator's port unless told otherwise. */
  public static final int MARKETO_PORT = 8181;
  /** The Salesforce simulator's port unless told otherwise. */
  public static final int SALESFORCE_PORT = 8282;

  private Simulate() {}

  /** How to point each front-end at the simulators. */
  static void describe(Simulators s, int people, PrintStream out) {
    String marketo = s.marketo().baseUrl().toString();
    String salesforce = s.salesforce().baseUrl().toString();
    out.println("Marketo simulator    " + marketo + "   (" + people + " synthetic people; client id " + MarketoSimulator.CLIENT_ID
        + ", secret " + MarketoSimulator.CLIENT_SECRET + ")");
    out.println("Salesforce simulator " + salesforce + "   (client id " + SalesforceSimulator.CLIENT_ID + ", secret "
        + SalesforceSimulator.CLIENT_SECRET + ")");
    out.println();
    out.println("The library (the README's Quick start):");
    out.println("  MarketoSettings.of(URI.create(\"" + marketo + "\"), \"" + MarketoSimulator.CLIENT_ID + "\", \""
        + MarketoSimulator.CLIENT_SECRET + "\")");
    out.println("      .withBulk(true, MarketoSnapshot.DEFAULT_START, MarketoSnapshot.DEFAULT_WINDOW, Duration.ofSeconds(1))");
    out.println();
    out.println("unisync run --config unisync.yaml, with UNISYNC_MARKETO_CLIENT_SECRET=" + MarketoSimulator.CLIENT_SECRET + " and:");
    out.println("  tenant: acme");
    out.println("  database: { url: \"jdbc:h2:file:./unisync-db\" }");
    out.println("  marketo: { baseUrl: " + marketo + ", clientId: " + MarketoSimulator.CLIENT_ID + ", bulkPollSeconds: 1 }");
    out.println();
    out.println("Spring Boot (application.properties), with UNISYNC_MARKETO_CLIENT_SECRET=" + MarketoSimulator.CLIENT_SECRET + ":");
    out.println("  unisync.marketo.base-url=" + marketo);
    out.println("  unisync.marketo.client-id=" + MarketoSimulator.CLIENT_ID);
    out.println("  unisync.marketo.bulk-poll=1s");
    out.println();
    out.println("Ctrl-C stops them.");
  }
}
