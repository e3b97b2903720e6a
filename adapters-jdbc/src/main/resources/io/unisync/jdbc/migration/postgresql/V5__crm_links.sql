-- Each person's CRM links (PostgreSQL); opportunity ids are a comma-separated list of Salesforce ids.
CREATE TABLE unisync_crm_links (
    tenant          TEXT        NOT NULL,
    person_id       BIGINT      NOT NULL,
    lead_id         TEXT,
    contact_id      TEXT,
    account_id      TEXT,
    opportunity_ids TEXT        NOT NULL,
    resolved_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT unisync_crm_links_pk PRIMARY KEY (tenant, person_id)
);
