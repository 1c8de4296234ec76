import { api } from "./client.ts";

/** The agents' inbox API, typed for the console. */

export type ConversationStatus = "new" | "open" | "pending" | "solved" | "closed";
export type ChannelKind = "x" | "facebook" | "community" | "email";
export type ConversationSort = "newest" | "urgent";

export interface ConversationItem {
  id: string;
  channel: ChannelKind | string;
  channelId: string;
  status: ConversationStatus;
  visibility: "public" | "private" | string;
  assigneeId: string | null;
  teamId: string | null;
  priority: number;
  tags: string[];
  contact: { id: string; name: string; avatarUrl: string | null; impostor: boolean };
  lastMessage: { text: string; direction: string; createdAt: string; deleted: boolean } | null;
  messageCount: number;
  lastMessageAt: string;
}

export interface ConversationPage {
  items: ConversationItem[];
  nextCursor: string | null;
}

export type DeliveryStatus = "queued" | "sending" | "sent" | "failed";

export interface Message {
  id: string;
  platformId: string | null;
  parentPlatformId: string | null;
  direction: "inbound" | "outbound" | "note";
  visibility: "public" | "private" | "internal";
  text: string;
  /** Personal data is masked in `text`; `reveal` shows it to permitted roles (audited). */
  masked: boolean;
  personalDataTypes: string[];
  language: string | null;
  sentiment: "positive" | "neutral" | "negative" | null;
  praise: boolean;
  author: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: boolean;
  favoriteCount: number;
  delivery: { status: DeliveryStatus; error: string | null; attempts: number } | null;
}

export interface ConversationDetail extends ConversationItem {
  messages: Message[];
  contactDetail: {
    id: string;
    name: string;
    avatarUrl: string | null;
    tags: string[];
    notes: string | null;
    identities: {
      channel: string;
      platformUserId: string;
      handle: string | null;
      displayName: string | null;
    }[];
  };
  history: {
    id: string;
    status: ConversationStatus;
    channel: string;
    lastMessageAt: string;
    messageCount: number;
  }[];
}

export type Counts = Record<string, number>;

export interface AgentSummary {
  id: string;
  name: string;
  role: "agent" | "moderator" | "admin";
  initials: string;
  signature: string;
}

export interface MacroActions {
  status?: "open" | "pending" | "solved";
  addTags?: string[];
}

export interface Macro {
  id: string;
  title: string;
  body: string;
  scope: "personal" | "shared";
  actions: MacroActions;
  ownerId: string | null;
  ownerName: string | null;
  editable: boolean;
  updatedAt: string;
}

export interface ListQuery {
  status?: string;
  assignee?: string;
  channel?: string;
  team?: string;
  tag?: string;
  q?: string;
  sort?: ConversationSort;
  ids?: string;
  cursor?: string;
  limit?: number;
}

export type BulkAction =
  | { type: "assign"; assigneeId: string | null }
  | { type: "tag"; tag: string }
  | { type: "untag"; tag: string }
  | { type: "status"; status: ConversationStatus }
  | { type: "solve" };

export interface BulkResult {
  results: { id: string; ok: boolean; error?: { code: string; message: string } }[];
  updated: number;
}

const base = "/api/v1/conversations";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export interface ContactPatch {
  name?: string;
  tags?: string[];
  notes?: string | null;
}

