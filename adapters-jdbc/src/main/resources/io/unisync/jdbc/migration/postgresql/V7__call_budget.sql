-- Call budgets shared by every process that calls one remote instance (PostgreSQL): the instance row is the lock
-- and the day's count; each call is a row from its start until a window after it finished.
CREATE TABLE unisync_call_instance (
    instance  TEXT   NOT NULL,
    quota_day DATE,
    day_calls BIGINT NOT NULL,
    CONSTRAINT unisync_call_instance_pk PRIMARY KEY (instance)
);
CREATE TABLE unisync_call (
    instance    TEXT        NOT NULL,
    id          TEXT        NOT NULL,
    interactive BOOLEAN     NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    CONSTRAINT unisync_call_pk PRIMARY KEY (instance, id)
);
