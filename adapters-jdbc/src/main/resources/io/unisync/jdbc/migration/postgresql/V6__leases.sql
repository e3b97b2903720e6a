-- Leases with fencing epochs (PostgreSQL): one row per lease name, kept when released so epochs only grow.
CREATE TABLE unisync_lease (
    name       TEXT        NOT NULL,
    holder     TEXT        NOT NULL,
    epoch      BIGINT      NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT unisync_lease_pk PRIMARY KEY (name)
);
