import { randomUUID } from "node:crypto";
import { messages, type TeamRow } from "../../db/schema/index.ts";
import { isOpenAt, type OpeningSchedule } from "../../lib/opening-hours/index.ts";
import { outOfHoursDecision, outOfHoursReplyText } from "../../lib/out-of-hours.ts";
import { applyRules, type MessageFacts, pickAgent } from "../../lib/routing.ts";
import { conversationSla, DEFAULT_SLA_POLICY, PRIORITIES } from "../../lib/sla.ts";
import type { Services } from "../../server/services.ts";
import type { InboxChange } from "../inbox/process-webhook-event.ts";
import { queueScore } from "./refresh-queue-scores.ts";
import type { ServiceConfig } from "./service-config-cache.ts";
import type {
  AgentRow,
  Executor,
  IngestedMessageFacts,
  RoutedConversation,
} from "./service-levels.repository.ts";
import { memberSchedule, teamSchedule } from "./team-schedule.ts";

/** A presence heartbeat older than this means the agent's console is gone. */
export const ONLINE_WITHIN_MS = 2 * 60_000;
/** Priority levels of conversations: 0 low, 1 normal, 2 high, 3 urgent. */
export const NORMAL_PRIORITY = 1;

/**
 * What the ingest pipeline does after storing a batch, in the same transaction: routes
 * conversations that are new or reopened (team, priority, tags, assignee), starts their
 * SLA clocks in the team's business hours, records replies sent from the platforms' own
 * apps as first responses, and queues the out-of-hours reply once per closed period.
 * Everything is read and written in bulk, with rules and settings from the cache.
 */
