package io.unisync.core.assembly;

import io.unisync.core.port.CrmActivitySink;
import io.unisync.core.port.CrmDirectory;
import io.unisync.core.port.CrmOptOuts;
import io.unisync.core.port.CrmTasks;
import io.unisync.core.port.PersonReader;

/**
 * One CRM's adapters, as an engine is wired to them: activities delivered as CRM records, the directory that links
 * people to CRM records, the two-way opt-outs and reminder tasks. An adapter module's client (Salesforce's) implements
 * it ({@code SyncEngine.Builder.wiredTo}).
 */
public interface CrmSystem {

  /**
   * The sink of one tenant's activities.
   *
   * @param scope the tenant, named in what the CRM stores so tenants sharing one org stay apart
   * @return the sink
   */
  CrmActivitySink activitySink(String scope);

  /** {@return who a person is in the CRM} */
  CrmDirectory crmDirectory();

  /** {@return opt-outs changed in the CRM} */
  CrmOptOuts crmOptOuts();

  /**
   * Reminder tasks both ways; {@code people} resolves the persons they concern.
   *
   * @param people resolves people to their CRM records
   * @return the reminder tasks of the CRM
   */
  CrmTasks crmTasks(PersonReader people);
}
