-- Trigram similarity backs fuzzy search on both PGlite and PostgreSQL.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
