-- A recurring schedule may send each occurrence's rows some time after it (an escalation a
-- day after the reminder it follows): minutes counted forward from the occurrence, whole
-- days on the local calendar. NULL sends them at the occurrence.
ALTER TABLE schedules ADD COLUMN after_minutes INTEGER;

-- Every answer a body gave to the funding reminders (a declaration, a promise, a request to
-- be contacted): escalation counts the reminders sent since the last one.
CREATE TABLE funding_answers (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies(id),
    kind        TEXT NOT NULL CHECK (kind IN ('transfer', 'approval', 'promise', 'contact')),
    person_id   INTEGER REFERENCES people(id),
    answered_at INTEGER NOT NULL
);
CREATE INDEX funding_answers_body ON funding_answers (body_id, answered_at);
