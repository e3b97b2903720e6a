-- Reminder tasks, the Actions side of the two-way sync with CRM Tasks (PostgreSQL).
CREATE TABLE unisync_reminder (
    tenant        TEXT        NOT NULL,
    id            TEXT        NOT NULL,
    person_id     BIGINT      NOT NULL,
    subject       TEXT        NOT NULL,
    due_date      DATE        NOT NULL,
    completed     BOOLEAN     NOT NULL,
    modified_at   TIMESTAMPTZ NOT NULL,
    crm_id        TEXT,
    pending       BOOLEAN     NOT NULL,
    CONSTRAINT unisync_reminder_pk PRIMARY KEY (tenant, id)
);
CREATE INDEX unisync_reminder_crm_idx ON unisync_reminder (tenant, crm_id);
CREATE INDEX unisync_reminder_pending_idx ON unisync_reminder (tenant, pending, modified_at);
