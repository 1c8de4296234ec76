-- The response-time roll-up (response_days) and the facts' team and priority, kept per
-- statement instead of per row. An ingest batch opens hundreds of waves in one INSERT and
-- routes hundreds of conversations in one UPDATE; per row, each wave upserted the same
-- few roll-up rows again (a longer chain of row versions to walk every time, inside one
-- transaction) and each routed conversation ran a query of its own. Same results: the
-- roll-up adds up all of a statement's waves at once, and the conversations whose
-- solved_at, team or priority changed pass them to their latest wave in one UPDATE.

-- Waves added and removed: one roll-up change per statement.
CREATE OR REPLACE FUNCTION response_facts_days_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM response_days_change(ARRAY(SELECT f::response_facts FROM new_facts f),
                               ARRAY[]::response_facts[]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION response_facts_days_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM response_days_change(ARRAY[]::response_facts[],
                               ARRAY(SELECT f::response_facts FROM old_facts f));
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS response_facts_days_insert ON response_facts;
--> statement-breakpoint
DROP TRIGGER IF EXISTS response_facts_days_delete ON response_facts;
--> statement-breakpoint
CREATE TRIGGER response_facts_days_insert
  AFTER INSERT ON response_facts REFERENCING NEW TABLE AS new_facts
  FOR EACH STATEMENT EXECUTE FUNCTION response_facts_days_inserted();
--> statement-breakpoint
CREATE TRIGGER response_facts_days_delete
  AFTER DELETE ON response_facts REFERENCING OLD TABLE AS old_facts
  FOR EACH STATEMENT EXECUTE FUNCTION response_facts_days_deleted();
--> statement-breakpoint
-- Updates of facts stay per row (with their WHEN filter): they come one at a time, from
-- the per-message rules and from the conversations trigger below.

-- A conversation's solved_at, team and priority follow to its latest wave. Transition
-- tables do not go with a column list, so the trigger fires on every UPDATE of
-- conversations and picks the rows where one of the three changed.
-- EXECUTE plans the statement each time, with the sizes of the tables as they are then:
-- a plan cached for the session would keep the choices made when they were small.
CREATE OR REPLACE FUNCTION conversations_response_facts_batch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (message counts, queue scores, assignments) change none of the three.
  IF NOT EXISTS (
    SELECT 1 FROM new_conversations n JOIN old_conversations o ON o.id = n.id
     WHERE n.solved_at IS DISTINCT FROM o.solved_at OR n.team_id IS DISTINCT FROM o.team_id
        OR n.priority IS DISTINCT FROM o.priority) THEN
    RETURN NULL;
  END IF;
  EXECUTE $q$
    UPDATE response_facts f
       SET team_id = x.team_id,
           priority = x.priority,
           resolved_at = CASE
             WHEN x.solved_at IS NOT DISTINCT FROM x.old_solved_at THEN f.resolved_at
             WHEN x.solved_at >= f.started_at THEN x.solved_at END
      FROM (SELECT DISTINCT ON (l.conversation_id) l.id, n.team_id, n.priority, n.solved_at,
                   o.solved_at AS old_solved_at
              FROM new_conversations n
              JOIN old_conversations o ON o.id = n.id
              JOIN response_facts l ON l.conversation_id = n.id
             WHERE n.solved_at IS DISTINCT FROM o.solved_at OR n.team_id IS DISTINCT FROM o.team_id
                OR n.priority IS DISTINCT FROM o.priority
             ORDER BY l.conversation_id, l.started_at DESC) x
     WHERE f.id = x.id $q$;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS conversations_response_facts ON conversations;
--> statement-breakpoint
CREATE TRIGGER conversations_response_facts
  AFTER UPDATE ON conversations
  REFERENCING OLD TABLE AS old_conversations NEW TABLE AS new_conversations
  FOR EACH STATEMENT EXECUTE FUNCTION conversations_response_facts_batch();
