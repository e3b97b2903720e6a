-- Durable activity outbox (H2): one row per (activity, destination), keyed by tenant.
CREATE TABLE unisync_outbox (
    tenant          VARCHAR     NOT NULL,
    seq             BIGINT      GENERATED ALWAYS AS IDENTITY,
    destination     VARCHAR     NOT NULL,
    activity_id     VARCHAR     NOT NULL,
    person_id       BIGINT      NOT NULL,
    activity        VARCHAR     NOT NULL,
    state           VARCHAR     NOT NULL,
    attempts        INTEGER     DEFAULT 0 NOT NULL,
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner     VARCHAR,
    lease_until     TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT unisync_outbox_pk PRIMARY KEY (tenant, seq),
    CONSTRAINT unisync_outbox_activity_uq UNIQUE (tenant, destination, activity_id),
    CONSTRAINT unisync_outbox_state_ck CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD'))
);

CREATE INDEX unisync_outbox_state_idx ON unisync_outbox (tenant, destination, state, seq);
CREATE INDEX unisync_outbox_person_idx ON unisync_outbox (tenant, destination, person_id, state, seq);
