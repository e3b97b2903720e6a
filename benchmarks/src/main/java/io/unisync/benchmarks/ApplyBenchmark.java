package io.unisync.benchmarks;

import io.unisync.core.domain.Person;
import io.unisync.core.port.Checkpoint;
import io.unisync.core.port.PersonUpsert;
import io.unisync.core.port.SnapshotPosition;
import io.unisync.core.port.SourcePosition;
import io.unisync.core.port.StoreBatch;
import io.unisync.jdbc.JdbcDatabase;
import io.unisync.jdbc.JdbcPersonStore;
import io.unisync.jdbc.JdbcSettings;
import io.unisync.jdbc.Tenant;
import io.unisync.testkit.SamplePeople;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * Throughput of the store's commit unit ({@code apply}: 300 upserts + checkpoint in one transaction)
 * beside plain batched {@code INSERT} and {@code COPY} of the same rows into a table of the same shape, on
 * PostgreSQL. Not a test: run it with {@code scripts/bench-jdbc.sh}. It prints rows/s and ratios.
 */
public final class ApplyBenchmark {

  private static final int PAGE = 300;
  private static final Instant VERSION = Instant.parse("2026-01-01T00:00:00Z");

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    String url = io.unisync.testkit.TestPostgres.url(); // UNISYNC_TEST_POSTGRES_URL, or a throwaway embedded server
    List<List<PersonUpsert>> pages = pages(rows);
    try (JdbcDatabase db = JdbcDatabase.pooled(JdbcSettings.builder(url, "", "").maxPoolSize(4).copyThreshold(Integer.getInteger("copyThreshold", JdbcSettings.DEFAULT_COPY_THRESHOLD)).build())) {
      db.migrate();
      prepareBaselineTables(db);

      // warm-up: JIT, server-side prepared statements, table files
      applyAll(db.personStore(Tenant.of("warmup")), pages.subList(0, Math.min(pages.size(), 60)));
      plainInsert(db, pages.subList(0, Math.min(pages.size(), 60)), "warmup");
      copy(db, pages.subList(0, Math.min(pages.size(), 60)), "warmup");

      Figures f = measure(db, pages, "bench");
      double apply = f.apply();
      double reapply = f.reapply();
      double insert = f.insert();
      double copy = f.copy();

      System.out.printf(Locale.ROOT, "%nJdbcPersonStore.apply on PostgreSQL, %,d rows in pages of %d (%s, %d cores)%n",
          rows, PAGE, System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "| %-46s | %12s | %14s |%n", "operation", "rows/s", "apply ÷ this");
      System.out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(48), "-".repeat(14), "-".repeat(16));
      row("apply: 300 upserts + checkpoint per transaction", apply, apply);
      row("apply again, all unchanged (no rewrite)", reapply, apply);
      row("apply: 1,000 upserts + checkpoint, COPY path", f.pageCopy(), apply);
      row("apply: 1,000 upserts + checkpoint, arrays (COPY off)", f.pageArrays(), apply);
      row("plain batched INSERT, 300 per transaction", insert, apply);
      row("COPY, 10,000 rows per transaction", copy, apply);
    }
  }

  /**
   * Rows per second of each way of writing the same rows.
   *
   * @param apply the store's commit unit, 300 upserts and the checkpoint per transaction
   * @param reapply the same again, every row unchanged
   * @param insert plain batched {@code INSERT}, 300 per transaction
   * @param copy {@code COPY}, 10,000 per transaction
   * @param pageCopy the store's commit unit at an initial sync's page, 1,000 upserts, through its {@code COPY} path
   * @param pageArrays the same with {@code COPY} off (one statement over arrays)
   */
  public record Figures(double apply, double reapply, double insert, double copy, double pageCopy, double pageArrays) {}

  /** Measures the commit unit, an unchanged re-apply, plain INSERT and COPY of {@code rows} rows (baseline tables are recreated). */
  public static Figures measure(JdbcDatabase db, int rows, String tenantPrefix) throws Exception {
    List<List<PersonUpsert>> pages = pages(rows);
    prepareBaselineTables(db);
    return measure(db, pages, tenantPrefix);
  }

  private static Figures measure(JdbcDatabase db, List<List<PersonUpsert>> pages, String tenantPrefix) throws Exception {
    double apply = applyAll(db.personStore(Tenant.of(tenantPrefix + "-apply")), pages);
    double reapply = applyAll(db.personStore(Tenant.of(tenantPrefix + "-apply")), pages);
    double insert = plainInsert(db, pages, tenantPrefix + "-insert");
    double copy = copy(db, pages, tenantPrefix + "-copy");
    List<PersonUpsert> all = pages.stream().flatMap(List::stream).toList(); // the same upserts, no second copy on the heap
    List<List<PersonUpsert>> initialPages = new ArrayList<>();
    for (int from = 0; from < all.size(); from += 1_000) {
      initialPages.add(all.subList(from, Math.min(all.size(), from + 1_000)));
    }
    double pageCopy = applyAll(db.personStore(Tenant.of(tenantPrefix + "-page-copy")), initialPages);
    double pageArrays;
    try (JdbcDatabase arrays = JdbcDatabase.pooled(JdbcSettings.builder(io.unisync.testkit.TestPostgres.url(), "", "").maxPoolSize(2)
        .copyThreshold(0).build())) {
      pageArrays = applyAll(arrays.personStore(Tenant.of(tenantPrefix + "-page-arrays")), initialPages);
    }
    return new Figures(apply, reapply, insert, copy, pageCopy, pageArrays);
  }

  private static void row(String name, double rowsPerSecond, double apply) {
    System.out.printf(Locale.ROOT, "| %-46s | %,12.0f | %14.2f |%n", name, rowsPerSecond, apply / rowsPerSecond);
  }

  private static List<List<PersonUpsert>> pages(int rows) {
    List<List<PersonUpsert>> pages = new ArrayList<>();
    List<PersonUpsert> page = new ArrayList<>(PAGE);
    for (long id = 1; id <= rows; id++) {
      page.add(PersonUpsert.of(SamplePeople.person(id), VERSION));
      if (page.size() == PAGE) {
        pages.add(page);
        page = new ArrayList<>(PAGE);
      }
    }
    if (!page.isEmpty()) {
      pages.add(page);
    }
    return pages;
  }

  private static double applyAll(JdbcPersonStore store, List<List<PersonUpsert>> pages) {
    long rows = 0;
    long start = System.nanoTime();
    int n = 0;
    for (List<PersonUpsert> page : pages) {
      store.apply(new StoreBatch(page, List.of(), List.of(),
          Checkpoint.snapshot(new SourcePosition("bench"), new SnapshotPosition("page-" + n++))));
      rows += page.size();
    }
    return rows / ((System.nanoTime() - start) / 1e9);
  }

  private static void prepareBaselineTables(JdbcDatabase db) throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_plain");
      s.execute("DROP TABLE IF EXISTS bench_copy");
      s.execute("CREATE TABLE bench_plain (LIKE unisync_person INCLUDING ALL)");
      s.execute("CREATE TABLE bench_copy (LIKE unisync_person INCLUDING ALL)");
    }
  }

  private static double plainInsert(JdbcDatabase db, List<List<PersonUpsert>> pages, String tenant) throws Exception {
    String sql = "INSERT INTO bench_plain (tenant, person_id, first_name, last_name, sfdc_contact_id, sfdc_lead_id, company, "
        + "title, email, phone, linkedin_url, source, fingerprint, source_updated_at, synced_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    long rows = 0;
    long start = System.nanoTime();
    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      c.setAutoCommit(false);
      Timestamp version = Timestamp.from(VERSION);
      for (List<PersonUpsert> page : pages) {
        for (PersonUpsert upsert : page) {
          Person p = upsert.person();
          ps.setString(1, tenant);
          ps.setLong(2, p.id().value());
          String[] values = {p.firstName(), p.lastName(), p.salesforceContactId(), p.salesforceLeadId(), p.company(),
              p.title(), p.email(), p.phone(), p.linkedinUrl(), p.source()};
          for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
              ps.setNull(3 + i, Types.VARCHAR);
            } else {
              ps.setString(3 + i, values[i]);
            }
          }
          ps.setString(13, upsert.fingerprint().value());
          ps.setTimestamp(14, version);
          ps.setTimestamp(15, version);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
        rows += page.size();
      }
    }
    return rows / ((System.nanoTime() - start) / 1e9);
  }

  private static double copy(JdbcDatabase db, List<List<PersonUpsert>> pages, String tenant) throws Exception {
    long rows = 0;
    long start = System.nanoTime();
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      var copier = c.unwrap(PGConnection.class).getCopyAPI();
      StringBuilder csv = new StringBuilder();
      int inChunk = 0;
      for (List<PersonUpsert> page : pages) {
        for (PersonUpsert upsert : page) {
          Person p = upsert.person();
          csv.append(tenant).append(',').append(p.id().value());
          for (String v : new String[] {p.firstName(), p.lastName(), p.salesforceContactId(), p.salesforceLeadId(),
              p.company(), p.title(), p.email(), p.phone(), p.linkedinUrl(), p.source()}) {
            csv.append(',');
            if (v != null) {
              csv.append('"').append(v.replace("\"", "\"\"")).append('"');
            }
          }
          csv.append(',').append(upsert.fingerprint().value()).append(',').append(VERSION).append(',').append(VERSION).append('\n');
          inChunk++;
          rows++;
        }
        if (inChunk >= 10_000) {
          copier.copyIn("COPY bench_copy FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
          c.commit();
          csv.setLength(0);
          inChunk = 0;
        }
      }
      if (inChunk > 0) {
        copier.copyIn("COPY bench_copy FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        c.commit();
      }
    }
    return rows / ((System.nanoTime() - start) / 1e9);
  }
}
