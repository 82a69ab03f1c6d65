-- Sign-in throttling shared by every backend instance (loginThrottle.ts). One row per key: an account seen from one
-- address, or an address across all accounts. The key is a SHA-256 of that text, so no e-mail is stored here.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  -- attempts that did not succeed (counted when they start, taken back when they succeed)
  failures integer NOT NULL DEFAULT 0,
  first_at timestamptz(3) NOT NULL DEFAULT now(),
  last_at timestamptz(3) NOT NULL DEFAULT now(),
  -- no attempt is checked before this time (429 with Retry-After)
  locked_until timestamptz(3)
);
-- The periodic cleanup deletes rows that are neither locked nor recent.
CREATE INDEX login_throttle_last_at_idx ON login_throttle (last_at);
