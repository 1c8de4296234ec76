import { and, asc, eq, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import {
  agentPresence,
  type RoutingRuleRow,
  routingRules,
  type ServiceSettingsRow,
  serviceSettings,
  type TeamMemberRow,
  type TeamRow,
  teams,
} from "../../db/schema/index.ts";

/** A transaction handle or the database: the ingest path passes its transaction. */
export type Executor = Pick<Db, "execute" | "select" | "insert" | "update" | "delete">;

export type NewRoutingRule = Omit<RoutingRuleRow, "id" | "workspaceId" | "createdAt" | "updatedAt">;

/** What the ingest path knows of a message it stored in this batch. */
export interface IngestedMessageFacts {
  messageId: string;
  conversationId: string;
  workspaceId: string;
  channelId: string;
  channelKind: string;
  direction: "inbound" | "outbound" | "note";
  visibility: "public" | "private" | "internal";
  platformId: string | null;
  authorUserId: string | null;
  text: string;
  language: string | null;
  sentiment: "positive" | "neutral" | "negative" | null;
  hasPersonalData: boolean;
  createdAt: Date;
  conversation: {
    status: string;
    threadKey: string;
    visibility: string;
    teamId: string | null;
    routedAt: Date | null;
    priority: number;
    tags: string[];
    lastAutoReplyAt: Date | null;
    contactId: string;
  };
}

export interface RoutedConversation {
  id: string;
  teamId: string | null;
  priority: number;
  tags: string[];
  assigneeId: string | null;
  routedAt: string;
  slaStartedAt: string;
  firstResponseWarnAt: string | null;
  firstResponseDueAt: string | null;
  resolutionWarnAt: string | null;
  resolutionDueAt: string | null;
  queueScore: number;
}

export interface AgentRow {
  teamId: string;
  userId: string;
  skills: string[];
  capacity: number;
  shifts: TeamMemberRow["shifts"];
  online: boolean;
  load: number;
  lastAssignedAt: Date | null;
}

export interface SlaCandidate {
  id: string;
  workspaceId: string;
  teamId: string | null;
  priority: number;
  slaStartedAt: Date;
  slaPauses: { from: string; to?: string | null }[];
}

export interface DueClock {
  conversationId: string;
  workspaceId: string;
  teamId: string | null;
  clock: "first_response" | "resolution";
  kind: "warning" | "breach";
  dueAt: Date;
}

const d = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

/** All SQL of routing rules, service settings, presence and SLA clocks. */
export class ServiceLevelsRepository {
  constructor(private readonly db: Db) {}

  // --- rules and settings -------------------------------------------------------

  listRules(workspaceId: string, ex: Executor = this.db): Promise<RoutingRuleRow[]> {
    return ex
      .select()
      .from(routingRules)
      .where(eq(routingRules.workspaceId, workspaceId))
      .orderBy(asc(routingRules.position), asc(routingRules.createdAt));
  }

  async findRule(workspaceId: string, id: string): Promise<RoutingRuleRow | undefined> {
    const [row] = await this.db
      .select()
      .from(routingRules)
      .where(and(eq(routingRules.workspaceId, workspaceId), eq(routingRules.id, id)));
    return row;
  }

  async createRule(workspaceId: string, input: NewRoutingRule): Promise<RoutingRuleRow> {
    const [row] = await this.db
      .insert(routingRules)
      .values({ ...input, workspaceId })
      .returning();
    return row!;
  }

  async updateRule(
    workspaceId: string,
    id: string,
    patch: Partial<NewRoutingRule>,
  ): Promise<RoutingRuleRow | undefined> {
    const [row] = await this.db
      .update(routingRules)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(routingRules.workspaceId, workspaceId), eq(routingRules.id, id)))
      .returning();
    return row;
  }

  async deleteRule(workspaceId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(routingRules)
      .where(and(eq(routingRules.workspaceId, workspaceId), eq(routingRules.id, id)))
      .returning({ id: routingRules.id });
    return rows.length > 0;
  }

  async findSettings(
    workspaceId: string,
    ex: Executor = this.db,
  ): Promise<ServiceSettingsRow | undefined> {
    const [row] = await ex
      .select()
      .from(serviceSettings)
      .where(eq(serviceSettings.workspaceId, workspaceId));
    return row;
  }

  async saveSettings(
    workspaceId: string,
    patch: Partial<Omit<ServiceSettingsRow, "workspaceId" | "updatedAt">>,
  ): Promise<ServiceSettingsRow> {
    const [row] = await this.db
      .insert(serviceSettings)
      .values({ workspaceId, ...patch })
      .onConflictDoUpdate({
        target: serviceSettings.workspaceId,
        set: { ...patch, updatedAt: new Date() },
      })
      .returning();
    return row!;
  }

  listTeams(workspaceId: string, ex: Executor = this.db): Promise<TeamRow[]> {
    return ex.select().from(teams).where(eq(teams.workspaceId, workspaceId));
  }

  // --- presence -----------------------------------------------------------------

  async setPresence(
    userId: string,
    workspaceId: string,
    status: "online" | "away" | "offline",
    at: Date,
  ): Promise<void> {
    await this.db
      .insert(agentPresence)
      .values({ userId, workspaceId, status, lastSeenAt: at })
      .onConflictDoUpdate({ target: agentPresence.userId, set: { status, lastSeenAt: at } });
  }

  // --- ingest -------------------------------------------------------------------

  /** The messages of this batch with their conversation and channel, in one query. */
  async ingestedMessages(ex: Executor, messageIds: string[]): Promise<IngestedMessageFacts[]> {
    if (!messageIds.length) return [];
    const rows = await queryRows<Record<string, unknown>>(
      ex,
      sql`SELECT m.id, m.conversation_id, m.workspace_id, m.channel_id, ch.kind, m.direction,
                 m.visibility, m.platform_id, m.author_user_id, m.text, m.language, m.sentiment,
                 jsonb_array_length(m.personal_data) > 0 AS has_pd, m.created_at,
                 c.status, c.thread_key, c.visibility AS c_visibility, c.team_id, c.routed_at,
                 c.priority, c.tags, c.last_auto_reply_at, c.contact_id
            FROM messages m
            JOIN conversations c ON c.id = m.conversation_id
            JOIN channels ch ON ch.id = m.channel_id
           WHERE m.id = ANY(${`{${messageIds.join(",")}}`}::uuid[])
           ORDER BY m.created_at, m.id`,
    );
    return rows.map((r) => ({
      messageId: String(r.id),
      conversationId: String(r.conversation_id),
      workspaceId: String(r.workspace_id),
      channelId: String(r.channel_id),
      channelKind: String(r.kind),
      direction: r.direction as IngestedMessageFacts["direction"],
      visibility: r.visibility as IngestedMessageFacts["visibility"],
      platformId: (r.platform_id as string | null) ?? null,
      authorUserId: (r.author_user_id as string | null) ?? null,
      text: String(r.text ?? ""),
      language: (r.language as string | null) ?? null,
      sentiment: (r.sentiment as IngestedMessageFacts["sentiment"]) ?? null,
      hasPersonalData: Boolean(r.has_pd),
      createdAt: d(r.created_at)!,
      conversation: {
        status: String(r.status),
        threadKey: String(r.thread_key),
        visibility: String(r.c_visibility),
        teamId: (r.team_id as string | null) ?? null,
        routedAt: d(r.routed_at),
        priority: Number(r.priority),
        tags: (r.tags as string[] | null) ?? [],
        lastAutoReplyAt: d(r.last_auto_reply_at),
        contactId: String(r.contact_id),
      },
    }));
  }

  async teamsByIds(ex: Executor, ids: string[]): Promise<TeamRow[]> {
    if (!ids.length) return [];
    return ex
      .select()
      .from(teams)
      .where(sql`${teams.id} = ANY(${`{${ids.join(",")}}`}::uuid[])`);
  }

  /**
   * Members of the teams with whether they are online (an `online` presence seen in the
   * last `onlineWithinMs`) and their load (conversations assigned and waiting on them).
   */
  async agentsOfTeams(
    ex: Executor,
    teamIds: string[],
    now: Date,
    onlineWithinMs: number,
  ): Promise<AgentRow[]> {
    if (!teamIds.length) return [];
    const since = new Date(now.getTime() - onlineWithinMs).toISOString();
    const rows = await queryRows<Record<string, unknown>>(
      ex,
      sql`SELECT tm.team_id, tm.user_id, tm.skills, tm.capacity, tm.shifts,
                 (p.status = 'online' AND p.last_seen_at >= ${since}::timestamptz) AS online,
                 (SELECT count(*) FROM conversations c
                   WHERE c.assignee_id = tm.user_id AND c.status IN ('new', 'open')) AS load,
                 (SELECT max(c.routed_at) FROM conversations c
                   WHERE c.assignee_id = tm.user_id AND c.routed_at IS NOT NULL) AS last_assigned_at
            FROM team_members tm
            JOIN users u ON u.id = tm.user_id AND u.disabled_at IS NULL
            LEFT JOIN agent_presence p ON p.user_id = tm.user_id
           WHERE tm.team_id = ANY(${`{${teamIds.join(",")}}`}::uuid[])`,
    );
    return rows.map((r) => ({
      teamId: String(r.team_id),
      userId: String(r.user_id),
      skills: (r.skills as string[] | null) ?? [],
      capacity: Number(r.capacity),
      shifts: (r.shifts as TeamMemberRow["shifts"]) ?? null,
      online: Boolean(r.online),
      load: Number(r.load),
      lastAssignedAt: d(r.last_assigned_at),
    }));
  }

  async contactTags(ex: Executor, contactIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!contactIds.length) return out;
    const rows = await queryRows<{ id: string; tags: string[] | null }>(
      ex,
      sql`SELECT id, tags FROM contacts WHERE id = ANY(${`{${contactIds.join(",")}}`}::uuid[])`,
    );
    for (const r of rows) out.set(r.id, r.tags ?? []);
    return out;
  }

  /** Writes the routing outcome and the new SLA cycle of many conversations at once. */
  async applyRouting(ex: Executor, rows: RoutedConversation[]): Promise<void> {
    if (!rows.length) return;
    await ex.execute(sql`
      UPDATE conversations c SET
        team_id = COALESCE(v."teamId", c.team_id),
        priority = GREATEST(c.priority, v.priority),
        tags = ARRAY(SELECT DISTINCT unnest(c.tags || v.tags)),
        assignee_id = COALESCE(c.assignee_id, v."assigneeId"),
        routed_at = v."routedAt",
        sla_started_at = v."slaStartedAt",
        first_response_warn_at = v."firstResponseWarnAt",
        first_response_due_at = v."firstResponseDueAt",
        first_response_at = NULL,
        resolution_warn_at = v."resolutionWarnAt",
        resolution_due_at = v."resolutionDueAt",
        sla_pauses = '[]'::jsonb,
        queue_score = v."queueScore",
        updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(
        id uuid, "teamId" uuid, priority int, tags text[], "assigneeId" uuid,
        "routedAt" timestamptz, "slaStartedAt" timestamptz,
        "firstResponseWarnAt" timestamptz, "firstResponseDueAt" timestamptz,
        "resolutionWarnAt" timestamptz, "resolutionDueAt" timestamptz, "queueScore" int)
      WHERE c.id = v.id`);
  }

  /** Whom round robin assigned last, per team (not cached: it changes with every assignment). */
  async lastAssigned(ex: Executor, teamIds: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    if (!teamIds.length) return out;
    const rows = await queryRows<{ id: string; last_assigned_user_id: string | null }>(
      ex,
      sql`SELECT id, last_assigned_user_id FROM teams
           WHERE id = ANY(${`{${teamIds.join(",")}}`}::uuid[])`,
    );
    for (const r of rows) out.set(r.id, r.last_assigned_user_id);
    return out;
  }

  async setLastAssigned(ex: Executor, teamId: string, userId: string): Promise<void> {
    await ex.update(teams).set({ lastAssignedUserId: userId }).where(eq(teams.id, teamId));
  }

  async markAutoReplied(ex: Executor, conversationIds: string[], at: Date): Promise<void> {
    if (!conversationIds.length) return;
    await ex.execute(
      sql`UPDATE conversations SET last_auto_reply_at = ${at.toISOString()}::timestamptz,
                 message_count = message_count + 1
           WHERE id = ANY(${`{${conversationIds.join(",")}}`}::uuid[])`,
    );
  }

  /** The first response of the current cycle; later replies change nothing. */
  async markFirstResponse(
    ex: Executor,
    items: { conversationId: string; at: Date }[],
  ): Promise<void> {
    if (!items.length) return;
    await ex.execute(sql`
      UPDATE conversations c SET first_response_at = v.at
        FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS v("conversationId" uuid, at timestamptz)
       WHERE c.id = v."conversationId" AND c.first_response_at IS NULL
         AND c.sla_started_at IS NOT NULL AND v.at >= c.sla_started_at`);
  }

  // --- SLA task -----------------------------------------------------------------

  /** Conversations back from pending whose resolution clock needs a new due time. */
  async resumedClocks(limit: number): Promise<SlaCandidate[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`SELECT id, workspace_id, team_id, priority, sla_started_at, sla_pauses
            FROM conversations
           WHERE status IN ('new', 'open') AND sla_started_at IS NOT NULL
             AND resolution_due_at IS NULL AND jsonb_array_length(sla_pauses) > 0
           LIMIT ${limit}`,
    );
    return rows.map((r) => ({
      id: String(r.id),
      workspaceId: String(r.workspace_id),
      teamId: (r.team_id as string | null) ?? null,
      priority: Number(r.priority),
      slaStartedAt: d(r.sla_started_at)!,
      slaPauses: (r.sla_pauses as SlaCandidate["slaPauses"]) ?? [],
    }));
  }

  async setResolutionDue(
    rows: { id: string; warnAt: string | null; dueAt: string | null }[],
  ): Promise<void> {
    if (!rows.length) return;
    await this.db.execute(sql`
      UPDATE conversations c SET resolution_warn_at = v."warnAt", resolution_due_at = v."dueAt"
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(id uuid, "warnAt" timestamptz, "dueAt" timestamptz)
       WHERE c.id = v.id AND c.status IN ('new', 'open') AND c.resolution_due_at IS NULL`);
  }

  /**
   * Records the warnings and breaches due by `now` that are not recorded yet, and
   * returns only those this call recorded (another instance's are skipped).
   */
  async recordDueClocks(now: Date, limit: number): Promise<DueClock[]> {
    const at = now.toISOString();
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`
      WITH due AS (
        SELECT c.id, c.workspace_id, c.team_id, 'first_response' AS clock, 'warning' AS kind,
               c.first_response_due_at AS due_at
          FROM conversations c
         WHERE c.first_response_at IS NULL AND c.status IN ('new', 'open')
           AND c.first_response_warn_at <= ${at}::timestamptz
        UNION ALL
        SELECT c.id, c.workspace_id, c.team_id, 'first_response', 'breach', c.first_response_due_at
          FROM conversations c
         WHERE c.first_response_at IS NULL AND c.status IN ('new', 'open')
           AND c.first_response_warn_at <= ${at}::timestamptz
           AND c.first_response_due_at <= ${at}::timestamptz
        UNION ALL
        SELECT c.id, c.workspace_id, c.team_id, 'resolution', 'warning', c.resolution_due_at
          FROM conversations c
         WHERE c.status IN ('new', 'open') AND c.resolution_warn_at <= ${at}::timestamptz
        UNION ALL
        SELECT c.id, c.workspace_id, c.team_id, 'resolution', 'breach', c.resolution_due_at
          FROM conversations c
         WHERE c.status IN ('new', 'open') AND c.resolution_warn_at <= ${at}::timestamptz
           AND c.resolution_due_at <= ${at}::timestamptz
      )
      INSERT INTO sla_events (workspace_id, conversation_id, team_id, clock, kind, due_at, at)
      SELECT workspace_id, id, team_id, clock, kind, due_at, ${at}::timestamptz
        FROM due WHERE due_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM sla_events e WHERE e.conversation_id = due.id
                           AND e.clock = due.clock AND e.kind = due.kind AND e.due_at = due.due_at)
       LIMIT ${limit}
      ON CONFLICT DO NOTHING
      RETURNING conversation_id, workspace_id, team_id, clock, kind, due_at`,
    );
    return rows.map((r) => ({
      conversationId: String(r.conversation_id),
      workspaceId: String(r.workspace_id),
      teamId: (r.team_id as string | null) ?? null,
      clock: r.clock as DueClock["clock"],
      kind: r.kind as DueClock["kind"],
      dueAt: d(r.due_at)!,
    }));
  }

  /** Breaches per clock in a range (reports). */
  async breachCounts(
    workspaceId: string,
    from: Date,
    to: Date,
    teamId?: string,
  ): Promise<{ clock: string; count: number }[]> {
    const rows = await queryRows<{ clock: string; count: unknown }>(
      this.db,
      sql`SELECT clock, count(*) AS count FROM sla_events
           WHERE workspace_id = ${workspaceId} AND kind = 'breach'
             AND at >= ${from.toISOString()}::timestamptz AND at < ${to.toISOString()}::timestamptz
             ${teamId ? sql`AND team_id = ${teamId}` : sql``}
           GROUP BY clock`,
    );
    return rows.map((r) => ({ clock: r.clock, count: Number(r.count) }));
  }
}
