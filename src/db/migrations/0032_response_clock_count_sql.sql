-- Clocks built before counting was a step of its own were counted when built.
UPDATE response_clocks SET counted_at = built_at WHERE counted_at IS NULL;
--> statement-breakpoint
-- Counts a team clock's days from the facts in one statement, set-based: each instant's
-- position on the clock by binary search (width_bucket) over the clock's intervals as
-- arrays, the same arithmetic as response_clock_position so that the triggers' later
-- changes cancel exactly. The triggers already add every change made since the clock
-- was stored, so what this statement's snapshot shows of them is taken off again:
-- the result is the count as of the snapshot plus every later change, and writers are
-- never locked out (rows are written in key order, as the triggers write them).
CREATE OR REPLACE FUNCTION response_days_count_clock(ws uuid, clock uuid) RETURNS void
LANGUAGE sql AS $$
  WITH k AS (
    SELECT array_agg(i.start_ms::float8 ORDER BY i.start_ms) AS s,
           array_agg(i.end_ms::float8 ORDER BY i.start_ms) AS e,
           array_agg(i.before_ms::float8 ORDER BY i.start_ms) AS b
      FROM response_clock_intervals i WHERE i.team_id = clock
  ), f AS (
    SELECT (f.started_at AT TIME ZONE w.time_zone)::date AS day, f.channel,
           response_epoch_ms(f.started_at) AS t0, response_epoch_ms(f.first_reply_at) AS t1,
           response_epoch_ms(f.resolved_at) AS t2, f.first_reply_at < c.covers_to AS in1,
           f.resolved_at < c.covers_to AS in2
      FROM response_facts f
      JOIN workspaces w ON w.id = f.workspace_id
      JOIN response_clocks c ON c.team_id = clock
     WHERE f.workspace_id = ws AND f.started_at >= c.covers_from
  ), p AS (
    SELECT f.day, f.channel, x.kind, x.t, f.t0, width_bucket(x.t, k.s) AS i,
           width_bucket(f.t0, k.s) AS i0
      FROM f CROSS JOIN k
     CROSS JOIN LATERAL (VALUES ('first_response', f.t1, f.in1), ('resolution', f.t2, f.in2)) x(kind, t, counts)
     WHERE x.counts
  ), ms AS MATERIALIZED (
    -- Durations first, so that response_bucket is inlined on a column below.
    SELECT p.day, p.channel, p.kind,
           (CASE WHEN p.i = 0 THEN 0 ELSE k.b[p.i] + least(p.t, k.e[p.i]) - k.s[p.i] END)
           - (CASE WHEN p.i0 = 0 THEN 0 ELSE k.b[p.i0] + least(p.t0, k.e[p.i0]) - k.s[p.i0] END) AS ms
      FROM p CROSS JOIN k
  ), counted AS (
    SELECT ms.day, ms.channel, ms.kind, response_bucket(ms.ms) AS bucket_ms, count(*) AS n
      FROM ms
     GROUP BY 1, 2, 3, 4
  ), added AS (
    SELECT d.day, d.channel, d.kind, d.bucket_ms, sum(d.count) AS n
      FROM response_days d
     WHERE d.workspace_id = ws AND d.clock_id = clock
     GROUP BY 1, 2, 3, 4
  )
  INSERT INTO response_days AS d (workspace_id, clock_id, day, channel, kind, bucket_ms, count)
  SELECT ws, clock, day, channel, kind, bucket_ms, coalesce(c.n, 0) - coalesce(a.n, 0)
    FROM counted c FULL JOIN added a USING (day, channel, kind, bucket_ms)
   WHERE coalesce(c.n, 0) <> coalesce(a.n, 0)
   ORDER BY day, channel, kind, bucket_ms
  ON CONFLICT (workspace_id, clock_id, day, channel, kind, bucket_ms)
  DO UPDATE SET count = d.count + excluded.count
$$;
