-- Durable activity outbox (PostgreSQL): one row per (activity, destination), keyed by tenant.
CREATE TABLE unisync_outbox (
    tenant          TEXT        NOT NULL,
    seq             BIGINT      GENERATED ALWAYS AS IDENTITY,
    destination     TEXT        NOT NULL,
    activity_id     TEXT        NOT NULL,
    person_id       BIGINT      NOT NULL,
    activity        TEXT        NOT NULL,
    state           TEXT        NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    due_at          TIMESTAMPTZ NOT NULL,
    lease_owner     TEXT,
    lease_until     TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT unisync_outbox_pk PRIMARY KEY (tenant, seq),
    CONSTRAINT unisync_outbox_activity_uq UNIQUE (tenant, destination, activity_id),
    CONSTRAINT unisync_outbox_state_ck CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD'))
);

-- Claims scan pending work in order; the partial indexes stay small however much is delivered.
CREATE INDEX unisync_outbox_due_idx ON unisync_outbox (tenant, destination, seq) WHERE state = 'PENDING';
CREATE INDEX unisync_outbox_person_idx ON unisync_outbox (tenant, destination, person_id, seq) WHERE state = 'PENDING';
CREATE INDEX unisync_outbox_dead_idx ON unisync_outbox (tenant, destination, seq) WHERE state = 'DEAD';
