-- Conversations that take several messages (creating a workshop, adding a walk-in, a
-- comment after a rating): one per Telegram account, kept in the database so that a restart
-- or another replica carries on where the person left off.
CREATE TABLE dialogues (
    telegram_user_id BIGINT PRIMARY KEY,
    -- Changes with every new dialogue: a button of an earlier one is recognised as stale.
    nonce            BIGINT NOT NULL,
    state            TEXT NOT NULL,
    updated_at       BIGINT NOT NULL
);
