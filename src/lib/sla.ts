import { type Interval, type OpeningSchedule, openPieces } from "./opening-hours/index.ts";

/**
 * SLA clock maths. Targets count business time of a team's schedule (or calendar time
 * without one); time pending on the customer is paused and does not count.
 */
export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface SlaTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export interface SlaPolicy {
  targets: Record<Priority, SlaTarget>;
  /** Share of the target after which the clock warns (default 0.75). */
  warnAtFraction?: number;
}

/** Business-hour targets a social-care team can promise out of the box. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  targets: {
    low: { firstResponseMinutes: 8 * 60, resolutionMinutes: 5 * 8 * 60 },
    normal: { firstResponseMinutes: 2 * 60, resolutionMinutes: 2 * 8 * 60 },
    high: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
    urgent: { firstResponseMinutes: 15, resolutionMinutes: 4 * 60 },
  },
  warnAtFraction: 0.75,
};

type Instant = Date | number;
const ms = (t: Instant) => (typeof t === "number" ? t : t.getTime());

/** A stretch pending on the customer; `to` null while still pending. */
export interface SlaPause {
  from: Instant;
  to?: Instant | null;
}

export type SlaState = "running" | "warning" | "paused" | "breached" | "met";

export interface SlaClock {
  state: SlaState;
  targetMs: number;
  /** Counted (business, unpaused) time so far, up to `stoppedAt` or `now`. */
  elapsedMs: number;
  /** Counted time left; negative once breached. */
  remainingMs: number;
  /** When the target is reached if nothing pauses it; null while paused open-ended. */
  dueAt: Date | null;
  /** When the clock turns to warning; null while paused open-ended. */
  warnAt: Date | null;
}

export interface SlaClockInput {
  /** The team's opening hours; null counts calendar time. */
  schedule: OpeningSchedule | null;
  startedAt: Instant;
  targetMs: number;
  /** When the clock stopped (first response sent, conversation solved). */
  stoppedAt?: Instant | null;
  pauses?: SlaPause[];
  now: Instant;
  warnAtFraction?: number;
}

function mergedPauses(pauses: SlaPause[]): Interval[] {
  const list = pauses
    .map((p) => ({ start: ms(p.from), end: p.to == null ? Number.POSITIVE_INFINITY : ms(p.to) }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const p of list) {
    const last = out[out.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else out.push({ ...p });
  }
  return out;
}

/** The time that counts from `from` on: open pieces of the schedule minus the pauses. */
function* countedPieces(
  schedule: OpeningSchedule | null,
  pauses: Interval[],
  from: number,
): Generator<Interval> {
  const open: Iterable<Interval> = schedule
    ? openPieces(schedule, from)
    : [{ start: from, end: Number.POSITIVE_INFINITY }];
  for (const piece of open) {
    let start = Math.max(piece.start, from);
    for (const p of pauses) {
      if (p.end <= start || p.start >= piece.end) continue;
      if (p.start > start) yield { start, end: p.start };
      start = Math.max(start, p.end);
      if (start >= piece.end) break;
    }
    if (start === Number.POSITIVE_INFINITY) return;
    if (start < piece.end) yield { start, end: piece.end };
  }
}

function countedBetween(
  schedule: OpeningSchedule | null,
  pauses: Interval[],
  from: number,
  to: number,
): number {
  let total = 0;
  if (to <= from) return 0;
  for (const p of countedPieces(schedule, pauses, from)) {
    if (p.start >= to) break;
    total += Math.min(p.end, to) - p.start;
  }
  return total;
}

function instantAfterCounted(
  schedule: OpeningSchedule | null,
  pauses: Interval[],
  from: number,
  amount: number,
): Date | null {
  let left = amount;
  for (const p of countedPieces(schedule, pauses, from)) {
    if (p.end - p.start >= left) return new Date(p.start + left);
    left -= p.end - p.start;
  }
  return null;
}

/** Where one SLA clock stands at `now`. */
export function slaClock(input: SlaClockInput): SlaClock {
  const start = ms(input.startedAt);
  const now = ms(input.now);
  const stop = input.stoppedAt == null ? undefined : ms(input.stoppedAt);
  const pauses = mergedPauses(input.pauses ?? []);
  const warnFraction = input.warnAtFraction ?? 0.75;
  const end = stop ?? now;
  const elapsedMs = countedBetween(input.schedule, pauses, start, end);
  const remainingMs = input.targetMs - elapsedMs;
  const dueAt = instantAfterCounted(input.schedule, pauses, start, input.targetMs);
  const warnAt = instantAfterCounted(
    input.schedule,
    pauses,
    start,
    Math.round(input.targetMs * warnFraction),
  );
  let state: SlaState;
  if (stop !== undefined) state = remainingMs >= 0 ? "met" : "breached";
  else if (remainingMs <= 0) state = "breached";
  else if (pauses.some((p) => p.start <= now && now < p.end)) state = "paused";
  else if (elapsedMs >= input.targetMs * warnFraction) state = "warning";
  else state = "running";
  return { state, targetMs: input.targetMs, elapsedMs, remainingMs, dueAt, warnAt };
}

export interface ConversationSlaInput {
  policy?: SlaPolicy;
  priority: Priority;
  schedule: OpeningSchedule | null;
  createdAt: Instant;
  firstResponseAt?: Instant | null;
  resolvedAt?: Instant | null;
  /** Pending-on-customer stretches; they pause the resolution clock only. */
  pauses?: SlaPause[];
  now: Instant;
}

/** The first-response and resolution clocks of one conversation. */
export function conversationSla(input: ConversationSlaInput): {
  firstResponse: SlaClock;
  resolution: SlaClock;
} {
  const policy = input.policy ?? DEFAULT_SLA_POLICY;
  const target = policy.targets[input.priority];
  const common = {
    schedule: input.schedule,
    startedAt: input.createdAt,
    now: input.now,
    warnAtFraction: policy.warnAtFraction,
  };
  return {
    firstResponse: slaClock({
      ...common,
      targetMs: target.firstResponseMinutes * 60_000,
      stoppedAt: input.firstResponseAt ?? null,
    }),
    resolution: slaClock({
      ...common,
      targetMs: target.resolutionMinutes * 60_000,
      stoppedAt: input.resolvedAt ?? null,
      pauses: input.pauses ?? [],
    }),
  };
}
