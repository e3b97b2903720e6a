-- Reminder tasks, the Actions side of the two-way sync with CRM Tasks (H2).
CREATE TABLE unisync_reminder (
    tenant        VARCHAR     NOT NULL,
    id            VARCHAR     NOT NULL,
    person_id     BIGINT      NOT NULL,
    subject       VARCHAR     NOT NULL,
    due_date      DATE        NOT NULL,
    completed     BOOLEAN     NOT NULL,
    modified_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    crm_id        VARCHAR,
    pending       BOOLEAN     NOT NULL,
    CONSTRAINT unisync_reminder_pk PRIMARY KEY (tenant, id)
);
CREATE INDEX unisync_reminder_crm_idx ON unisync_reminder (tenant, crm_id);
CREATE INDEX unisync_reminder_pending_idx ON unisync_reminder (tenant, pending, modified_at);
