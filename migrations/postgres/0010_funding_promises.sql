-- "Remind me after <date>": a president's promise, which pauses the funding reminders to
-- their body until that day (local); nothing more comes before, and they resume after it
-- if nothing came.
CREATE TABLE funding_promises (
    body_id    BIGINT PRIMARY KEY REFERENCES bodies(id),
    until_on   TEXT NOT NULL,
    made_by    TEXT NOT NULL,
    made_at    BIGINT NOT NULL
);
