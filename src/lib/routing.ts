/**
 * Routing: which rules apply to a new conversation, and which agent gets it. Pure; the
 * inbox supplies the message facts and the agents' live state.
 */

export interface MessageFacts {
  channel: string;
  language: string | null;
  text: string;
  contactTags: string[];
  sentiment: "positive" | "neutral" | "negative" | null;
  hasPersonalData: boolean;
}

export interface RuleConditions {
  channels?: string[];
  languages?: string[];
  /** Any of these words or phrases, case- and accent-insensitive. */
  keywords?: string[];
  /** All of these contact tags. */
  contactTags?: string[];
  sentiments?: ("positive" | "neutral" | "negative")[];
  hasPersonalData?: boolean;
}

export interface RoutingRule {
  id: string;
  conditions: RuleConditions;
  actions: { teamId?: string; priority?: number; tags?: string[] };
  /** Later rules are not looked at once this one matched. */
  stop?: boolean;
}

export interface RoutingOutcome {
  teamId: string | null;
  priority: number;
  tags: string[];
  matchedRuleIds: string[];
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "");

function keywordMatch(text: string, keyword: string): boolean {
  const k = fold(keyword).trim();
  if (!k) return false;
  const escaped = k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u").test(fold(text));
}

export function ruleMatches(c: RuleConditions, m: MessageFacts): boolean {
  if (c.channels?.length && !c.channels.includes(m.channel)) return false;
  if (c.languages?.length && !(m.language && c.languages.includes(m.language))) return false;
  if (c.keywords?.length && !c.keywords.some((k) => keywordMatch(m.text, k))) return false;
  if (c.contactTags?.length && !c.contactTags.every((t) => m.contactTags.includes(t))) return false;
  if (c.sentiments?.length && !(m.sentiment && c.sentiments.includes(m.sentiment))) return false;
  if (c.hasPersonalData !== undefined && c.hasPersonalData !== m.hasPersonalData) return false;
  return true;
}

/**
 * Rules in order: the first matching rule with a team decides the team, priority is
 * the highest any matching rule sets, tags add up; a matching `stop` rule ends it.
 */
export function applyRules(
  rules: RoutingRule[],
  m: MessageFacts,
  basePriority = 0,
): RoutingOutcome {
  const out: RoutingOutcome = {
    teamId: null,
    priority: basePriority,
    tags: [],
    matchedRuleIds: [],
  };
  for (const rule of rules) {
    if (!ruleMatches(rule.conditions, m)) continue;
    out.matchedRuleIds.push(rule.id);
    if (rule.actions.teamId && !out.teamId) out.teamId = rule.actions.teamId;
    if (rule.actions.priority !== undefined)
      out.priority = Math.max(out.priority, rule.actions.priority);
    for (const t of rule.actions.tags ?? []) if (!out.tags.includes(t)) out.tags.push(t);
    if (rule.stop) break;
  }
  return out;
}

export interface AgentState {
  id: string;
  online: boolean;
  /** On shift now by their schedule (see opening-hours isOpenAt). */
  onShift: boolean;
  capacity: number;
  /** Open conversations assigned now. */
  load: number;
  skills: string[];
  /** Epoch ms of the last assignment; breaks ties towards who waited longest. */
  lastAssignedAt?: number | null;
}

export type RoutingMode = "manual" | "round_robin" | "least_loaded";

export function eligibleAgents(agents: AgentState[], requiredSkills: string[] = []): AgentState[] {
  return agents.filter(
    (a) =>
      a.online &&
      a.onShift &&
      a.load < a.capacity &&
      requiredSkills.every((s) => a.skills.includes(s)),
  );
}

/**
 * The agent to assign, or null (manual pull, or nobody online, on shift, skilled and
 * under capacity). Round robin goes through agents by id after the last one assigned;
 * least loaded takes the lowest load, then the lowest share of capacity, then who has
 * waited longest.
 */
export function pickAgent(
  agents: AgentState[],
  opts: { mode: RoutingMode; requiredSkills?: string[]; lastAssignedAgentId?: string | null },
): string | null {
  if (opts.mode === "manual") return null;
  const pool = eligibleAgents(agents, opts.requiredSkills);
  if (pool.length === 0) return null;
  if (opts.mode === "round_robin") {
    const ordered = [...pool].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const last = opts.lastAssignedAgentId;
    return (last ? ordered.find((a) => a.id > last) : undefined)?.id ?? ordered[0]!.id;
  }
  return [...pool].sort(
    (a, b) =>
      a.load - b.load ||
      a.load / a.capacity - b.load / b.capacity ||
      (a.lastAssignedAt ?? 0) - (b.lastAssignedAt ?? 0) ||
      (a.id < b.id ? -1 : 1),
  )[0]!.id;
}

/**
 * Queue score (higher first), the console's urgent order:
 *   SLA urgency 0–100: 100 × (1 − time left / target), 100 once breached
 * + routing level × 10 (0 low … 3 urgent: 0–30)
 * + community me-too weight: 5 × log2(1 + me-toos), at most 20
 * + negative sentiment of the customer's latest message: 10
 * + VIP contact: 25.
 * SLA urgency dominates, so a breach outranks everything else; among fresh
 * conversations the level, VIPs and many me-toos come first.
 */
export function priorityScore(input: {
  slaRemainingMs: number | null;
  slaTargetMs: number | null;
  level?: number;
  meToo?: number;
  sentiment?: "positive" | "neutral" | "negative" | null;
  vip?: boolean;
}): number {
  let score = 0;
  if (input.slaRemainingMs !== null && input.slaTargetMs) {
    const left = Math.max(0, input.slaRemainingMs) / input.slaTargetMs;
    score += Math.round(100 * (1 - Math.min(1, left)));
  }
  if (input.level) score += 10 * Math.max(0, Math.min(3, Math.trunc(input.level)));
  if (input.meToo && input.meToo > 0)
    score += Math.min(20, Math.round(5 * Math.log2(1 + input.meToo)));
  if (input.sentiment === "negative") score += 10;
  if (input.vip) score += 25;
  return score;
}
