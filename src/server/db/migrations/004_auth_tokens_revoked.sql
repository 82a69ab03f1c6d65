-- The periodic cleanup (cleanup.ts) deletes tokens expired or revoked more than a grace period ago: `expires_at`
-- has its index; this one finds the revoked tokens without reading the whole table.
CREATE INDEX auth_tokens_revoked_idx ON auth_tokens (revoked_at) WHERE revoked_at IS NOT NULL;
