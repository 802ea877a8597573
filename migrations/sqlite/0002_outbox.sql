-- The durable outbox: every message Takwin sends on its own initiative is a row here first.
CREATE TABLE outbox (
    id                  INTEGER PRIMARY KEY,
    chat_id             INTEGER NOT NULL,
    person_id           INTEGER REFERENCES people(id),
    payload             TEXT NOT NULL,
    dedup_key           TEXT NOT NULL UNIQUE,
    -- A reminder relative to an event moves and disappears with it.
    event_key           TEXT,
    offset_secs         INTEGER,
    -- Past this instant the message no longer makes sense and is skipped.
    valid_until         INTEGER,
    urgent              INTEGER NOT NULL DEFAULT 0,
    not_before          INTEGER NOT NULL,
    state               TEXT NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    lease_owner         TEXT,
    lease_until         INTEGER,
    last_error          TEXT,
    telegram_message_id INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    sent_at             INTEGER
);
CREATE INDEX outbox_due ON outbox (state, not_before);
CREATE INDEX outbox_event ON outbox (event_key);

-- Set when Telegram answers "bot was blocked by the user"; cleared when they write again.
ALTER TABLE people ADD COLUMN unreachable_since INTEGER;
