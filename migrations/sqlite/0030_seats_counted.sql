-- Each workshop keeps how many invitees hold a seat and how many wait, counted by the
-- database itself whichever statement changes an invitation (an answer, a seat freed or
-- filled, someone leaving the roster, a walk-in). An answer to an invitation reads these two
-- numbers under the workshop's lock (store::workshops::seats_around) instead of counting the
-- invitations at every press of a button, which read every seat of a workshop to which
-- hundreds are invited. Walk-ins were never invited and are not counted.
ALTER TABLE workshops ADD COLUMN seats_confirmed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workshops ADD COLUMN seats_waiting INTEGER NOT NULL DEFAULT 0;

UPDATE workshops SET
    seats_confirmed = (SELECT COUNT(*) FROM invitations i WHERE i.workshop_id = workshops.id
                       AND i.seat = 'confirmed' AND i.presence IS NOT 'walk_in'),
    seats_waiting = (SELECT COUNT(*) FROM invitations i WHERE i.workshop_id = workshops.id
                     AND i.seat = 'waiting' AND i.presence IS NOT 'walk_in');

CREATE TRIGGER invitations_seats_inserted AFTER INSERT ON invitations
WHEN NEW.seat IN ('confirmed', 'waiting') AND NEW.presence IS NOT 'walk_in'
BEGIN
    UPDATE workshops SET
        seats_confirmed = seats_confirmed + (NEW.seat = 'confirmed'),
        seats_waiting = seats_waiting + (NEW.seat = 'waiting')
    WHERE id = NEW.workshop_id;
END;

CREATE TRIGGER invitations_seats_deleted AFTER DELETE ON invitations
WHEN OLD.seat IN ('confirmed', 'waiting') AND OLD.presence IS NOT 'walk_in'
BEGIN
    UPDATE workshops SET
        seats_confirmed = seats_confirmed - (OLD.seat = 'confirmed'),
        seats_waiting = seats_waiting - (OLD.seat = 'waiting')
    WHERE id = OLD.workshop_id;
END;

CREATE TRIGGER invitations_seats_updated AFTER UPDATE OF seat, presence ON invitations
WHEN OLD.seat IS NOT NEW.seat
    OR (OLD.presence IS 'walk_in') IS NOT (NEW.presence IS 'walk_in')
BEGIN
    UPDATE workshops SET
        seats_confirmed = seats_confirmed
            + (NEW.seat = 'confirmed' AND NEW.presence IS NOT 'walk_in')
            - (OLD.seat = 'confirmed' AND OLD.presence IS NOT 'walk_in'),
        seats_waiting = seats_waiting
            + (NEW.seat = 'waiting' AND NEW.presence IS NOT 'walk_in')
            - (OLD.seat = 'waiting' AND OLD.presence IS NOT 'walk_in')
    WHERE id = NEW.workshop_id;
END;
