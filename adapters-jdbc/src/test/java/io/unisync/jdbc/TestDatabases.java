package io.unisync.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.sql.DataSource;
import io.unisync.testkit.TestPostgres;

/**
 * The databases the JDBC tests run on: an in-memory H2, and PostgreSQL from {@link TestPostgres} (the server in
 * {@code UNISYNC_TEST_POSTGRES_URL}, or one started from Maven's binaries); never skipped: without one, the
 * PostgreSQL tests fail and say why. Each database is pooled and migrated once per JVM; tests
 * isolate themselves with a fresh tenant.
 */
final class TestDatabases {

  private static JdbcDatabase h2;
  private static JdbcDatabase postgres;

  private TestDatabases() {}

  static synchronized JdbcDatabase h2() {
    if (h2 == null) {
      h2 = JdbcDatabase.pooled(JdbcSettings.h2InMemory("unisync-test-" + UUID.randomUUID()).withMaxPoolSize(20));
      h2.migrate();
    }
    return h2;
  }

  static synchronized JdbcDatabase postgres() {
    if (postgres == null) {
      String url = null;
      try {
        url = TestPostgres.url();
      } catch (IllegalStateException e) {
        fail(e.getMessage(), e);
      }
      try {
        postgres = JdbcDatabase.pooled(JdbcSettings.of(url, "", "").withMaxPoolSize(20));
      } catch (RuntimeException e) {
        fail("PostgreSQL at " + url.replaceAll("\\?.*", "") + " is not reachable: " + e.getMessage(), e);
      }
      postgres.migrate();
    }
    return postgres;
  }

  static Tenant freshTenant() {
    return Tenant.of("t-" + UUID.randomUUID().toString().substring(0, 13));
  }

  /**
   * A data source whose connections refuse the next statement matching {@code victim} once armed, as a
   * database connection dying at exactly that statement would.
   */
  static final class FaultyDataSource {
    private final DataSource delegate;
    private final Predicate<String> victim;
    private final AtomicBoolean armed = new AtomicBoolean();

    FaultyDataSource(DataSource delegate, Predicate<String> victim) {
      this.delegate = delegate;
      this.victim = victim;
    }

    static FaultyDataSource failingCheckpointWrites(DataSource delegate) {
      return new FaultyDataSource(delegate, sql -> {
        String s = sql.strip().toUpperCase(Locale.ROOT);
        return (s.startsWith("INSERT") || s.startsWith("MERGE")) && s.contains("UNISYNC_CHECKPOINT");
      });
    }

    void arm() {
      armed.set(true);
    }

    DataSource dataSource() {
      InvocationHandler dataSourceHandler = (proxy, method, args) -> {
        Object result = invoke(delegate, method, args);
        if (result instanceof Connection connection) {
          return wrap(connection);
        }
        return result;
      };
      return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, dataSourceHandler);
    }

    private Connection wrap(Connection connection) {
      InvocationHandler handler = (proxy, method, args) -> {
        if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
            && victim.test(sql) && armed.compareAndSet(true, false)) {
          throw new SQLException("injected fault: connection lost before the checkpoint write", "08006");
        }
        return invoke(connection, method, args);
      };
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
