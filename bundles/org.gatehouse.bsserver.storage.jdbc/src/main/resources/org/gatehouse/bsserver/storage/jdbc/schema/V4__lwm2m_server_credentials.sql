-- The credentials endpoints use toward the gateway's own LwM2M server (role LWM2M_SERVER), apart from
-- those they use toward the bootstrap server (bs_credential, untouched): one per endpoint, an identity
-- belongs to one endpoint per kind, the secret sealed with AES-GCM under its own associated-data label.
-- A table of its own, so that this version only adds: nothing of version 3 changes.
CREATE TABLE IF NOT EXISTS bs_lwm2m_credential (
    endpoint VARCHAR(255) PRIMARY KEY,
    kind VARCHAR(8) NOT NULL,
    identity VARCHAR(2000) NOT NULL,
    secret BYTEA,
    CONSTRAINT bs_lwm2m_credential_identity UNIQUE (kind, identity)
);
