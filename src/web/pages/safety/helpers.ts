import type { AuditFilter } from "../../api/safety.ts";

/** Pure helpers of the trust-and-safety screens (unit-tested). */

export interface AuditForm {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  /** YYYY-MM-DD from the date inputs, in the browser's time zone. */
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FORM: AuditForm = {
  actor: "",
  action: "",
  targetType: "",
  targetId: "",
  from: "",
  to: "",
};

/** Form fields → API filter: days become the instants at which they start and end. */
export function toAuditFilter(form: AuditForm): AuditFilter {
  const dayStart = (day: string, plusDays = 0) => {
    const [y, m, d] = day.split("-").map(Number);
    return new Date(y!, m! - 1, d! + plusDays).toISOString();
  };
  const text = (v: string) => v.trim() || undefined;
  return {
    actor: text(form.actor),
    action: text(form.action),
    targetType: text(form.targetType),
    targetId: text(form.targetId),
    from: form.from ? dayStart(form.from) : undefined,
    // The "to" day is included: up to the start of the next day.
    to: form.to ? dayStart(form.to, 1) : undefined,
  };
}

/** The last `n` months as YYYY-MM, newest first (the server counts in the workspace's zone). */
export function lastMonths(n: number, now = new Date()): string[] {
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
  });
}
