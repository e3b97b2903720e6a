package io.unisync.jdbc.internal;

import io.unisync.core.domain.CrmLinks;
import io.unisync.core.domain.PersonId;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import io.unisync.core.port.Fence;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/** The CRM links of one tenant. Thread-safe. */
public final class CrmLinkTables {

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final String tenant;
  private final String upsert;

  public CrmLinkTables(DataSource dataSource, Dialect dialect, String tenant) {
    this.jdbi = Jdbi.create(dataSource);
    this.dialect = dialect;
    this.tenant = tenant;
    this.upsert = dialect.upsert("unisync_crm_links",
        List.of("tenant", "person_id", "lead_id", "contact_id", "account_id", "opportunity_ids", "resolved_at"),
        List.of("tenant", "person_id"), 1, null);
  }

  public Map<PersonId, CrmLinks> find(Collection<PersonId> people) {
    Map<PersonId, CrmLinks> found = new HashMap<>();
    if (people.isEmpty()) {
      return found;
    }
    try {
      List<Long> ids = people.stream().map(PersonId::value).toList();
      jdbi.useHandle(h -> dialect.bindKeys(h.createQuery("SELECT person_id, lead_id, contact_id, account_id, opportunity_ids, resolved_at "
              + "FROM unisync_crm_links WHERE " + dialect.tenantKeyIn("", "person_id", ids.size())), ids)
          .bind("tenant", tenant)
          .map((rs, ctx) -> {
            String opportunities = rs.getString(5);
            CrmLinks links = new CrmLinks(PersonId.of(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                opportunities.isEmpty() ? List.of() : Arrays.asList(opportunities.split(",")),
                rs.getObject(6, OffsetDateTime.class).toInstant());
            found.put(links.person(), links);
            return links;
          }).list());
      return found;
    } catch (RuntimeException e) {
      throw SqlFailures.translate("JDBC CRM links (tenant " + tenant + "): reading", e);
    }
  }

  public void save(Collection<CrmLinks> links, @Nullable Fence fence) {
    try {
      jdbi.useTransaction(h -> {
        if (fence != null) {
          Fences.check(h, dialect, fence);
        }
        for (CrmLinks l : links) {
          var update = h.createUpdate(upsert).bind(0, tenant).bind(1, l.person().value());
          text(update, 2, l.leadId());
          text(update, 3, l.contactId());
          text(update, 4, l.accountId());
          update.bind(5, String.join(",", l.opportunityIds())).bind(6, l.resolvedAt().atOffset(ZoneOffset.UTC)).execute();
        }
      });
    } catch (RuntimeException e) {
      throw SqlFailures.translate("JDBC CRM links (tenant " + tenant + "): saving", e);
    }
  }

  private static void text(org.jdbi.v3.core.statement.Update update, int position, @Nullable String value) {
    if (value == null) {
      update.bindNull(position, Types.VARCHAR);
    } else {
      update.bind(position, value);
    }
  }

  /** The tenant whose rows these are. */
  public String tenant() {
    return tenant;
  }
}
