-- Fixed duration buckets (src/lib/duration-histogram.ts): to the second under a minute,
-- the minute under an hour, 5 minutes under a day, the hour beyond; half up like JS.
CREATE OR REPLACE FUNCTION response_bucket(ms float8) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
  SELECT (CASE WHEN d < 60000 THEN floor(d / 1000 + 0.5) * 1000
               WHEN d < 3600000 THEN floor(d / 60000 + 0.5) * 60000
               WHEN d < 86400000 THEN floor(d / 300000 + 0.5) * 300000
               ELSE floor(d / 3600000 + 0.5) * 3600000 END)::bigint
    FROM (SELECT greatest(coalesce(ms, 0), 0) AS d) x
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION response_epoch_ms(t timestamptz) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$ SELECT extract(epoch FROM t)::float8 * 1000 $$;
--> statement-breakpoint
-- Open time before `t` on a team's clock (the interval holding or preceding t).
CREATE OR REPLACE FUNCTION response_clock_position(clock uuid, t float8) RETURNS float8
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT i.before_ms + least(t, i.end_ms) - i.start_ms
                     FROM response_clock_intervals i
                    WHERE i.team_id = clock AND i.start_ms <= t
                    ORDER BY i.start_ms DESC LIMIT 1), 0)
$$;
--> statement-breakpoint
-- What one wave adds to the roll-up: a wave, maybe an unanswered one, and its durations
-- in calendar time and on each built team clock that covers it. `only_clock`: NULL for
-- every clock, else that clock alone (the calendar's nil id or a team).
CREATE OR REPLACE FUNCTION response_fact_parts(ws uuid, t0 timestamptz, t1 timestamptz,
                                               t2 timestamptz, only_clock uuid)
RETURNS TABLE (clock_id uuid, kind text, bucket_ms bigint) LANGUAGE sql STABLE AS $$
  SELECT '00000000-0000-0000-0000-000000000000'::uuid, p.kind,
         CASE WHEN p.t IS NULL THEN 0
              ELSE response_bucket(response_epoch_ms(p.t) - response_epoch_ms(t0)) END
    FROM (VALUES ('waves', NULL::timestamptz, true), ('unanswered', NULL, t1 IS NULL),
                 ('first_response', t1, t1 IS NOT NULL), ('resolution', t2, t2 IS NOT NULL)) p(kind, t, counts)
   WHERE p.counts AND (only_clock IS NULL OR only_clock = '00000000-0000-0000-0000-000000000000')
  UNION ALL
  SELECT k.team_id, p.kind,
         response_bucket(response_clock_position(k.team_id, response_epoch_ms(p.t))
                         - response_clock_position(k.team_id, response_epoch_ms(t0)))
    FROM response_clocks k
   CROSS JOIN (VALUES ('first_response', t1), ('resolution', t2)) p(kind, t)
   WHERE k.workspace_id = ws AND (only_clock IS NULL OR k.team_id = only_clock)
     AND p.t IS NOT NULL AND t0 >= k.covers_from AND p.t < k.covers_to
$$;
--> statement-breakpoint
-- Adds the `plus` waves to the roll-up and takes the `minus` ones away; parts that cancel
-- (a team or priority change) write nothing. Rows in key order, so concurrent writers
-- lock them in the same order.
CREATE OR REPLACE FUNCTION response_days_change(plus response_facts[], minus response_facts[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO response_days AS d (workspace_id, clock_id, day, channel, kind, bucket_ms, count)
  SELECT f.workspace_id, p.clock_id, (f.started_at AT TIME ZONE w.time_zone)::date, f.channel,
         p.kind, p.bucket_ms, sum(f.delta)
    FROM (SELECT u.workspace_id, u.channel, u.started_at, u.first_reply_at, u.resolved_at, 1 AS delta
            FROM unnest(plus) u
          UNION ALL
          SELECT u.workspace_id, u.channel, u.started_at, u.first_reply_at, u.resolved_at, -1
            FROM unnest(minus) u) f
    JOIN workspaces w ON w.id = f.workspace_id
   CROSS JOIN LATERAL response_fact_parts(f.workspace_id, f.started_at, f.first_reply_at,
                                          f.resolved_at, NULL) p
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(f.delta) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (workspace_id, clock_id, day, channel, kind, bucket_ms)
  DO UPDATE SET count = d.count + excluded.count
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION response_facts_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM response_days_change(ARRAY[NEW], ARRAY[]::response_facts[]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM response_days_change(ARRAY[]::response_facts[], ARRAY[OLD]);
  ELSE
    PERFORM response_days_change(ARRAY[NEW], ARRAY[OLD]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER response_facts_days_insert
  AFTER INSERT ON response_facts FOR EACH ROW EXECUTE FUNCTION response_facts_days();
--> statement-breakpoint
CREATE TRIGGER response_facts_days_delete
  AFTER DELETE ON response_facts FOR EACH ROW EXECUTE FUNCTION response_facts_days();
--> statement-breakpoint
CREATE TRIGGER response_facts_days_update
  AFTER UPDATE ON response_facts FOR EACH ROW
  WHEN (NEW.started_at IS DISTINCT FROM OLD.started_at
        OR NEW.first_reply_at IS DISTINCT FROM OLD.first_reply_at
        OR NEW.resolved_at IS DISTINCT FROM OLD.resolved_at
        OR NEW.channel IS DISTINCT FROM OLD.channel
        OR NEW.workspace_id IS DISTINCT FROM OLD.workspace_id)
  EXECUTE FUNCTION response_facts_days();
--> statement-breakpoint
-- Counts one clock's days again from the facts (a team clock just built or rebuilt).
CREATE OR REPLACE FUNCTION response_days_rebuild(ws uuid, clock uuid) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM response_days WHERE workspace_id = ws AND clock_id = clock;
  INSERT INTO response_days (workspace_id, clock_id, day, channel, kind, bucket_ms, count)
  SELECT f.workspace_id, p.clock_id, (f.started_at AT TIME ZONE w.time_zone)::date, f.channel,
         p.kind, p.bucket_ms, count(*)
    FROM response_facts f
    JOIN workspaces w ON w.id = f.workspace_id
   CROSS JOIN LATERAL response_fact_parts(f.workspace_id, f.started_at, f.first_reply_at,
                                          f.resolved_at, clock) p
   WHERE f.workspace_id = ws
   GROUP BY 1, 2, 3, 4, 5, 6;
$$;
--> statement-breakpoint
-- A deleted team clock takes its days with it.
CREATE OR REPLACE FUNCTION response_clocks_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM response_days WHERE workspace_id = OLD.workspace_id AND clock_id = OLD.team_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER response_clocks_forget
  AFTER DELETE ON response_clocks FOR EACH ROW EXECUTE FUNCTION response_clocks_forget();
--> statement-breakpoint
-- Calendar days of the waves stored so far (team clocks are built by the SLA task).
SELECT response_days_rebuild(w.id, '00000000-0000-0000-0000-000000000000') FROM workspaces w;
