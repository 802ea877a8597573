-- Evaluation forms: up to five questions per workshop, each a 1-5 scale or a choice among 2
-- to 6 options, and one answer per person and question (a new answer replaces it).
-- A workshop without questions has the default form: one 1-5 rating, question 1, which is
-- what evaluations.score held; those scores move to evaluation_answers as question 1, and
-- evaluations keeps one row per person who answered, with their comment.
CREATE TABLE evaluation_questions (
    workshop_id BIGINT NOT NULL REFERENCES workshops(id),
    number      BIGINT NOT NULL CHECK (number BETWEEN 1 AND 5),
    kind        TEXT NOT NULL CHECK (kind IN ('scale', 'choice')),
    text        TEXT NOT NULL,
    -- A choice's options, a JSON array of 2 to 6 labels; '[]' for a scale.
    options     TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (workshop_id, number)
);

CREATE TABLE evaluation_answers (
    workshop_id BIGINT NOT NULL REFERENCES workshops(id),
    person_id   BIGINT NOT NULL REFERENCES people(id),
    question    BIGINT NOT NULL CHECK (question BETWEEN 1 AND 5),
    -- 1-5 on a scale; the option's number, from 1, for a choice.
    value       BIGINT NOT NULL CHECK (value BETWEEN 1 AND 6),
    at          BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, person_id, question)
);

INSERT INTO evaluation_answers (workshop_id, person_id, question, value, at)
    SELECT workshop_id, person_id, 1, score, at FROM evaluations;

ALTER TABLE evaluations DROP COLUMN score;