export async function applyServiceLevels(
  services: Services,
  tx: Executor,
  result: { changes: InboxChange[]; queued: number },
): Promise<void> {
  const ids = result.changes.flatMap((c) =>
    c.type === "message.created" && c.messageId ? [c.messageId] : [],
  );
  if (!ids.length) return;
  const repo = services.serviceLevels;
  const stored = await repo.ingestedMessages(tx, ids);
  const now = services.clock.now();

  // Replies written in the platform's own app answer the customer too.
  const answered = stored.filter((m) => m.direction === "outbound");
  await repo.markFirstResponse(
    tx,
    answered.map((m) => ({ conversationId: m.conversationId, at: m.createdAt })),
  );

  // The first inbound message of each conversation in this batch speaks for it.
  const firstInbound = new Map<string, IngestedMessageFacts>();
  for (const m of stored) {
    if (m.direction !== "inbound" || firstInbound.has(m.conversationId)) continue;
    if (m.conversation.status !== "new" && m.conversation.status !== "open") continue;
    firstInbound.set(m.conversationId, m);
  }
  if (!firstInbound.size) return;

  const toRoute = [...firstInbound.values()].filter((m) => m.conversation.routedAt === null);
  const contactTags = await repo.contactTags(tx, [
    ...new Set(toRoute.map((m) => m.conversation.contactId)),
  ]);
  const workspaces = [...new Set([...firstInbound.values()].map((m) => m.workspaceId))];
  const configs = new Map<string, ServiceConfig>();
  for (const w of workspaces) configs.set(w, await services.serviceConfig.get(tx, w));

  // Decide team, priority and tags first: assignment needs the teams' agents.
  const decided = toRoute.map((m) => {
    const config = configs.get(m.workspaceId)!;
    const tags = contactTags.get(m.conversation.contactId) ?? [];
    const facts: MessageFacts = {
      channel: m.channelKind,
      language: m.language,
      text: m.text,
      contactTags: tags,
      sentiment: m.sentiment,
      hasPersonalData: m.hasPersonalData,
    };
    const outcome = applyRules(config.rules, facts, NORMAL_PRIORITY);
    const teamId =
      [outcome.teamId, m.conversation.teamId, config.settings?.defaultTeamId ?? null].find(
        (id): id is string => Boolean(id && config.teams.has(id)),
      ) ?? null;
    // VIPs are served a level sooner.
    const vip = tags.includes("vip");
    const priority = Math.min(3, outcome.priority + (vip ? 1 : 0));
    return { m, teamId, priority, vip, tags: outcome.tags };
  });
  // The newest customer message of each conversation in this batch, for its queue score.
  const lastSentiment = new Map<string, IngestedMessageFacts["sentiment"]>();
  for (const m of stored)
    if (m.direction === "inbound") lastSentiment.set(m.conversationId, m.sentiment);

  const teamIds = [...new Set(decided.flatMap((d) => (d.teamId ? [d.teamId] : [])))];
  const agents = await repo.agentsOfTeams(tx, teamIds, now, ONLINE_WITHIN_MS);
  const lastAssigned = await repo.lastAssigned(tx, teamIds);
  const assignedNow = new Set<string>();
  const routed: RoutedConversation[] = [];
  for (const { m, teamId, priority, vip, tags } of decided) {
    const config = configs.get(m.workspaceId)!;
    const team = teamId ? config.teams.get(teamId)! : null;
    let assigneeId: string | null = null;
    if (team && team.routingMode !== "manual") {
      const members = agents.filter((a) => a.teamId === team.id);
      const last = lastAssigned.get(team.id) ?? null;
      assigneeId = pickAgent(
        members.map((a) => ({
          id: a.userId,
          online: a.online,
          onShift: onShift(team, a, now),
          capacity: a.capacity,
          load: a.load,
          skills: a.skills,
          lastAssignedAt: a.lastAssignedAt?.getTime() ?? null,
        })),
        {
          mode: team.routingMode,
          requiredSkills: requiredSkills(members, m.language, tags),
          lastAssignedAgentId: last,
        },
      );
      if (assigneeId) {
        lastAssigned.set(team.id, assigneeId);
        assignedNow.add(team.id);
        // Later conversations of this batch see the new load.
        for (const a of agents)
          if (a.userId === assigneeId) {
            a.load++;
            a.lastAssignedAt = now;
          }
      }
    }
    const sla = startSla(
      team ? teamSchedule(team) : null,
      config.settings?.slaPolicy ?? DEFAULT_SLA_POLICY,
      priority,
      m.createdAt,
    );
    routed.push({
      id: m.conversationId,
      teamId,
      priority,
      tags,
      assigneeId,
      routedAt: now.toISOString(),
      slaStartedAt: m.createdAt.toISOString(),
      ...sla,
      // Its place in the urgent order, written with the routing rather than right after
      // it; the refresh after the commit then finds it in place (and corrects what only
      // the database knows: an earlier-dated later message, a community question's +1s).
      queueScore: queueScore(
        {
          priority: Math.max(m.conversation.priority, priority),
          slaStartedAt: m.createdAt,
          dueAt: sla.firstResponseDueAt ? new Date(sla.firstResponseDueAt) : null,
          vip,
          sentiment: lastSentiment.get(m.conversationId) ?? null,
          meToo: 0,
        },
        now.getTime(),
      ),
    });
    m.conversation.teamId = teamId;
  }
  await repo.applyRouting(tx, routed);
  for (const teamId of assignedNow)
    await repo.setLastAssigned(tx, teamId, lastAssigned.get(teamId)!);
  for (const r of routed) {
    result.changes.push({
      workspaceId: firstInbound.get(r.id)!.workspaceId,
      type: "conversation.updated",
      conversationId: r.id,
    });
  }

  await queueOutOfHoursReplies(services, tx, [...firstInbound.values()], configs, now, result);
}

function onShift(team: TeamRow, agent: AgentRow, now: Date): boolean {
  try {
    return isOpenAt(memberSchedule(team, agent), now);
  } catch {
    return false;
  }
}

/**
 * The customer's language when the team records languages at all (`lang:de`), and the
 * products the rules tagged (`product:…`) when the team records products.
 */
function requiredSkills(members: AgentRow[], language: string | null, tags: string[]): string[] {
  const known = new Set(members.flatMap((a) => a.skills));
  const has = (prefix: string) => [...known].some((s) => s.startsWith(prefix));
  const out: string[] = [];
  if (language && has("lang:")) out.push(`lang:${language}`);
  if (has("product:")) out.push(...tags.filter((t) => t.startsWith("product:")));
  return out;
}

