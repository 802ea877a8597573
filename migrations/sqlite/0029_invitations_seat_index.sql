-- An answer to an invitation counts the workshop's confirmed seats and waiting line
-- (store::workshops::seats_around) at every press of a button: with this index it reads
-- those rows only, not every invitation of a workshop to which thousands are invited.
CREATE INDEX invitations_workshop_seat ON invitations (workshop_id, seat);
