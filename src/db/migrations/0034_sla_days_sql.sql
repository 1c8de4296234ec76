-- What conversations add to the SLA roll-up (`plus`) or take from it (`minus`): one
-- conversation with an SLA clock, and whether its first response and resolution met or
-- missed their due times (as the exact report counts them; clocks still running count
-- when asked). Rows in key order, so concurrent writers lock them in the same order.
CREATE OR REPLACE FUNCTION sla_days_change(plus conversations[], minus conversations[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO sla_days AS s (workspace_id, team_id, day, conversations, first_response_met,
                             first_response_late, resolution_met, resolution_late)
  SELECT c.workspace_id, coalesce(c.team_id, '00000000-0000-0000-0000-000000000000'),
         (c.created_at AT TIME ZONE w.time_zone)::date,
         sum(c.d),
         sum(c.d * coalesce(c.first_response_at <= c.first_response_due_at, false)::int),
         sum(c.d * coalesce(c.first_response_at > c.first_response_due_at, false)::int),
         sum(c.d * coalesce(c.solved_at IS NOT NULL
                            AND (c.resolution_due_at IS NULL OR c.solved_at <= c.resolution_due_at), false)::int),
         sum(c.d * coalesce(c.solved_at > c.resolution_due_at, false)::int)
    FROM (SELECT u.workspace_id, u.team_id, u.created_at, u.first_response_at, u.first_response_due_at,
                 u.solved_at, u.resolution_due_at, 1 AS d
            FROM unnest(plus) u WHERE u.sla_started_at IS NOT NULL
          UNION ALL
          SELECT u.workspace_id, u.team_id, u.created_at, u.first_response_at, u.first_response_due_at,
                 u.solved_at, u.resolution_due_at, -1
            FROM unnest(minus) u WHERE u.sla_started_at IS NOT NULL) c
    JOIN workspaces w ON w.id = c.workspace_id
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (workspace_id, team_id, day) DO UPDATE SET
    conversations = s.conversations + excluded.conversations,
    first_response_met = s.first_response_met + excluded.first_response_met,
    first_response_late = s.first_response_late + excluded.first_response_late,
    resolution_met = s.resolution_met + excluded.resolution_met,
    resolution_late = s.resolution_late + excluded.resolution_late
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION conversations_sla_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM sla_days_change(ARRAY[NEW], ARRAY[]::conversations[]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM sla_days_change(ARRAY[]::conversations[], ARRAY[OLD]);
  ELSE
    PERFORM sla_days_change(ARRAY[NEW], ARRAY[OLD]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_sla_days_insert
  AFTER INSERT ON conversations FOR EACH ROW
  WHEN (NEW.sla_started_at IS NOT NULL)
  EXECUTE FUNCTION conversations_sla_days();
--> statement-breakpoint
CREATE TRIGGER conversations_sla_days_delete
  AFTER DELETE ON conversations FOR EACH ROW
  WHEN (OLD.sla_started_at IS NOT NULL)
  EXECUTE FUNCTION conversations_sla_days();
--> statement-breakpoint
CREATE TRIGGER conversations_sla_days_update
  AFTER UPDATE ON conversations FOR EACH ROW
  WHEN ((NEW.sla_started_at IS NOT NULL OR OLD.sla_started_at IS NOT NULL)
        AND (NEW.sla_started_at IS DISTINCT FROM OLD.sla_started_at
             OR NEW.first_response_at IS DISTINCT FROM OLD.first_response_at
             OR NEW.first_response_due_at IS DISTINCT FROM OLD.first_response_due_at
             OR NEW.solved_at IS DISTINCT FROM OLD.solved_at
             OR NEW.resolution_due_at IS DISTINCT FROM OLD.resolution_due_at
             OR NEW.team_id IS DISTINCT FROM OLD.team_id
             OR NEW.created_at IS DISTINCT FROM OLD.created_at
             OR NEW.workspace_id IS DISTINCT FROM OLD.workspace_id))
  EXECUTE FUNCTION conversations_sla_days();
--> statement-breakpoint
-- The conversations stored so far.
INSERT INTO sla_days (workspace_id, team_id, day, conversations, first_response_met,
                      first_response_late, resolution_met, resolution_late)
SELECT c.workspace_id, coalesce(c.team_id, '00000000-0000-0000-0000-000000000000'),
       (c.created_at AT TIME ZONE w.time_zone)::date,
       count(*),
       count(*) FILTER (WHERE c.first_response_at <= c.first_response_due_at),
       count(*) FILTER (WHERE c.first_response_at > c.first_response_due_at),
       count(*) FILTER (WHERE c.solved_at IS NOT NULL
                          AND (c.resolution_due_at IS NULL OR c.solved_at <= c.resolution_due_at)),
       count(*) FILTER (WHERE c.solved_at > c.resolution_due_at)
  FROM conversations c
  JOIN workspaces w ON w.id = c.workspace_id
 WHERE c.sla_started_at IS NOT NULL
 GROUP BY 1, 2, 3;
