-- Certificates of attendance: one per person and workshop attended, issued once (sending it
-- again reuses it), with a verification code anyone holding the paper can have checked.
CREATE TABLE certificates (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    -- TKW-XXXX-XXXX, in capitals, as printed.
    code        TEXT NOT NULL UNIQUE,
    issued_at   INTEGER NOT NULL,
    UNIQUE (workshop_id, person_id)
);
CREATE INDEX certificates_person ON certificates (person_id);
