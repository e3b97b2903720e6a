-- Each person's CRM links (H2); opportunity ids are a comma-separated list of Salesforce ids.
CREATE TABLE unisync_crm_links (
    tenant          VARCHAR     NOT NULL,
    person_id       BIGINT      NOT NULL,
    lead_id         VARCHAR,
    contact_id      VARCHAR,
    account_id      VARCHAR,
    opportunity_ids VARCHAR     NOT NULL,
    resolved_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT unisync_crm_links_pk PRIMARY KEY (tenant, person_id)
);
