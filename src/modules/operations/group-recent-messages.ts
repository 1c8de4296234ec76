import { groupNearDuplicates } from "../../lib/near-duplicates.ts";
import type { Services } from "../../server/services.ts";

const HOUR = 3_600_000;

/**
 * Near-identical inbound messages of the last hours, grouped so one agent can answer a
 * whole group with one macro. A preview: nothing is changed.
 */
export async function groupRecentMessages(
  services: Services,
  workspaceId: string,
  opts: { hours: number; threshold: number; limit: number },
  now: Date = new Date(),
) {
  const messages = await services.reports.recentInbound(
    workspaceId,
    new Date(now.getTime() - opts.hours * HOUR),
    opts.limit,
  );
  const byId = new Map(messages.map((m) => [m.id, m]));
  const groups = groupNearDuplicates(messages, { threshold: opts.threshold });
  return {
    messages: messages.length,
    groups: groups
      .map((g) => {
        const rep = byId.get(g.representativeId)!;
        return {
          size: g.ids.length,
          representative: { id: rep.id, text: rep.text, channel: rep.channel },
          minSimilarity: Math.round(g.minSimilarity * 1000) / 1000,
          messages: g.ids.map((id) => {
            const m = byId.get(id)!;
            return {
              id,
              conversationId: m.conversationId,
              channel: m.channel,
              createdAt: m.createdAt.toISOString(),
            };
          }),
        };
      })
      .sort((a, b) => b.size - a.size),
  };
}
