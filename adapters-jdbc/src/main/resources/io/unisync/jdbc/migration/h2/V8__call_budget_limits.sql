-- The limits a shared call budget keeps: the strictest of the processes that called the instance within a day, so a
-- process configured with looser limits cannot take more than another process's window allows (issue 24).
ALTER TABLE unisync_call_instance ADD COLUMN limit_calls INTEGER;
ALTER TABLE unisync_call_instance ADD COLUMN limit_window_ms BIGINT;
ALTER TABLE unisync_call_instance ADD COLUMN limit_concurrent INTEGER;
ALTER TABLE unisync_call_instance ADD COLUMN limit_daily BIGINT;
ALTER TABLE unisync_call_instance ADD COLUMN limits_at TIMESTAMP WITH TIME ZONE;
