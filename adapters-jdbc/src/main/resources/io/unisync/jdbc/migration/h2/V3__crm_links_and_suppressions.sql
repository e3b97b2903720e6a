-- Finding people from CRM records, and the Actions suppression list (H2).
CREATE INDEX unisync_person_sfdc_contact_idx ON unisync_person (tenant, sfdc_contact_id);
CREATE INDEX unisync_person_sfdc_lead_idx ON unisync_person (tenant, sfdc_lead_id);

CREATE TABLE unisync_suppression (
    tenant      VARCHAR      NOT NULL,
    person_id   BIGINT      NOT NULL,
    origin      VARCHAR      NOT NULL,
    reason      VARCHAR      NOT NULL,
    since_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    pushed      BOOLEAN     NOT NULL,
    CONSTRAINT unisync_suppression_pk PRIMARY KEY (tenant, person_id),
    CONSTRAINT unisync_suppression_origin_ck CHECK (origin IN ('ACTIONS', 'CRM'))
);

CREATE TABLE unisync_sync_state (
    tenant      VARCHAR      NOT NULL,
    stream      VARCHAR      NOT NULL,
    watermark   VARCHAR      NOT NULL,
    CONSTRAINT unisync_sync_state_pk PRIMARY KEY (tenant, stream)
);
