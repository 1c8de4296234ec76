-- Every hilft instance keeps rendered question pages in memory and serves them without a
-- query; the trigger that bumps page_version (0016_question_page_cache_sql) now also
-- tells every instance which page changed: NOTIFY hilft_question_pages '<number> <version>'
-- (delivered at commit, dropped on rollback). A deleted row notifies too.
-- Written to be re-applied safely (OR REPLACE, IF EXISTS).
CREATE OR REPLACE FUNCTION community_questions_bump_page_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.page_version := OLD.page_version + 1;
  PERFORM pg_notify('hilft_question_pages', NEW.number::text || ' ' || NEW.page_version::text);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION community_questions_page_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hilft_question_pages', OLD.number::text || ' ' || (OLD.page_version + 1)::text);
  RETURN OLD;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS community_questions_page_deleted ON community_questions;
--> statement-breakpoint
CREATE TRIGGER community_questions_page_deleted
  AFTER DELETE ON community_questions
  FOR EACH ROW EXECUTE FUNCTION community_questions_page_deleted();
