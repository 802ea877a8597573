-- The platform: the roster (provinces, bodies, people), organisers, the audit log,
-- refused joining attempts and small settings. Instants are integer UTC milliseconds.

CREATE TABLE provinces (
    id          INTEGER PRIMARY KEY,
    name_latin  TEXT NOT NULL UNIQUE,
    name_arabic TEXT
);

-- A body is a territorial commune or the province's Provincial Council: both sign
-- financing agreements, both have a president.
CREATE TABLE bodies (
    id          INTEGER PRIMARY KEY,
    province_id INTEGER NOT NULL REFERENCES provinces(id),
    kind        TEXT NOT NULL CHECK (kind IN ('commune', 'provincial_council')),
    name_latin  TEXT NOT NULL,
    name_arabic TEXT,
    UNIQUE (province_id, name_latin)
);

CREATE TABLE people (
    id               INTEGER PRIMARY KEY,
    province_id      INTEGER NOT NULL REFERENCES provinces(id),
    body_id          INTEGER REFERENCES bodies(id),
    full_name        TEXT NOT NULL,
    role             TEXT NOT NULL,
    phone            TEXT NOT NULL UNIQUE,
    language         TEXT NOT NULL,
    invite_code      TEXT NOT NULL UNIQUE,
    telegram_user_id INTEGER UNIQUE,
    joined_at        INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX people_body ON people (body_id);

CREATE TABLE organisers (
    person_id INTEGER PRIMARY KEY REFERENCES people(id),
    added_at  INTEGER NOT NULL,
    added_by  TEXT NOT NULL
);

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);

-- One row per Telegram account that was refused: organisers are told once, not per attempt.
CREATE TABLE refused_joins (
    telegram_user_id INTEGER PRIMARY KEY,
    reason           TEXT NOT NULL,
    first_at         INTEGER NOT NULL,
    last_at          INTEGER NOT NULL,
    attempts         INTEGER NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
