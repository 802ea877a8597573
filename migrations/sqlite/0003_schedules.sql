-- Recurring messages: a cron expression read in the programme's time zone, an audience
-- resolved at each occurrence, and the next occurrence still to be enqueued.
CREATE TABLE schedules (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,
    cron              TEXT NOT NULL,
    audience          TEXT NOT NULL,
    payload           TEXT NOT NULL,
    max_lateness_secs INTEGER NOT NULL,
    next_at           INTEGER,
    active            INTEGER NOT NULL DEFAULT 1,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX schedules_due ON schedules (active, next_at);
