import type {
  ConversationItem,
  ConversationSort,
  ListQuery,
  SavedView,
  TeamSummary,
} from "../../api/console.ts";
import type { MessageKey } from "../../i18n/index.tsx";

/**
 * The console's views: the fixed ones, one per team (`team:<id>`) and the saved ones
 * (`view:<id>`). Each stands for a filter; the same keys name their counts.
 */

export const VIEW_KEYS = [
  "mine",
  "unassigned",
  "open",
  "pending",
  "solved",
  "channel:x",
  "channel:facebook",
] as const;
export type BuiltinView = (typeof VIEW_KEYS)[number];
/** A built-in view, `team:<id>` or `view:<saved view id>`. */
export type ViewKey = BuiltinView | `team:${string}` | `view:${string}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isBuiltinView = (v: unknown): v is BuiltinView =>
  typeof v === "string" && (VIEW_KEYS as readonly string[]).includes(v);

export const isViewKey = (v: unknown): v is ViewKey =>
  isBuiltinView(v) || (typeof v === "string" && /^(team|view):/.test(v) && UUID.test(v.slice(5)));

/** What a view lists: the filters of `GET /conversations`; unset means "any". */
export interface ViewFilter {
  status?: string[] | undefined;
  /** `me`, `none` or a user id. */
  assignee?: string | undefined;
  /** A channel kind (`x`) or a channel id. */
  channel?: string | undefined;
  /** A team id or `none`. */
  team?: string | undefined;
  tag?: string | undefined;
  q?: string | undefined;
  sort?: ConversationSort | undefined;
}

const OPEN = ["new", "open"];

const FILTERS: Record<BuiltinView, ViewFilter> = {
  mine: { status: OPEN, assignee: "me" },
  unassigned: { status: OPEN, assignee: "none" },
  open: { status: OPEN },
  pending: { status: ["pending"] },
  solved: { status: ["solved"] },
  "channel:x": { status: OPEN, channel: "x" },
  "channel:facebook": { status: OPEN, channel: "facebook" },
};

export const VIEW_LABELS: Record<BuiltinView, MessageKey> = {
  mine: "console.view.mine",
  unassigned: "console.view.unassigned",
  open: "console.view.open",
  pending: "console.view.pending",
  solved: "console.view.solved",
  "channel:x": "console.channel.x",
  "channel:facebook": "console.channel.facebook",
};

/**
 * The filter behind a view key; undefined while a saved view is not loaded yet, or
 * when it no longer exists.
 */
export function resolveView(key: ViewKey, saved?: readonly SavedView[]): ViewFilter | undefined {
  if (isBuiltinView(key)) return FILTERS[key];
  const id = key.slice(5);
  // A team's view is its open work, like "All open" for one team.
  if (key.startsWith("team:")) return { status: OPEN, team: id };
  const view = saved?.find((v) => v.id === id);
  return view ? { ...view.query } : undefined;
}

/** A view's name for the list heading. */
export function viewTitle(
  key: ViewKey,
  t: (key: MessageKey) => string,
  teams?: readonly TeamSummary[],
  saved?: readonly SavedView[],
): string {
  if (isBuiltinView(key)) return t(VIEW_LABELS[key]);
  const id = key.slice(5);
  if (key.startsWith("team:")) return teams?.find((x) => x.id === id)?.name ?? t("console.team");
  return saved?.find((v) => v.id === id)?.name ?? t("console.saved.title");
}

/** The list request for a view; a search typed in the console replaces the view's own. */
export function viewQuery(filter: ViewFilter, sort: ConversationSort, q: string): ListQuery {
  return {
    status: filter.status?.join(","),
    assignee: filter.assignee,
    channel: filter.channel,
    team: filter.team,
    tag: filter.tag,
    sort,
    q: q || filter.q || undefined,
  };
}

/**
 * Whether a conversation belongs in a view (for patching lists from realtime events).
 * Text search (`q`) is the server's to decide; callers refetch those lists instead.
 */
export function matchesView(item: ConversationItem, f: ViewFilter, meId: string): boolean {
  if (f.status?.length && !f.status.includes(item.status)) return false;
  if (f.assignee === "me" && item.assigneeId !== meId) return false;
  else if (f.assignee === "none" && item.assigneeId !== null) return false;
  else if (
    f.assignee &&
    f.assignee !== "me" &&
    f.assignee !== "none" &&
    item.assigneeId !== f.assignee
  )
    return false;
  if (f.channel && item.channel !== f.channel && item.channelId !== f.channel) return false;
  if (f.team === "none" && item.teamId !== null) return false;
  else if (f.team && f.team !== "none" && item.teamId !== f.team) return false;
  if (f.tag && !item.tags.includes(f.tag)) return false;
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
