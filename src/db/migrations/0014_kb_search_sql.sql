-- Keeps kb_articles.search_vector in step with title (A), summary and tags (B) and body
-- (C), in the article's language (de → german, en → english). A trigger rather than a
-- generated column: the configuration depends on a per-row value.
CREATE FUNCTION kb_articles_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE cfg regconfig := CASE NEW.language WHEN 'de' THEN 'german' WHEN 'en' THEN 'english' ELSE 'simple' END;
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector(cfg, coalesce(NEW.summary, '') || ' ' || array_to_string(NEW.tags, ' ')), 'B') ||
    setweight(to_tsvector(cfg, left(coalesce(NEW.body, ''), 200000)), 'C');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER kb_articles_search_vector
  BEFORE INSERT OR UPDATE OF title, summary, body, tags, language ON kb_articles
  FOR EACH ROW EXECUTE FUNCTION kb_articles_search_vector();
--> statement-breakpoint
ALTER TABLE kb_articles ADD CONSTRAINT kb_articles_language_check CHECK (language IN ('de', 'en'));
