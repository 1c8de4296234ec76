-- Keeps community_questions.search_vector in step with title and body, weighting the
-- title above the body, in the question's own text search configuration (german,
-- english or simple). A trigger rather than a generated column: the configuration is
-- a per-row value, and text-to-regconfig casts are not immutable.
CREATE FUNCTION community_questions_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector(NEW.language::regconfig, coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector(NEW.language::regconfig, coalesce(NEW.body, '')), 'B');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER community_questions_search_vector
  BEFORE INSERT OR UPDATE OF title, body, language ON community_questions
  FOR EACH ROW EXECUTE FUNCTION community_questions_search_vector();
--> statement-breakpoint
ALTER TABLE community_questions ADD CONSTRAINT community_questions_language_check
  CHECK (language IN ('german', 'english', 'simple'));
