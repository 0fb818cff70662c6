-- Configuration documents hold the keys the bootstrap server writes to devices (e.g. /0/x/5, the
-- Secret Key of an account): from this version they are sealed with AES-GCM like credential secrets.
-- json keeps what version 1 stored in clear until the storage seals it at its next start (sealing
-- needs the key file, which SQL has not) and sets it to NULL; nothing writes json any more.
ALTER TABLE bs_config ADD COLUMN IF NOT EXISTS json_sealed BYTEA;
