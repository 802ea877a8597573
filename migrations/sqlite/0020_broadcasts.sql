-- Announcements. The texts (one per language, the first for everyone else) and the audience
-- are kept as written; the audience is resolved, and the texts rendered, when each one goes,
-- through a schedule of the scheduler: once (`once`, at `next_at`), or on a cron expression.
CREATE TABLE broadcasts (
    id                INTEGER PRIMARY KEY,
    created_by        TEXT NOT NULL,
    -- The expression or the choice it was built from, to show in lists.
    audience_label    TEXT NOT NULL,
    audience          TEXT NOT NULL,
    versions          TEXT NOT NULL,
    -- The schedule that sends it (`broadcast:<id>`); its rows' keys start `schedule:<id>:`.
    schedule_id       INTEGER REFERENCES schedules(id),
    cron              TEXT,
    send_at           INTEGER,
    cancelled_at      INTEGER,
    -- How many people the audience held when it was written, and how many of them could not
    -- be reached then (not joined, or blocked the bot).
    reach_people      INTEGER NOT NULL DEFAULT 0,
    reach_unreachable INTEGER NOT NULL DEFAULT 0,
    -- The organiser's message that shows the delivery as it goes.
    report_chat_id    INTEGER,
    report_message_id INTEGER,
    -- What that message shows now, and whether it shows the final summary.
    report_text       TEXT,
    report_done       INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL
);

-- A schedule that fires once, at next_at, then stops (an announcement for a given time).
ALTER TABLE schedules ADD COLUMN once INTEGER NOT NULL DEFAULT 0;
