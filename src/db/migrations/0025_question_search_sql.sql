-- Keeps community_question_search (the similar-question engine's narrow table) in step
-- with community_questions: a visible question has one row with its search vector
-- (title lexemes weight A, body B), the number of title and body lexemes, and whether it
-- is solved; a deleted, hidden, held or duplicate question has none. Answers are left
-- out: on real community data they blur what a question is about.
CREATE FUNCTION community_question_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RETURN NULL;
  END IF;
  IF NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL AND NOT NEW.pending_review
     AND NEW.status <> 'duplicate' AND NEW.search_vector IS NOT NULL THEN
    INSERT INTO community_question_search AS s
      (question_id, workspace_id, language, vector, title_length, body_length, solved)
    SELECT NEW.id, NEW.workspace_id, NEW.language, NEW.search_vector,
      count(*) FILTER (WHERE w = 'A'), count(*) FILTER (WHERE w <> 'A'), NEW.status = 'solved'
    FROM unnest(NEW.search_vector) u, unnest(u.weights) w
    ON CONFLICT (question_id) DO UPDATE SET
      workspace_id = excluded.workspace_id, language = excluded.language,
      vector = excluded.vector, title_length = excluded.title_length,
      body_length = excluded.body_length, solved = excluded.solved;
  ELSE
    DELETE FROM community_question_search WHERE question_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER community_question_search_inserted
  AFTER INSERT ON community_questions
  FOR EACH ROW EXECUTE FUNCTION community_question_search_sync();
--> statement-breakpoint
-- Only changes that matter to the search (not votes, views or answer counts).
CREATE TRIGGER community_question_search_updated
  AFTER UPDATE ON community_questions
  FOR EACH ROW
  WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector
    OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
    OR OLD.hidden_at IS DISTINCT FROM NEW.hidden_at
    OR OLD.pending_review IS DISTINCT FROM NEW.pending_review
    OR OLD.language IS DISTINCT FROM NEW.language
    OR OLD.workspace_id IS DISTINCT FROM NEW.workspace_id)
  EXECUTE FUNCTION community_question_search_sync();
--> statement-breakpoint
INSERT INTO community_question_search
  (question_id, workspace_id, language, vector, title_length, body_length, solved)
SELECT q.id, q.workspace_id, q.language, q.search_vector,
  (SELECT count(*) FILTER (WHERE w = 'A') FROM unnest(q.search_vector) u, unnest(u.weights) w),
  (SELECT count(*) FILTER (WHERE w <> 'A') FROM unnest(q.search_vector) u, unnest(u.weights) w),
  q.status = 'solved'
FROM community_questions q
WHERE q.deleted_at IS NULL AND q.hidden_at IS NULL AND NOT q.pending_review
  AND q.status <> 'duplicate' AND q.search_vector IS NOT NULL;
