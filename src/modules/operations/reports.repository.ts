import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  CALENDAR_CLOCK,
  type ChannelKind,
  type ResponseClockRow,
  responseClocks,
  type TeamRow,
  teams,
} from "../../db/schema/index.ts";

export type VolumeBucket = "hour" | "day" | "month";

export interface VolumeRow {
  bucket: Date;
  channel: ChannelKind;
  count: number;
}

/** How many waves of a channel took `ms` (a bucket of `src/lib/duration-histogram.ts`). */
export interface ResponseHistogramRow {
  channel: ChannelKind;
  kind: "firstResponse" | "resolution";
  ms: number;
  count: number;
}

/** Waves per channel, and how many have no reply yet. */
export interface ResponseWavesRow {
  channel: ChannelKind;
  waves: number;
  unanswered: number;
}

/** A business clock as open intervals (epoch ms) with the open time before each. */
export interface ClockPositions {
  starts: readonly number[];
  ends: readonly number[];
  before: readonly number[];
}

/** Both drivers answer `execute` with `{ rows }`; the shared Db type does not say so. */
const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

const asDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

/** The aggregate queries behind the reports; read-only over the inbox tables. */
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  async workspaceTimeZone(workspaceId: string): Promise<string> {
    return (await this.workspaceZone(workspaceId)).timeZone;
  }

  /**
   * The workspace's time zone, and whether the roll-ups kept per local day (calendar
   * `response_days`, `sla_days`) are counted in it: not between a change of zone and
   * their rebuild (`rebuildZoneRollups`).
   */
  async workspaceZone(workspaceId: string): Promise<{ timeZone: string; rollupsCurrent: boolean }> {
    const res = await this.db.execute(
      sql`SELECT time_zone, rollups_stale_since IS NULL AS current FROM workspaces WHERE id = ${workspaceId}`,
    );
    const row = rowsOf<{ time_zone: string; current: boolean }>(res)[0];
    return { timeZone: row?.time_zone ?? "Europe/Berlin", rollupsCurrent: row?.current ?? true };
  }

  /** Workspaces whose day roll-ups wait to be counted in a new zone (and nobody is at it). */
  async staleZoneRollups(staleAfterMs: number, limit: number): Promise<string[]> {
    const res = await this.db.execute(sql`
      SELECT id FROM workspaces
       WHERE rollups_stale_since IS NOT NULL
         AND (rollups_rebuild_started_at IS NULL
              OR rollups_rebuild_started_at < now() - make_interval(secs => ${staleAfterMs / 1000}))
       ORDER BY rollups_stale_since LIMIT ${limit}`);
    return rowsOf<{ id: string }>(res).map((r) => r.id);
  }

  /**
   * Counts the calendar days of the response roll-up and the SLA days again in the
   * workspace's (new) zone without holding up ingest, as a team clock is built: (1)
   * claims the work (another instance's claim older than `staleAfterMs` is taken over);
   * (2) deletes the old days, the last of them once the writers of facts and
   * conversations in flight have finished (a lock held only for that wait), so that from
   * then on the triggers add every change in the new zone; (3) counts the days in one
   * statement each that takes off what the triggers added meanwhile
   * (`response_days_count_calendar`, `sla_days_count`); (4) marks them current unless the
   * zone changed again meanwhile. False when there was nothing to do.
   */
  async rebuildZoneRollups(workspaceId: string, staleAfterMs: number): Promise<boolean> {
    const claimed = rowsOf<{ since: string }>(
      await this.db.execute(sql`
        UPDATE workspaces SET rollups_rebuild_started_at = now()
         WHERE id = ${workspaceId} AND rollups_stale_since IS NOT NULL
           AND (rollups_rebuild_started_at IS NULL
                OR rollups_rebuild_started_at < now() - make_interval(secs => ${staleAfterMs / 1000}))
        RETURNING rollups_stale_since::text AS since`),
    )[0];
    if (!claimed) return false;
    // As text: microseconds, which a Date would lose.
    const since = String(claimed.since);
    const forget = async (tx: Pick<Db, "execute">) => {
      await tx.execute(
        sql`DELETE FROM response_days WHERE workspace_id = ${workspaceId} AND clock_id = ${CALENDAR_CLOCK}`,
      );
      await tx.execute(sql`DELETE FROM sla_days WHERE workspace_id = ${workspaceId}`);
    };
    // Most of the old days go outside the lock (a year of them is many rows).
    await forget(this.db);
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`LOCK TABLE response_facts, conversations IN SHARE ROW EXCLUSIVE MODE`);
      await forget(tx);
    });
    await this.db.transaction(async (tx) => {
      // One count at a time per workspace: each takes off what the one before added.
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtext('zone-rollups:' || ${workspaceId}))`,
      );
      await tx.execute(sql`SELECT response_days_count_calendar(${workspaceId})`);
      await tx.execute(sql`SELECT sla_days_count(${workspaceId})`);
      await tx.execute(sql`
        UPDATE workspaces
           SET rollups_stale_since = CASE WHEN rollups_stale_since = ${since}::timestamptz
                                          THEN NULL ELSE rollups_stale_since END,
               rollups_rebuild_started_at = NULL
         WHERE id = ${workspaceId}`);
    });
    return true;
  }

  /**
   * Inbound messages per local hour/day/month and channel. date_trunc with a zone keeps
   * DST days at 23 and 25 hours and starts days at local midnight.
   */
  async inboundVolume(input: {
    workspaceId: string;
    from: Date;
    to: Date;
    bucket: VolumeBucket;
    timeZone: string;
  }): Promise<VolumeRow[]> {
    const res = await this.db.execute<{
      bucket: unknown;
      channel: ChannelKind;
      count: unknown;
    }>(sql`
      SELECT date_trunc(${input.bucket}, m.created_at, ${input.timeZone}) AS bucket,
             c.kind AS channel,
             count(*) AS count
        FROM messages m
        JOIN channels c ON c.id = m.channel_id
       WHERE m.workspace_id = ${input.workspaceId}
         AND m.direction = 'inbound'
         AND m.created_at >= ${input.from.toISOString()}
         AND m.created_at < ${input.to.toISOString()}
       GROUP BY 1, 2
       ORDER BY 1, 2`);
    return rowsOf<{ bucket: unknown; channel: ChannelKind; count: unknown }>(res).map((r) => ({
      bucket: asDate(r.bucket),
      channel: r.channel,
      count: Number(r.count),
    }));
  }

  /**
   * First-response and resolution times of the waves (a conversation's start, and each
   * reopen) begun in the range, from the `response_facts` rows, as a histogram per
   * channel: durations in the roll-up's fixed buckets (`response_bucket`), counted by one
   * hash aggregation instead of sorting every wave for each percentile. With a clock,
   * durations count only its open time: each instant's position on the clock is found by
   * binary search (width_bucket) over the clock's intervals, passed once as arrays. The
   * durations are materialized first so that `response_bucket` is inlined on a column
   * (on the whole expression PostgreSQL would call it as a function, three times slower).
   */
  async responseHistogram(input: {
    workspaceId: string;
    from: Date;
    to: Date;
    channel?: ChannelKind | undefined;
    clock: ClockPositions | null;
  }): Promise<{ waves: ResponseWavesRow[]; histogram: ResponseHistogramRow[] }> {
    const array = (values: readonly number[]) => `{${values.join(",")}}`;
    const c = input.clock;
    // Open time before t on the clock: before[i] + (t - start[i]) within interval i.
    const position = (t: string, i: string) =>
      c
        ? sql.raw(`coalesce(k.b[w.${i}] + least(f.${t}, k.e[w.${i}]) - k.s[w.${i}], 0)`)
        : sql.raw(`f.${t}`);
    const res = await this.db.execute(sql`
      WITH f AS (
        SELECT channel, first_reply_at IS NULL AS unanswered,
               extract(epoch FROM started_at)::float8 * 1000 AS t0,
               extract(epoch FROM first_reply_at)::float8 * 1000 AS t1,
               extract(epoch FROM resolved_at)::float8 * 1000 AS t2
          FROM response_facts
         WHERE workspace_id = ${input.workspaceId}
           AND started_at >= ${input.from.toISOString()}
           AND started_at < ${input.to.toISOString()}
           ${input.channel ? sql`AND channel = ${input.channel}` : sql``}
      ), d AS MATERIALIZED (
        SELECT f.channel, f.unanswered,
               CASE WHEN f.t1 IS NOT NULL THEN greatest(0, ${position("t1", "i1")} - ${position("t0", "i0")}) END AS fr_ms,
               CASE WHEN f.t2 IS NOT NULL THEN greatest(0, ${position("t2", "i2")} - ${position("t0", "i0")}) END AS res_ms
          FROM f
          ${
            c
              ? sql`CROSS JOIN (SELECT ${array(c.starts)}::float8[] AS s, ${array(c.ends)}::float8[] AS e,
                                       ${array(c.before)}::float8[] AS b) k
                    CROSS JOIN LATERAL (SELECT width_bucket(f.t0, k.s) AS i0, width_bucket(f.t1, k.s) AS i1,
                                               width_bucket(f.t2, k.s) AS i2) w`
              : sql``
          }
      ), b AS (
        SELECT channel, unanswered,
               CASE WHEN fr_ms IS NOT NULL THEN response_bucket(fr_ms) END AS fr,
               CASE WHEN res_ms IS NOT NULL THEN response_bucket(res_ms) END AS res
          FROM d
      )
      SELECT channel, fr, res, GROUPING(fr, res) AS grouping,
             count(*) AS count, count(*) FILTER (WHERE unanswered) AS unanswered
        FROM b
       GROUP BY GROUPING SETS ((channel), (channel, fr), (channel, res))`);
    const waves: ResponseWavesRow[] = [];
    const histogram: ResponseHistogramRow[] = [];
    for (const r of rowsOf<Record<string, unknown>>(res)) {
      const channel = r.channel as ChannelKind;
      const count = Number(r.count);
      const grouping = Number(r.grouping);
      // GROUPING(fr, res): 3 = neither (the channel), 1 = by fr, 2 = by res.
      if (grouping === 3) waves.push({ channel, waves: count, unanswered: Number(r.unanswered) });
      else if (grouping === 1 && r.fr != null)
        histogram.push({ channel, kind: "firstResponse", ms: Number(r.fr), count });
      else if (grouping === 2 && r.res != null)
        histogram.push({ channel, kind: "resolution", ms: Number(r.res), count });
    }
    return { waves, histogram };
  }

  /**
   * The `response_days` roll-up of one clock (calendar or a team) summed over the local
   * days [fromDay, toDay): waves and unanswered per channel, durations per bucket.
   */
  async responseDays(input: {
    workspaceId: string;
    clockId: string;
    fromDay: string;
    toDay: string;
    channel?: ChannelKind | undefined;
  }): Promise<{ waves: ResponseWavesRow[]; histogram: ResponseHistogramRow[] }> {
    const calendar = "00000000-0000-0000-0000-000000000000";
    // Waves and unanswered are counted under the calendar clock only (they do not depend on it).
    const res = await this.db.execute(sql`
      SELECT channel, kind, bucket_ms, sum(count) AS count
        FROM response_days
       WHERE workspace_id = ${input.workspaceId}
         AND (clock_id = ${input.clockId}
              OR (clock_id = ${calendar} AND kind IN ('waves', 'unanswered')))
         AND day >= ${input.fromDay} AND day < ${input.toDay}
         ${input.channel ? sql`AND channel = ${input.channel}` : sql``}
       GROUP BY 1, 2, 3
      HAVING sum(count) <> 0`);
    const waves = new Map<ChannelKind, ResponseWavesRow>();
    const histogram: ResponseHistogramRow[] = [];
    for (const r of rowsOf<{
      channel: ChannelKind;
      kind: string;
      bucket_ms: unknown;
      count: unknown;
    }>(res)) {
      const count = Number(r.count);
      if (r.kind === "waves" || r.kind === "unanswered") {
        const w = waves.get(r.channel) ?? { channel: r.channel, waves: 0, unanswered: 0 };
        if (r.kind === "waves") w.waves += count;
        else w.unanswered += count;
        waves.set(r.channel, w);
      } else {
        histogram.push({
          channel: r.channel,
          kind: r.kind === "first_response" ? "firstResponse" : "resolution",
          ms: Number(r.bucket_ms),
          count,
        });
      }
    }
    return { waves: [...waves.values()], histogram };
  }

  /** A team's business clock as built for the roll-up, or null. */
  async responseClock(teamId: string): Promise<ResponseClockRow | null> {
    const [row] = await this.db
      .select()
      .from(responseClocks)
      .where(eq(responseClocks.teamId, teamId));
    return row ?? null;
  }

  /** Every team with its roll-up clock (null when not built yet). */
  async teamsWithClocks(): Promise<{ team: TeamRow; clock: ResponseClockRow | null }[]> {
    const rows = await this.db
      .select({ team: teams, clock: responseClocks })
      .from(teams)
      .leftJoin(responseClocks, eq(responseClocks.teamId, teams.id));
    return rows.map((r) => ({ team: r.team, clock: r.clock ?? null }));
  }

  /** When the workspace's earliest wave began, or null without any. */
  async earliestWave(workspaceId: string): Promise<Date | null> {
    const res = await this.db.execute(
      sql`SELECT min(started_at) AS t FROM response_facts WHERE workspace_id = ${workspaceId}`,
    );
    const t = rowsOf<{ t: unknown }>(res)[0]?.t;
    return t == null ? null : asDate(t);
  }

  /**
   * Builds (or rebuilds) a team's clock without holding up ingest: (1) takes the old
   * clock and its days away; (2) stores the new clock, after the writers of response
   * facts in flight have finished (a lock held only for that wait and a few small
   * writes), so that from then on the triggers add every change of a wave to it; (3)
   * counts its days from the facts in one set-based statement that takes off what the
   * triggers added meanwhile (`response_days_count_clock`); (4) marks it counted, and
   * reports use it from then on. Skips the work when another instance built the same
   * schedule meanwhile or is building it (a build left unfinished for `staleAfterMs` is
   * started again).
   */
  async buildResponseClock(input: {
    team: Pick<TeamRow, "id" | "workspaceId">;
    scheduleKey: string;
    coversFrom: Date;
    coversTo: Date;
    clock: ClockPositions;
    staleAfterMs?: number;
  }): Promise<boolean> {
    if (!(await this.storeResponseClock(input))) return false;
    await this.countResponseClock(input.team);
    return true;
  }

  /**
   * Steps (1) and (2) of `buildResponseClock`: false when the clock needs no building.
   * The team's days are not counted yet (`countResponseClock`).
   */
  async storeResponseClock(input: {
    team: Pick<TeamRow, "id" | "workspaceId">;
    scheduleKey: string;
    coversFrom: Date;
    coversTo: Date;
    clock: ClockPositions;
    staleAfterMs?: number;
  }): Promise<boolean> {
    const teamId = input.team.id;
    const staleSeconds = (input.staleAfterMs ?? 10 * 60_000) / 1000;
    const upToDate = async (tx: Pick<Db, "execute">) =>
      rowsOf<{ fresh: boolean }>(
        await tx.execute(sql`
          SELECT true AS fresh FROM response_clocks
           WHERE team_id = ${teamId} AND schedule_key = ${input.scheduleKey}
             AND covers_to >= ${input.coversTo.toISOString()}
             AND (counted_at IS NOT NULL OR built_at > now() - make_interval(secs => ${staleSeconds}))`),
      ).length > 0;
    if (await upToDate(this.db)) return false;
    // The old days go first, outside the lock (a year of them is many rows).
    await this.db.execute(sql`DELETE FROM response_clocks WHERE team_id = ${teamId}`);
    const array = (values: readonly number[]) => `{${values.map((v) => Math.round(v)).join(",")}}`;
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`LOCK TABLE response_facts IN SHARE ROW EXCLUSIVE MODE`);
      if (await upToDate(tx)) return false;
      await tx.execute(sql`DELETE FROM response_clocks WHERE team_id = ${teamId}`);
      // Days a writer in flight added to the old clock after it was taken away.
      await tx.execute(
        sql`DELETE FROM response_days WHERE workspace_id = ${input.team.workspaceId} AND clock_id = ${teamId}`,
      );
      await tx.execute(sql`
        INSERT INTO response_clocks (team_id, workspace_id, schedule_key, covers_from, covers_to)
        VALUES (${teamId}, ${input.team.workspaceId}, ${input.scheduleKey},
                ${input.coversFrom.toISOString()}, ${input.coversTo.toISOString()})`);
      await tx.execute(sql`
        INSERT INTO response_clock_intervals (team_id, start_ms, end_ms, before_ms)
        SELECT ${teamId}, s, e, b
          FROM unnest(${array(input.clock.starts)}::bigint[], ${array(input.clock.ends)}::bigint[],
                      ${array(input.clock.before)}::bigint[]) AS i(s, e, b)`);
      return true;
    });
  }

  /** Takes a team's clock and its days away (its hours changed); true when there was one. */
  async forgetResponseClock(teamId: string): Promise<boolean> {
    const gone = await this.db
      .delete(responseClocks)
      .where(eq(responseClocks.teamId, teamId))
      .returning({ teamId: responseClocks.teamId });
    return gone.length > 0;
  }

  /** Steps (3) and (4) of `buildResponseClock`: counts a stored clock's days. */
  async countResponseClock(team: Pick<TeamRow, "id" | "workspaceId">): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT response_days_count_clock(${team.workspaceId}, ${team.id})`);
      await tx.execute(
        sql`UPDATE response_clocks SET counted_at = now() WHERE team_id = ${team.id}`,
      );
    });
  }

  /** Inbound messages in each [from, to) window, in the order given. */
  async inboundCounts(workspaceId: string, windows: { from: Date; to: Date }[]): Promise<number[]> {
    if (windows.length === 0) return [];
    const cases = windows.map(
      (w, i) =>
        sql`count(*) FILTER (WHERE m.created_at >= ${w.from.toISOString()} AND m.created_at < ${w.to.toISOString()}) AS ${sql.identifier(`w${i}`)}`,
    );
    const lower = new Date(Math.min(...windows.map((w) => w.from.getTime())));
    const upper = new Date(Math.max(...windows.map((w) => w.to.getTime())));
    const res = await this.db.execute(sql`
      SELECT ${sql.join(cases, sql`, `)}
        FROM messages m
       WHERE m.workspace_id = ${workspaceId}
         AND m.direction = 'inbound'
         AND m.created_at >= ${lower.toISOString()}
         AND m.created_at < ${upper.toISOString()}`);
    const row = rowsOf<Record<string, unknown>>(res)[0] ?? {};
    return windows.map((_, i) => Number(row[`w${i}`] ?? 0));
  }

  /** When counting began: the first channel connected (cheap, unlike min over messages). */
  async countingSince(workspaceId: string): Promise<Date | null> {
    const res = await this.db.execute(
      sql`SELECT min(created_at) AS t FROM channels WHERE workspace_id = ${workspaceId}`,
    );
    const t = rowsOf<{ t: unknown }>(res)[0]?.t;
    return t == null ? null : asDate(t);
  }

  /** The latest inbound messages since `since`, oldest first, for grouping. */
  async recentInbound(
    workspaceId: string,
    since: Date,
    limit: number,
  ): Promise<
    { id: string; conversationId: string; channel: ChannelKind; text: string; createdAt: Date }[]
  > {
    const res = await this.db.execute(sql`
      SELECT * FROM (
        SELECT m.id, m.conversation_id, c.kind AS channel, m.text, m.created_at
          FROM messages m
          JOIN channels c ON c.id = m.channel_id
         WHERE m.workspace_id = ${workspaceId}
           AND m.direction = 'inbound'
           AND m.deleted_at IS NULL
           AND m.created_at >= ${since.toISOString()}
         ORDER BY m.created_at DESC, m.id DESC
         LIMIT ${limit}) recent
       ORDER BY created_at, id`);
    return rowsOf<{
      id: string;
      conversation_id: string;
      channel: ChannelKind;
      text: string;
      created_at: unknown;
    }>(res).map((r) => ({
      id: r.id,
      conversationId: r.conversation_id,
      channel: r.channel,
      text: r.text,
      createdAt: asDate(r.created_at),
    }));
  }

  /** Conversations waiting on the team now, by status and channel, with the oldest. */
  async backlog(
    workspaceId: string,
  ): Promise<{ status: string; channel: ChannelKind; count: number; oldest: Date }[]> {
    const res = await this.db.execute(sql`
      SELECT c.status, ch.kind AS channel, count(*) AS count, min(c.created_at) AS oldest
        FROM conversations c
        JOIN channels ch ON ch.id = c.channel_id
       WHERE c.workspace_id = ${workspaceId}
         AND c.status IN ('new', 'open', 'pending')
       GROUP BY 1, 2
       ORDER BY 1, 2`);
    return rowsOf<{ status: string; channel: ChannelKind; count: unknown; oldest: unknown }>(
      res,
    ).map((r) => ({
      status: r.status,
      channel: r.channel,
      count: Number(r.count),
      oldest: asDate(r.oldest),
    }));
  }

  /**
   * Inbound messages per bucket and channel from the hourly roll-up (whole-hour zones:
   * every local hour is one UTC hour). A year is 8,760 rows per channel.
   */
  async inboundVolumeFromRollup(input: {
    workspaceId: string;
    from: Date;
    to: Date;
    bucket: VolumeBucket;
    timeZone: string;
  }): Promise<VolumeRow[]> {
    const res = await this.db.execute(sql`
      SELECT date_trunc(${input.bucket}, h.hour, ${input.timeZone}) AS bucket,
             c.kind AS channel, sum(h.count) AS count
        FROM inbound_hourly h
        JOIN channels c ON c.id = h.channel_id
       WHERE h.workspace_id = ${input.workspaceId}
         AND h.hour >= ${input.from.toISOString()} AND h.hour < ${input.to.toISOString()}
       GROUP BY 1, 2
      HAVING sum(h.count) > 0
       ORDER BY 1, 2`);
    return rowsOf<{ bucket: unknown; channel: ChannelKind; count: unknown }>(res).map((r) => ({
      bucket: asDate(r.bucket),
      channel: r.channel,
      count: Number(r.count),
    }));
  }

  /**
   * SLA attainment of the conversations with SLA clocks started in the range, counted
   * from the conversations themselves (partial days; the whole days come from `slaDays`).
   */
  async slaAttainment(input: {
    workspaceId: string;
    from: Date;
    to: Date;
    now: Date;
    teamId?: string | undefined;
  }) {
    const res = await this.db.execute(sql`
      SELECT
        count(*) FILTER (WHERE first_response_at IS NOT NULL AND first_response_at <= first_response_due_at) AS fr_met,
        count(*) FILTER (WHERE (first_response_at IS NOT NULL AND first_response_at > first_response_due_at)
                            OR (first_response_at IS NULL AND first_response_due_at <= ${input.now.toISOString()})) AS fr_breached,
        count(*) FILTER (WHERE solved_at IS NOT NULL AND (resolution_due_at IS NULL OR solved_at <= resolution_due_at)) AS res_met,
        count(*) FILTER (WHERE (solved_at IS NOT NULL AND solved_at > resolution_due_at)
                            OR (solved_at IS NULL AND status IN ('new', 'open') AND resolution_due_at <= ${input.now.toISOString()})) AS res_breached,
        count(*) AS total
        FROM conversations
       WHERE workspace_id = ${input.workspaceId} AND sla_started_at IS NOT NULL
         AND created_at >= ${input.from.toISOString()} AND created_at < ${input.to.toISOString()}
         ${input.teamId ? sql`AND team_id = ${input.teamId}` : sql``}`);
    return slaCountsOf(res);
  }

  /**
   * The SLA roll-up (`sla_days`) summed over the local days [fromDay, toDay): conversations
   * with SLA clocks, and first responses and resolutions that met or missed their due time.
   */
  async slaDays(input: {
    workspaceId: string;
    fromDay: string;
    toDay: string;
    teamId?: string | undefined;
  }) {
    const res = await this.db.execute(sql`
      SELECT sum(conversations) AS total, sum(first_response_met) AS fr_met,
             sum(first_response_late) AS fr_breached, sum(resolution_met) AS res_met,
             sum(resolution_late) AS res_breached
        FROM sla_days
       WHERE workspace_id = ${input.workspaceId}
         AND day >= ${input.fromDay} AND day < ${input.toDay}
         ${input.teamId ? sql`AND team_id = ${input.teamId}` : sql``}`);
    return slaCountsOf(res);
  }

  /**
   * SLA clocks of conversations started in [from, to) still running and past their due
   * time at `now` (no first response yet, or unsolved and not waiting on the customer):
   * the breaches the roll-up cannot hold. Few rows, on a partial index.
   */
  async slaOverdue(input: {
    workspaceId: string;
    from: Date;
    to: Date;
    now: Date;
    teamId?: string | undefined;
  }) {
    const now = input.now.toISOString();
    const res = await this.db.execute(sql`
      SELECT count(*) FILTER (WHERE first_response_at IS NULL AND first_response_due_at <= ${now}) AS fr,
             count(*) FILTER (WHERE solved_at IS NULL AND status IN ('new', 'open')
                                AND resolution_due_at <= ${now}) AS res
        FROM conversations
       WHERE workspace_id = ${input.workspaceId}
         AND created_at >= ${input.from.toISOString()} AND created_at < ${input.to.toISOString()}
         AND sla_started_at IS NOT NULL AND (first_response_at IS NULL OR solved_at IS NULL)
         ${input.teamId ? sql`AND team_id = ${input.teamId}` : sql``}`);
    const r = rowsOf<{ fr: unknown; res: unknown }>(res)[0];
    return { firstResponse: Number(r?.fr ?? 0), resolution: Number(r?.res ?? 0) };
  }

  /** Counts per local month of several kinds of events (praise, personal data, impostors). */
  async monthlyCounts(input: { workspaceId: string; from: Date; to: Date; timeZone: string }) {
    const res = await this.db.execute(sql`
      SELECT 'praise' AS kind, date_trunc('month', created_at, ${input.timeZone}) AS month, count(*) AS count
        FROM messages WHERE workspace_id = ${input.workspaceId} AND praise AND direction = 'inbound'
         AND created_at >= ${input.from.toISOString()} AND created_at < ${input.to.toISOString()}
       GROUP BY 2
      UNION ALL
      SELECT 'personalData', date_trunc('month', created_at, ${input.timeZone}), count(*)
        FROM personal_data_incidents WHERE workspace_id = ${input.workspaceId}
         AND created_at >= ${input.from.toISOString()} AND created_at < ${input.to.toISOString()}
       GROUP BY 2
      UNION ALL
      SELECT 'impostors', date_trunc('month', first_seen_at, ${input.timeZone}), count(*)
        FROM impostor_accounts WHERE workspace_id = ${input.workspaceId}
         AND first_seen_at >= ${input.from.toISOString()} AND first_seen_at < ${input.to.toISOString()}
       GROUP BY 2
      ORDER BY 2`);
    return rowsOf<{ kind: string; month: unknown; count: unknown }>(res).map((r) => ({
      kind: r.kind as "praise" | "personalData" | "impostors",
      month: asDate(r.month),
      count: Number(r.count),
    }));
  }

  /** Community questions whose accepted answer came from a customer or from staff. */
  async communitySolved(input: { workspaceId: string; from: Date; to: Date }) {
    const res = await this.db.execute(sql`
      SELECT count(*) FILTER (WHERE u.role = 'customer') AS customers,
             count(*) FILTER (WHERE u.role <> 'customer') AS staff
        FROM community_questions q
        JOIN community_answers a ON a.id = q.accepted_answer_id
        JOIN users u ON u.id = a.author_id
       WHERE q.workspace_id = ${input.workspaceId}
         AND q.accepted_at >= ${input.from.toISOString()} AND q.accepted_at < ${input.to.toISOString()}`);
    const r = rowsOf<{ customers: unknown; staff: unknown }>(res)[0];
    return { byCustomers: Number(r?.customers ?? 0), byStaff: Number(r?.staff ?? 0) };
  }

  /** Incidents overlapping the range, oldest first. */
  async incidentsBetween(input: { workspaceId: string; from: Date; to: Date }) {
    const res = await this.db.execute(sql`
      SELECT id, title, source, status, started_at, resolved_at FROM incidents
       WHERE workspace_id = ${input.workspaceId} AND started_at < ${input.to.toISOString()}
         AND (resolved_at IS NULL OR resolved_at >= ${input.from.toISOString()})
       ORDER BY started_at`);
    return rowsOf<Record<string, unknown>>(res).map((r) => ({
      id: String(r.id),
      title: String(r.title),
      source: String(r.source),
      status: String(r.status),
      startedAt: asDate(r.started_at).toISOString(),
      resolvedAt: r.resolved_at == null ? null : asDate(r.resolved_at).toISOString(),
    }));
  }
}

/** One row of SLA counts (total, fr_met, fr_breached, res_met, res_breached) as numbers. */
function slaCountsOf(res: unknown) {
  const r = rowsOf<Record<string, unknown>>(res)[0] ?? {};
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    conversations: n("total"),
    firstResponse: { met: n("fr_met"), breached: n("fr_breached") },
    resolution: { met: n("res_met"), breached: n("res_breached") },
  };
}
