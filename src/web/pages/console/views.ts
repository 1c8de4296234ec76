import type { ConversationItem, ConversationSort, ListQuery } from "../../api/console.ts";
import type { MessageKey } from "../../i18n/index.tsx";

/** The console's views: what each lists, how it is counted, and how it is labelled. */

export const VIEW_KEYS = [
  "mine",
  "unassigned",
  "open",
  "pending",
  "solved",
  "channel:x",
  "channel:facebook",
] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];

export const isViewKey = (v: unknown): v is ViewKey =>
  typeof v === "string" && (VIEW_KEYS as readonly string[]).includes(v);

interface ViewFilter {
  status: string[];
  assignee?: "me" | "none";
  channel?: string;
}

const OPEN = ["new", "open"];

const FILTERS: Record<ViewKey, ViewFilter> = {
  mine: { status: OPEN, assignee: "me" },
  unassigned: { status: OPEN, assignee: "none" },
  open: { status: OPEN },
  pending: { status: ["pending"] },
  solved: { status: ["solved"] },
  "channel:x": { status: OPEN, channel: "x" },
  "channel:facebook": { status: OPEN, channel: "facebook" },
};

export const VIEW_LABELS: Record<ViewKey, MessageKey> = {
  mine: "console.view.mine",
  unassigned: "console.view.unassigned",
  open: "console.view.open",
  pending: "console.view.pending",
  solved: "console.view.solved",
  "channel:x": "console.channel.x",
  "channel:facebook": "console.channel.facebook",
};

export function viewQuery(view: ViewKey, sort: ConversationSort, q: string): ListQuery {
  const f = FILTERS[view];
  return {
    status: f.status.join(","),
    assignee: f.assignee,
    channel: f.channel,
    sort,
    q: q || undefined,
  };
}

/** Whether a conversation belongs in a view (for patching lists from realtime events). */
export function matchesView(item: ConversationItem, view: ViewKey, meId: string): boolean {
  const f = FILTERS[view];
  if (!f.status.includes(item.status)) return false;
  if (f.assignee === "me" && item.assigneeId !== meId) return false;
  if (f.assignee === "none" && item.assigneeId !== null) return false;
  if (f.channel && item.channel !== f.channel) return false;
  return true;
}

/** The list order the server uses, as a comparator (negative: `a` comes first). */
export function compareItems(sort: ConversationSort) {
  return (a: ConversationItem, b: ConversationItem): number => {
    if (sort === "urgent") {
      if (a.priority !== b.priority) return b.priority - a.priority;
      const at = Date.parse(a.lastMessageAt) - Date.parse(b.lastMessageAt);
      return at !== 0 ? at : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    }
    const at = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
    return at !== 0 ? at : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  };
}
