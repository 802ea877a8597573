-- Each workshop keeps how many invitees hold a seat and how many wait, counted by the
-- database itself whichever statement changes an invitation (an answer, a seat freed or
-- filled, someone leaving the roster, a walk-in). An answer to an invitation reads these two
-- numbers under the workshop's lock (store::workshops::seats_around) instead of counting the
-- invitations at every press of a button, which read every seat of a workshop to which
-- hundreds are invited. Walk-ins were never invited and are not counted.
ALTER TABLE workshops
    ADD COLUMN seats_confirmed BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN seats_waiting BIGINT NOT NULL DEFAULT 0;

UPDATE workshops SET
    seats_confirmed = (SELECT COUNT(*) FROM invitations i WHERE i.workshop_id = workshops.id
                       AND i.seat = 'confirmed' AND i.presence IS DISTINCT FROM 'walk_in'),
    seats_waiting = (SELECT COUNT(*) FROM invitations i WHERE i.workshop_id = workshops.id
                     AND i.seat = 'waiting' AND i.presence IS DISTINCT FROM 'walk_in');

CREATE FUNCTION invitations_count_seats() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    workshop BIGINT;
    confirmed BIGINT := 0;
    waiting BIGINT := 0;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        workshop := OLD.workshop_id;
        IF OLD.presence IS DISTINCT FROM 'walk_in' THEN
            confirmed := confirmed - (OLD.seat = 'confirmed')::int;
            waiting := waiting - (OLD.seat = 'waiting')::int;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        workshop := NEW.workshop_id;
        IF NEW.presence IS DISTINCT FROM 'walk_in' THEN
            confirmed := confirmed + (NEW.seat = 'confirmed')::int;
            waiting := waiting + (NEW.seat = 'waiting')::int;
        END IF;
    END IF;
    IF confirmed <> 0 OR waiting <> 0 THEN
        UPDATE workshops SET
            seats_confirmed = seats_confirmed + confirmed,
            seats_waiting = seats_waiting + waiting
        WHERE id = workshop;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER invitations_seats_inserted AFTER INSERT ON invitations
FOR EACH ROW WHEN (NEW.seat IN ('confirmed', 'waiting'))
EXECUTE FUNCTION invitations_count_seats();

CREATE TRIGGER invitations_seats_deleted AFTER DELETE ON invitations
FOR EACH ROW WHEN (OLD.seat IN ('confirmed', 'waiting'))
EXECUTE FUNCTION invitations_count_seats();

CREATE TRIGGER invitations_seats_updated AFTER UPDATE OF seat, presence ON invitations
FOR EACH ROW WHEN (OLD.seat IS DISTINCT FROM NEW.seat
    OR OLD.presence IS DISTINCT FROM NEW.presence)
EXECUTE FUNCTION invitations_count_seats();
