-- Updates from Telegram, kept from the moment they are received until they are handled: an
-- update the poller took (and so acknowledged to Telegram) is handled even if the process
-- dies first — it is handled at the next start, or by the replica that takes over.
CREATE TABLE inbox (
    update_id   BIGINT PRIMARY KEY,
    payload     TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    handled_at  BIGINT
);
