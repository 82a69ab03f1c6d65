-- B2: full-text search inside message bodies. `search_text` holds the body folded the way `foldArabic`
-- (src/shared/arabicFold.ts) folds it: the backend writes it on every insert. `chat_fold` is the same folding in
-- SQL, used to fill the rows that exist when this migration runs and by the trigger below, which fills the column
-- for any insert that leaves it out. A trigram index serves contains-search (LIKE '%…%'); the (created_at, id)
-- index serves "newest first" with keyset paging when the term is common.
CREATE FUNCTION chat_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(lower(translate(regexp_replace(normalize(t, NFKC), '[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]', '', 'g'), 'آأإٱىیةؤئ', 'ااااييهوي')), '\s+', ' ', 'g'))
$$;

ALTER TABLE chat_messages ADD COLUMN search_text text;
UPDATE chat_messages SET search_text = chat_fold(body);
ALTER TABLE chat_messages ALTER COLUMN search_text SET NOT NULL;

CREATE FUNCTION chat_messages_fill_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := chat_fold(NEW.body);
  RETURN NEW;
END
$$;
CREATE TRIGGER chat_messages_search_text BEFORE INSERT ON chat_messages
  FOR EACH ROW WHEN (NEW.search_text IS NULL) EXECUTE FUNCTION chat_messages_fill_search_text();

CREATE INDEX chat_messages_created_idx ON chat_messages (created_at, id);
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX chat_messages_search_idx ON chat_messages USING gin (search_text gin_trgm_ops)';
  END IF;
END
$$;
