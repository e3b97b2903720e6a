-- Call budgets shared by every process that calls one remote instance (H2): the instance row is the lock and the
-- day's count; each call is a row from its start until a window after it finished.
CREATE TABLE unisync_call_instance (
    instance  VARCHAR NOT NULL,
    quota_day DATE,
    day_calls BIGINT  NOT NULL,
    CONSTRAINT unisync_call_instance_pk PRIMARY KEY (instance)
);
CREATE TABLE unisync_call (
    instance    VARCHAR                  NOT NULL,
    id          VARCHAR                  NOT NULL,
    interactive BOOLEAN                  NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT unisync_call_pk PRIMARY KEY (instance, id)
);
