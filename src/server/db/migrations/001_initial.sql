-- Chat Desk marketplace backend: initial schema. Timestamps are timestamptz(3) so they survive a round trip
-- through JavaScript (millisecond precision) unchanged.

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  END IF;
END
$$;

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  role text NOT NULL CHECK (role IN ('customer', 'seller')),
  password_hash text,
  search_text text NOT NULL DEFAULT '',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_role_name_idx ON users (role, name, id);
CREATE INDEX users_name_idx ON users (name, id);

CREATE TABLE products (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  seller_id uuid NOT NULL REFERENCES users (id),
  price numeric(14, 2) NOT NULL DEFAULT 0 CHECK (price >= 0),
  currency text NOT NULL DEFAULT 'SAR' CHECK (length(currency) = 3),
  search_text text NOT NULL DEFAULT '',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX products_seller_idx ON products (seller_id);
CREATE INDEX products_name_idx ON products (name, id);

CREATE TABLE orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL REFERENCES users (id),
  product_id uuid NOT NULL REFERENCES products (id),
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
  quantity integer NOT NULL CHECK (quantity > 0),
  total numeric(14, 2) NOT NULL CHECK (total >= 0),
  currency text NOT NULL DEFAULT 'SAR',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_idx ON orders (customer_id, created_at DESC);
CREATE INDEX orders_product_idx ON orders (product_id, created_at DESC);

-- One conversation about one product between one customer and one seller. Names are copied here (and kept in
-- step on rename) so the list sorts and searches without joins; the counters are kept by each message change.
CREATE TABLE chat_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id uuid NOT NULL REFERENCES products (id),
  customer_id uuid NOT NULL REFERENCES users (id),
  seller_id uuid NOT NULL REFERENCES users (id),
  product_name text NOT NULL,
  customer_name text NOT NULL,
  seller_name text NOT NULL,
  search_text text NOT NULL,
  messages_count integer NOT NULL DEFAULT 0 CHECK (messages_count >= 0),
  unread_count integer NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
  flagged_count integer NOT NULL DEFAULT 0 CHECK (flagged_count >= 0),
  last_message_at timestamptz(3) NOT NULL DEFAULT now(),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (customer_id <> seller_id)
);
-- every sort of F3/F4 (ties broken by id)
CREATE INDEX chat_sessions_last_message_idx ON chat_sessions (last_message_at, id);
CREATE INDEX chat_sessions_created_idx ON chat_sessions (created_at, id);
CREATE INDEX chat_sessions_updated_idx ON chat_sessions (updated_at, id);
CREATE INDEX chat_sessions_product_name_idx ON chat_sessions (product_name, id);
CREATE INDEX chat_sessions_customer_name_idx ON chat_sessions (customer_name, id);
CREATE INDEX chat_sessions_seller_name_idx ON chat_sessions (seller_name, id);
CREATE INDEX chat_sessions_messages_count_idx ON chat_sessions (messages_count, id);
CREATE INDEX chat_sessions_unread_count_idx ON chat_sessions (unread_count, id);
CREATE INDEX chat_sessions_flagged_count_idx ON chat_sessions (flagged_count, id);
-- every filter of F6 (and B3), in the default order
CREATE INDEX chat_sessions_customer_idx ON chat_sessions (customer_id, last_message_at);
CREATE INDEX chat_sessions_seller_idx ON chat_sessions (seller_id, last_message_at);
CREATE INDEX chat_sessions_product_idx ON chat_sessions (product_id, last_message_at);
CREATE INDEX chat_sessions_unread_idx ON chat_sessions (last_message_at, id) WHERE unread_count > 0;
CREATE INDEX chat_sessions_flagged_idx ON chat_sessions (last_message_at, id) WHERE flagged_count > 0;

CREATE TABLE chat_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
  sender_role text NOT NULL CHECK (sender_role IN ('customer', 'seller', 'staff')),
  sender_id uuid NOT NULL,
  sender_name text NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  flags text[] NOT NULL DEFAULT '{}',
  read_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX chat_messages_session_idx ON chat_messages (session_id, created_at, id);
CREATE INDEX chat_messages_unread_idx ON chat_messages (session_id) WHERE read_at IS NULL;

CREATE TABLE settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  chat_mobile_enabled boolean NOT NULL DEFAULT true,
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
INSERT INTO settings (id) VALUES (true);

CREATE TABLE staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  role text NOT NULL CHECK (role IN ('agent', 'moderator', 'manager', 'admin')),
  password_hash text NOT NULL,
  disabled_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_email_key ON staff (lower(email));

-- Bearer tokens of staff and of participants: only the SHA-256 of the token is stored.
CREATE TABLE auth_tokens (
  token_hash text PRIMARY KEY,
  subject_kind text NOT NULL CHECK (subject_kind IN ('staff', 'user')),
  subject_id uuid NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL,
  revoked_at timestamptz(3)
);
CREATE INDEX auth_tokens_subject_idx ON auth_tokens (subject_kind, subject_id);
CREATE INDEX auth_tokens_expires_idx ON auth_tokens (expires_at);

CREATE TABLE idempotency_keys (
  principal text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  status integer,
  body jsonb,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

CREATE TABLE audit_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  at timestamptz(3) NOT NULL DEFAULT now(),
  staff_id uuid,
  staff_name text,
  action text NOT NULL,
  target_kind text NOT NULL,
  target_id text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id);

-- The change feed. `feed_state` is one row: taking `last_seq` from it locks the row until commit, so writers
-- commit in seq order and a reader that sees seq N also sees every seq below it (gapless).
CREATE TABLE feed_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_seq bigint NOT NULL DEFAULT 0,
  -- events up to and including this seq were removed by retention; a cursor below it cannot be replayed
  pruned_through bigint NOT NULL DEFAULT 0
);
INSERT INTO feed_state (id) VALUES (true);

CREATE TABLE events (
  seq bigint PRIMARY KEY,
  type text NOT NULL,
  at timestamptz(3) NOT NULL,
  actor jsonb NOT NULL,
  payload jsonb NOT NULL
);
CREATE INDEX events_at_idx ON events (at);
