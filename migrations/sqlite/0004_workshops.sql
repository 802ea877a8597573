-- Workshops, who is invited, their answers and attendance, check-in sessions, evaluations.
CREATE TABLE workshops (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    topic           TEXT,
    venue           TEXT NOT NULL,
    starts_at       INTEGER NOT NULL,
    capacity        INTEGER NOT NULL,
    audience        TEXT NOT NULL,
    reminders       TEXT NOT NULL,
    answer_deadline INTEGER NOT NULL,
    -- Bumped at every change, so calendar files replace the earlier ones.
    sequence        INTEGER NOT NULL DEFAULT 0,
    cancelled_at    INTEGER,
    created_by      TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX workshops_start ON workshops (starts_at);

CREATE TABLE invitations (
    workshop_id   INTEGER NOT NULL REFERENCES workshops(id),
    person_id     INTEGER NOT NULL REFERENCES people(id),
    seat          TEXT NOT NULL DEFAULT 'no_answer'
                  CHECK (seat IN ('confirmed', 'waiting', 'declined', 'no_answer')),
    answered_at   INTEGER,
    reason        TEXT,
    invited_at    INTEGER NOT NULL,
    presence      TEXT CHECK (presence IN ('present', 'absent', 'walk_in')),
    checked_in_at INTEGER,
    PRIMARY KEY (workshop_id, person_id)
);
CREATE INDEX invitations_person ON invitations (person_id);

CREATE TABLE checkin_sessions (
    workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id),
    code        TEXT NOT NULL,
    opens_at    INTEGER NOT NULL,
    closes_at   INTEGER NOT NULL,
    opened_by   TEXT NOT NULL
);

CREATE TABLE checkin_attempts (
    telegram_user_id INTEGER NOT NULL,
    at               INTEGER NOT NULL
);
CREATE INDEX checkin_attempts_user ON checkin_attempts (telegram_user_id, at);

CREATE TABLE evaluations (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     TEXT,
    at          INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, person_id)
);
