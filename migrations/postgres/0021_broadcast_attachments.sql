-- A photo or a document sent with an announcement (JSON: kind, Telegram's file id, name);
-- its texts are then captions.
ALTER TABLE broadcasts ADD COLUMN attachment TEXT;
