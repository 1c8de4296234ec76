-- Counting again the roll-ups kept per local day of the workspace's time zone, after the
-- zone changed: the calendar clock's response_days and sla_days. Each is one set-based
-- statement in the manner of response_days_count_clock (0032): it counts the days from
-- the facts (conversations) as of its snapshot and takes off what the roll-up already
-- holds in that snapshot, so that the triggers' changes made since the old days were
-- deleted count exactly once, and writers are never locked out (rows in key order, as
-- the triggers write them). The same arithmetic as response_fact_parts and
-- sla_days_change (0034).
CREATE OR REPLACE FUNCTION response_days_count_calendar(ws uuid) RETURNS void
LANGUAGE sql AS $$
  WITH f AS (
    SELECT (f.started_at AT TIME ZONE w.time_zone)::date AS day, f.channel,
           response_epoch_ms(f.started_at) AS t0, response_epoch_ms(f.first_reply_at) AS t1,
           response_epoch_ms(f.resolved_at) AS t2
      FROM response_facts f
      JOIN workspaces w ON w.id = f.workspace_id
     WHERE f.workspace_id = ws
  ), ms AS MATERIALIZED (
    SELECT f.day, f.channel, x.kind, x.ms
      FROM f
     CROSS JOIN LATERAL (VALUES ('waves', NULL::float8, true),
                                ('unanswered', NULL::float8, f.t1 IS NULL),
                                ('first_response', f.t1 - f.t0, f.t1 IS NOT NULL),
                                ('resolution', f.t2 - f.t0, f.t2 IS NOT NULL)) x(kind, ms, counts)
     WHERE x.counts
  ), counted AS (
    SELECT ms.day, ms.channel, ms.kind, response_bucket(ms.ms) AS bucket_ms, count(*) AS n
      FROM ms
     GROUP BY 1, 2, 3, 4
  ), added AS (
    SELECT d.day, d.channel, d.kind, d.bucket_ms, sum(d.count) AS n
      FROM response_days d
     WHERE d.workspace_id = ws AND d.clock_id = '00000000-0000-0000-0000-000000000000'
     GROUP BY 1, 2, 3, 4
  )
  INSERT INTO response_days AS d (workspace_id, clock_id, day, channel, kind, bucket_ms, count)
  SELECT ws, '00000000-0000-0000-0000-000000000000', day, channel, kind, bucket_ms,
         coalesce(c.n, 0) - coalesce(a.n, 0)
    FROM counted c FULL JOIN added a USING (day, channel, kind, bucket_ms)
   WHERE coalesce(c.n, 0) <> coalesce(a.n, 0)
   ORDER BY day, channel, kind, bucket_ms
  ON CONFLICT (workspace_id, clock_id, day, channel, kind, bucket_ms)
  DO UPDATE SET count = d.count + excluded.count
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sla_days_count(ws uuid) RETURNS void
LANGUAGE sql AS $$
  WITH counted AS (
    SELECT coalesce(c.team_id, '00000000-0000-0000-0000-000000000000') AS team_id,
           (c.created_at AT TIME ZONE w.time_zone)::date AS day,
           count(*) AS n,
           count(*) FILTER (WHERE c.first_response_at <= c.first_response_due_at) AS frm,
           count(*) FILTER (WHERE c.first_response_at > c.first_response_due_at) AS frl,
           count(*) FILTER (WHERE c.solved_at IS NOT NULL
                              AND (c.resolution_due_at IS NULL OR c.solved_at <= c.resolution_due_at)) AS rm,
           count(*) FILTER (WHERE c.solved_at > c.resolution_due_at) AS rl
      FROM conversations c
      JOIN workspaces w ON w.id = c.workspace_id
     WHERE c.workspace_id = ws AND c.sla_started_at IS NOT NULL
     GROUP BY 1, 2
  ), added AS (
    SELECT s.team_id, s.day, sum(s.conversations) AS n, sum(s.first_response_met) AS frm,
           sum(s.first_response_late) AS frl, sum(s.resolution_met) AS rm,
           sum(s.resolution_late) AS rl
      FROM sla_days s
     WHERE s.workspace_id = ws
     GROUP BY 1, 2
  ), delta AS (
    SELECT team_id, day,
           coalesce(c.n, 0) - coalesce(a.n, 0) AS n,
           coalesce(c.frm, 0) - coalesce(a.frm, 0) AS frm,
           coalesce(c.frl, 0) - coalesce(a.frl, 0) AS frl,
           coalesce(c.rm, 0) - coalesce(a.rm, 0) AS rm,
           coalesce(c.rl, 0) - coalesce(a.rl, 0) AS rl
      FROM counted c FULL JOIN added a USING (team_id, day)
  )
  INSERT INTO sla_days AS s (workspace_id, team_id, day, conversations, first_response_met,
                             first_response_late, resolution_met, resolution_late)
  SELECT ws, team_id, day, n, frm, frl, rm, rl
    FROM delta
   WHERE n <> 0 OR frm <> 0 OR frl <> 0 OR rm <> 0 OR rl <> 0
   ORDER BY team_id, day
  ON CONFLICT (workspace_id, team_id, day) DO UPDATE SET
    conversations = s.conversations + excluded.conversations,
    first_response_met = s.first_response_met + excluded.first_response_met,
    first_response_late = s.first_response_late + excluded.first_response_late,
    resolution_met = s.resolution_met + excluded.resolution_met,
    resolution_late = s.resolution_late + excluded.resolution_late
$$;
