-- Unisync person store (PostgreSQL). Every table is keyed by tenant: one Marketo instance = one tenant.
-- Value lengths are enforced by unisync-core before rows reach the database, so columns are unbounded
-- text and behave the same on PostgreSQL and H2.

CREATE TABLE unisync_person (
    tenant              TEXT        NOT NULL,
    person_id           BIGINT      NOT NULL,
    first_name          TEXT,
    last_name           TEXT,
    sfdc_contact_id     TEXT,
    sfdc_lead_id        TEXT,
    company             TEXT,
    title               TEXT,
    email               TEXT,
    phone               TEXT,
    linkedin_url        TEXT,
    source              TEXT,
    fingerprint         CHAR(32)    NOT NULL,
    source_updated_at   TIMESTAMPTZ NOT NULL,
    synced_at           TIMESTAMPTZ NOT NULL,
    CONSTRAINT unisync_person_pk PRIMARY KEY (tenant, person_id)
);

-- E-mail addresses are stored lower-cased (unisync-core normalises them), so equality is case-insensitive.
CREATE INDEX unisync_person_email_idx ON unisync_person (tenant, email);

CREATE TABLE unisync_checkpoint (
    tenant              TEXT        NOT NULL,
    phase               TEXT        NOT NULL,
    change_position     TEXT        NOT NULL,
    snapshot_position   TEXT,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT unisync_checkpoint_pk PRIMARY KEY (tenant),
    CONSTRAINT unisync_checkpoint_phase_ck CHECK (phase IN ('SNAPSHOT', 'INCREMENTAL'))
);

CREATE TABLE unisync_quarantine (
    tenant              TEXT        NOT NULL,
    seq                 BIGINT      GENERATED ALWAYS AS IDENTITY,
    source_id           TEXT        NOT NULL,
    reason              TEXT        NOT NULL,
    payload             TEXT        NOT NULL,
    rejected_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT unisync_quarantine_pk PRIMARY KEY (tenant, seq)
);
