-- Finding people from CRM records, and the Actions suppression list (PostgreSQL).
CREATE INDEX unisync_person_sfdc_contact_idx ON unisync_person (tenant, sfdc_contact_id);
CREATE INDEX unisync_person_sfdc_lead_idx ON unisync_person (tenant, sfdc_lead_id);

CREATE TABLE unisync_suppression (
    tenant      TEXT        NOT NULL,
    person_id   BIGINT      NOT NULL,
    origin      TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    since_at    TIMESTAMPTZ NOT NULL,
    pushed      BOOLEAN     NOT NULL,
    CONSTRAINT unisync_suppression_pk PRIMARY KEY (tenant, person_id),
    CONSTRAINT unisync_suppression_origin_ck CHECK (origin IN ('ACTIONS', 'CRM'))
);

CREATE TABLE unisync_sync_state (
    tenant      TEXT        NOT NULL,
    stream      TEXT        NOT NULL,
    watermark   TEXT        NOT NULL,
    CONSTRAINT unisync_sync_state_pk PRIMARY KEY (tenant, stream)
);
