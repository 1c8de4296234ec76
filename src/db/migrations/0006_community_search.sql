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
--> statement-breakpoint
-- Answers help to rank similar questions (their words say what a thread is about).
-- Statement-level triggers refresh each touched question once per statement, not once
-- per answer row, so batched imports stay fast. The text is capped well below
-- tsvector's 1 MB limit.
CREATE FUNCTION community_refresh_answers_vector(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE community_questions q SET answers_vector = (
    SELECT to_tsvector(q.language::regconfig, left(coalesce(string_agg(a.body, ' '), ''), 200000))
    FROM community_answers a
    WHERE a.question_id = q.id AND a.deleted_at IS NULL AND a.hidden_at IS NULL AND NOT a.pending_review)
  WHERE q.id = ANY(ids);
$$;
--> statement-breakpoint
CREATE FUNCTION community_answers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM community_refresh_answers_vector(ARRAY(SELECT DISTINCT question_id FROM old_rows));
  ELSE
    PERFORM community_refresh_answers_vector(ARRAY(SELECT DISTINCT question_id FROM new_rows));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER community_answers_inserted AFTER INSERT ON community_answers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION community_answers_changed();
--> statement-breakpoint
CREATE TRIGGER community_answers_updated AFTER UPDATE ON community_answers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION community_answers_changed();
--> statement-breakpoint
CREATE TRIGGER community_answers_deleted AFTER DELETE ON community_answers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION community_answers_changed();
--> statement-breakpoint
-- A question whose language changes re-reads its answers in the new configuration.
CREATE FUNCTION community_questions_language_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.language IS DISTINCT FROM OLD.language THEN
    NEW.answers_vector := (
      SELECT to_tsvector(NEW.language::regconfig, left(coalesce(string_agg(a.body, ' '), ''), 200000))
      FROM community_answers a
      WHERE a.question_id = NEW.id AND a.deleted_at IS NULL AND a.hidden_at IS NULL AND NOT a.pending_review);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER community_questions_language_changed
  BEFORE UPDATE OF language ON community_questions
  FOR EACH ROW EXECUTE FUNCTION community_questions_language_changed();