type SlaDue = Pick<
  RoutedConversation,
  "firstResponseWarnAt" | "firstResponseDueAt" | "resolutionWarnAt" | "resolutionDueAt"
>;

/** Due and warning times of both clocks, counted in the team's business hours. */
export function startSla(
  schedule: OpeningSchedule | null,
  policy: typeof DEFAULT_SLA_POLICY,
  priority: number,
  startedAt: Date,
): SlaDue {
  const level = PRIORITIES[Math.max(0, Math.min(3, priority))]!;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const run = (s: OpeningSchedule | null) =>
    conversationSla({ policy, priority: level, schedule: s, createdAt: startedAt, now: startedAt });
  let clocks: ReturnType<typeof run>;
  try {
    clocks = run(schedule);
  } catch {
    // A team that never opens has no business time: count calendar time instead.
    clocks = run(null);
  }
  return {
    firstResponseWarnAt: iso(clocks.firstResponse.warnAt),
    firstResponseDueAt: iso(clocks.firstResponse.dueAt),
    resolutionWarnAt: iso(clocks.resolution.warnAt),
    resolutionDueAt: iso(clocks.resolution.dueAt),
  };
}

/** How an automatic reply reaches the customer where they wrote; null when it cannot. */
function autoReplyRoute(m: IngestedMessageFacts): { sendAction: string; target: string } | null {
  const key = m.conversation.threadKey;
  if (m.channelKind === "x") {
    if (key.startsWith("x:dm:")) return { sendAction: "x_dm", target: key.split(":")[2]! };
    return m.platformId ? { sendAction: "x_reply", target: m.platformId } : null;
  }
  if (m.channelKind === "facebook") {
    if (key.startsWith("fb:dm:")) return { sendAction: "fb_message", target: key.slice(6) };
    return m.platformId ? { sendAction: "fb_comment", target: m.platformId } : null;
  }
  return null;
}

async function queueOutOfHoursReplies(
  services: Services,
  tx: Executor,
  candidates: IngestedMessageFacts[],
  configs: Map<string, ServiceConfig>,
  now: Date,
  result: { changes: InboxChange[]; queued: number },
): Promise<void> {
  const rows: (typeof messages.$inferInsert)[] = [];
  for (const m of candidates) {
    const config = configs.get(m.workspaceId)!;
    if (config.settings && !config.settings.autoReplyEnabled) continue;
    const team = m.conversation.teamId ? config.teams.get(m.conversation.teamId) : undefined;
    if (!team) continue;
    const route = autoReplyRoute(m);
    if (!route) continue;
    const schedule = teamSchedule(team);
    let decision: ReturnType<typeof outOfHoursDecision>;
    try {
      decision = outOfHoursDecision({
        schedule,
        at: now,
        lastAutoReplyAt: m.conversation.lastAutoReplyAt,
      });
    } catch {
      continue;
    }
    if (!decision.send) continue;
    const text = outOfHoursReplyText({
      language: m.language,
      backAt: decision.backAt,
      timeZone: team.timeZone,
      now,
      templates: config.settings?.autoReplyTemplates[m.channelKind],
    });
    rows.push({
      id: randomUUID(),
      workspaceId: m.workspaceId,
      conversationId: m.conversationId,
      channelId: m.channelId,
      direction: "outbound",
      visibility: m.visibility === "public" ? "public" : "private",
      text,
      meta: { target: route.target, autoReply: true },
      sendAction: route.sendAction,
      deliveryStatus: "queued",
      // The delivery worker compares with the database's clock.
      nextAttemptAt: new Date(),
      createdAt: now,
    });
  }
  if (!rows.length) return;
  await tx.insert(messages).values(rows);
  await services.serviceLevels.markAutoReplied(
    tx,
    rows.map((r) => r.conversationId),
    now,
  );
  for (const r of rows) {
    result.changes.push({
      workspaceId: r.workspaceId,
      type: "message.created",
      conversationId: r.conversationId,
      messageId: r.id!,
    });
  }
  result.queued += rows.length;
}
