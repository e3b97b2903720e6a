package io.unisync.examples;

import java.sql.Connection;
import java.sql.DriverManager;

/** A process that holds an H2 file open (as a running {@code unisync run} does) until it is killed; prints "ready". */
public final class HoldH2File {

  private HoldH2File() {}

  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
      connection.createStatement().execute("CREATE TABLE IF NOT EXISTS held (id INT)");
      System.out.println("ready");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }
}
