-- Unisync person store (H2). Every table is keyed by tenant: one Marketo instance = one tenant.
-- Value lengths are enforced by unisync-core before rows reach the database, so columns are unbounded
-- text and behave the same on PostgreSQL and H2.

CREATE TABLE unisync_person (
    tenant              VARCHAR        NOT NULL,
    person_id           BIGINT      NOT NULL,
    first_name          VARCHAR,
    last_name           VARCHAR,
    sfdc_contact_id     VARCHAR,
    sfdc_lead_id        VARCHAR,
    company             VARCHAR,
    title               VARCHAR,
    email               VARCHAR,
    phone               VARCHAR,
    linkedin_url        VARCHAR,
    source              VARCHAR,
    fingerprint         CHAR(32)    NOT NULL,
    source_updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    synced_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT unisync_person_pk PRIMARY KEY (tenant, person_id)
);

-- E-mail addresses are stored lower-cased (unisync-core normalises them), so equality is case-insensitive.
CREATE INDEX unisync_person_email_idx ON unisync_person (tenant, email);

CREATE TABLE unisync_checkpoint (
    tenant              VARCHAR        NOT NULL,
    phase               VARCHAR        NOT NULL,
    change_position     VARCHAR        NOT NULL,
    snapshot_position   VARCHAR,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT unisync_checkpoint_pk PRIMARY KEY (tenant),
    CONSTRAINT unisync_checkpoint_phase_ck CHECK (phase IN ('SNAPSHOT', 'INCREMENTAL'))
);

CREATE TABLE unisync_quarantine (
    tenant              VARCHAR        NOT NULL,
    seq                 BIGINT      GENERATED ALWAYS AS IDENTITY,
    source_id           VARCHAR        NOT NULL,
    reason              VARCHAR        NOT NULL,
    payload             VARCHAR        NOT NULL,
    rejected_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT unisync_quarantine_pk PRIMARY KEY (tenant, seq)
);
