-- Trigram indexes for the folded search columns (F5), where pg_trgm is available (it is on PostgreSQL with
-- contrib and on the backend's PGlite); without it the search still works, by a scan.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX chat_sessions_search_idx ON chat_sessions USING gin (search_text gin_trgm_ops)';
    EXECUTE 'CREATE INDEX users_search_idx ON users USING gin (search_text gin_trgm_ops)';
    EXECUTE 'CREATE INDEX products_search_idx ON products USING gin (search_text gin_trgm_ops)';
  END IF;
END
$$;
