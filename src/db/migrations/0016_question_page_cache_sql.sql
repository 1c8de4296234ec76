-- The rendered question page is cached by (question id, page_version). Any change to the
-- question row (edit, vote count, me-too count, accept, status, moderation flags) or to
-- one of its answers or comments bumps the version, so a stale page is never served.
-- Written to be re-applied safely (OR REPLACE, IF EXISTS).
CREATE OR REPLACE FUNCTION community_questions_bump_page_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.page_version := OLD.page_version + 1;
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS community_questions_page_version ON community_questions;
--> statement-breakpoint
CREATE TRIGGER community_questions_page_version
  BEFORE UPDATE ON community_questions
  FOR EACH ROW EXECUTE FUNCTION community_questions_bump_page_version();
--> statement-breakpoint
-- Comments: once per statement and question (imports write thousands per statement).
CREATE OR REPLACE FUNCTION community_posts_bump_page_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE community_questions SET page_version = page_version + 1
    WHERE id IN (SELECT DISTINCT question_id FROM old_rows);
  ELSE
    UPDATE community_questions SET page_version = page_version + 1
    WHERE id IN (SELECT DISTINCT question_id FROM new_rows);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Answers need no trigger of their own: every insert, update or delete of answers
-- already updates their question's answers_vector (0006_community_search), which bumps
-- the version through the row trigger above; a second update per statement would only
-- double the writes of an import. question-page-cache.test.ts fails should that change.
DROP TRIGGER IF EXISTS community_comments_page_version_ins ON community_comments;
--> statement-breakpoint
CREATE TRIGGER community_comments_page_version_ins AFTER INSERT ON community_comments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION community_posts_bump_page_version();
--> statement-breakpoint
DROP TRIGGER IF EXISTS community_comments_page_version_upd ON community_comments;
--> statement-breakpoint
CREATE TRIGGER community_comments_page_version_upd AFTER UPDATE ON community_comments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION community_posts_bump_page_version();
--> statement-breakpoint
DROP TRIGGER IF EXISTS community_comments_page_version_del ON community_comments;
--> statement-breakpoint
CREATE TRIGGER community_comments_page_version_del AFTER DELETE ON community_comments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION community_posts_bump_page_version();