export const consoleApi = {
  updateContact: (id: string, patch: ContactPatch) =>
    api.patch<{ id: string; tags: string[]; notes: string | null }>(
      `/api/v1/contacts/${id}`,
      patch,
    ),
  list: (query: ListQuery, signal?: AbortSignal) =>
    api.get<ConversationPage>(base, { query: { ...query }, signal }),
  counts: () => api.get<Counts>(`${base}/counts`),
  get: (id: string, signal?: AbortSignal) => api.get<ConversationDetail>(one(id), { signal }),
  reply: (
    id: string,
    body: {
      text: string;
      visibility?: "public" | "private";
      status?: ConversationStatus;
      signature?: boolean;
      macroId?: string;
      seenMessageId?: string;
      confirm?: boolean;
    },
  ) => api.post<Message>(`${one(id)}/replies`, body),
  note: (id: string, text: string) => api.post<Message>(`${one(id)}/notes`, { text }),
  /** Hides a customer's public post on its platform (Facebook comment, X reply). */
  hide: (id: string, messageId: string) =>
    api.post<Message>(`${one(id)}/messages/${encodeURIComponent(messageId)}/hide`),
  /** The message as written; every reveal is written to the audit log. */
  reveal: (id: string, messageId: string, reason?: string) =>
    api.post<{ id: string; text: string }>(
      `${one(id)}/messages/${encodeURIComponent(messageId)}/reveal`,
      reason ? { reason } : {},
    ),
  update: (
    id: string,
    patch: {
      status?: ConversationStatus;
      assigneeId?: string | null;
      priority?: number;
      tags?: string[];
    },
  ) =>
    api.patch<Pick<ConversationItem, "id" | "status" | "assigneeId" | "priority" | "tags">>(
      one(id),
      patch,
    ),
  bulk: (ids: string[], action: BulkAction) =>
    api.post<BulkResult>(`${base}/bulk`, { ids, action }),
  agents: async () => (await api.get<{ items: AgentSummary[] }>("/api/v1/agents")).items,
  macros: async () => (await api.get<{ items: Macro[] }>("/api/v1/macros")).items,
  createMacro: (body: Omit<Macro, "id" | "ownerId" | "ownerName" | "editable" | "updatedAt">) =>
    api.post<Macro>("/api/v1/macros", body),
  updateMacro: (id: string, body: Partial<Pick<Macro, "title" | "body" | "scope" | "actions">>) =>
    api.patch<Macro>(`/api/v1/macros/${encodeURIComponent(id)}`, body),
  deleteMacro: (id: string) => api.delete(`/api/v1/macros/${encodeURIComponent(id)}`),
  presence: async () => (await api.get<{ items: PresenceEntry[] }>("/api/v1/presence")).items,
  setPresence: (id: string, state: PresenceState | "left") =>
    api.post<{ items: PresenceEntry[] }>(`${one(id)}/presence`, { state }),
  teams: async () => (await api.get<{ items: TeamSummary[] }>("/api/v1/teams")).items,
  views: async () => (await api.get<{ items: SavedView[] }>("/api/v1/views")).items,
  createView: (body: Pick<SavedView, "name" | "scope" | "query">) =>
    api.post<SavedView>("/api/v1/views", body),
  updateView: (id: string, body: Partial<Pick<SavedView, "name" | "scope" | "query">>) =>
    api.patch<SavedView>(`/api/v1/views/${encodeURIComponent(id)}`, body),
  deleteView: (id: string) => api.delete(`/api/v1/views/${encodeURIComponent(id)}`),
};

export type PresenceState = "viewing" | "typing";

export interface PresenceEntry {
  conversationId: string;
  userId: string;
  name: string;
  initials: string;
  state: PresenceState;
  expiresInMs: number;
}

export interface TeamSummary {
  id: string;
  name: string;
}

/** The list query a saved view stands for (the filters of `GET /conversations`). */
export interface SavedViewQuery {
  status?: ConversationStatus[];
  channel?: string;
  assignee?: string;
  team?: string;
  tag?: string;
  q?: string;
  sort?: ConversationSort;
}

export interface SavedView {
  id: string;
  name: string;
  scope: "personal" | "shared";
  query: SavedViewQuery;
  ownerId: string;
  ownerName: string | null;
  editable: boolean;
  updatedAt: string;
}

/** What a 409 `conversation_changed` on a reply says: who answered first. */
export interface ConversationChanged {
  repliedBy: { id: string; name: string }[];
}
