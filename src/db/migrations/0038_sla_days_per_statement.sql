-- The SLA roll-up (sla_days) kept per statement instead of per row. Routing an ingest
-- batch starts the SLA clocks of hundreds of conversations in one UPDATE; per row, each
-- of them upserted the same roll-up row (workspace, team, day) again, walking a longer
-- chain of that row's versions every time inside one transaction. Same results: the
-- rows the old WHEN filters let through are added up per statement by sla_days_change.
-- EXECUTE plans each statement when it runs, with the transition tables' real sizes.

CREATE OR REPLACE FUNCTION conversations_sla_days_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  plus conversations[];
BEGIN
  EXECUTE $q$
    SELECT array_agg(n::conversations) FROM new_conversations n
     WHERE n.sla_started_at IS NOT NULL $q$
    INTO plus;
  IF plus IS NOT NULL THEN
    PERFORM sla_days_change(plus, ARRAY[]::conversations[]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION conversations_sla_days_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  minus conversations[];
BEGIN
  EXECUTE $q$
    SELECT array_agg(o::conversations) FROM old_conversations o
     WHERE o.sla_started_at IS NOT NULL $q$
    INTO minus;
  IF minus IS NOT NULL THEN
    PERFORM sla_days_change(ARRAY[]::conversations[], minus);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Updates: only the rows whose clocks, solution, team, day or workspace changed.
CREATE OR REPLACE FUNCTION conversations_sla_days_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  plus conversations[];
  minus conversations[];
BEGIN
  EXECUTE $q$
    SELECT array_agg(n::conversations), array_agg(o::conversations)
      FROM new_conversations n JOIN old_conversations o ON o.id = n.id
     WHERE (n.sla_started_at IS NOT NULL OR o.sla_started_at IS NOT NULL)
       AND (n.sla_started_at IS DISTINCT FROM o.sla_started_at
            OR n.first_response_at IS DISTINCT FROM o.first_response_at
            OR n.first_response_due_at IS DISTINCT FROM o.first_response_due_at
            OR n.solved_at IS DISTINCT FROM o.solved_at
            OR n.resolution_due_at IS DISTINCT FROM o.resolution_due_at
            OR n.team_id IS DISTINCT FROM o.team_id
            OR n.created_at IS DISTINCT FROM o.created_at
            OR n.workspace_id IS DISTINCT FROM o.workspace_id) $q$
    INTO plus, minus;
  IF plus IS NOT NULL THEN
    PERFORM sla_days_change(plus, minus);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS conversations_sla_days_insert ON conversations;
--> statement-breakpoint
DROP TRIGGER IF EXISTS conversations_sla_days_delete ON conversations;
--> statement-breakpoint
DROP TRIGGER IF EXISTS conversations_sla_days_update ON conversations;
--> statement-breakpoint
CREATE TRIGGER conversations_sla_days_insert
  AFTER INSERT ON conversations REFERENCING NEW TABLE AS new_conversations
  FOR EACH STATEMENT EXECUTE FUNCTION conversations_sla_days_inserted();
--> statement-breakpoint
CREATE TRIGGER conversations_sla_days_delete
  AFTER DELETE ON conversations REFERENCING OLD TABLE AS old_conversations
  FOR EACH STATEMENT EXECUTE FUNCTION conversations_sla_days_deleted();
--> statement-breakpoint
CREATE TRIGGER conversations_sla_days_update
  AFTER UPDATE ON conversations
  REFERENCING OLD TABLE AS old_conversations NEW TABLE AS new_conversations
  FOR EACH STATEMENT EXECUTE FUNCTION conversations_sla_days_updated();
--> statement-breakpoint
DROP FUNCTION IF EXISTS conversations_sla_days();
