-- Leases with fencing epochs (H2): one row per lease name, kept when released so epochs only grow.
CREATE TABLE unisync_lease (
    name       VARCHAR     NOT NULL,
    holder     VARCHAR     NOT NULL,
    epoch      BIGINT      NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT unisync_lease_pk PRIMARY KEY (name)
);
