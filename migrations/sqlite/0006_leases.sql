-- Work that one replica at a time must do (long polling Telegram's updates), held by
-- whoever renews it before it expires; a replica that dies loses it when it expires.
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
