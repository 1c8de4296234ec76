import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { User } from "../../api/auth.ts";
import { type ConversationSort, consoleApi, type SavedViewQuery } from "../../api/console.ts";
import { useOnlineHeartbeat } from "../../api/presence.ts";
import { canUseConsole, useSession } from "../../auth/session.ts";
import { describeError } from "../../components/errors.ts";
import { Guard } from "../../components/Guard.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useI18n } from "../../i18n/index.tsx";
import type { ComposerHandle } from "./Composer.tsx";
import { ConversationList } from "./ConversationList.tsx";
import { ConversationPane, type ConversationPatch } from "./ConversationPane.tsx";
import { flatten } from "./list-cache.ts";
import { usePresence, usePresenceHeartbeat } from "./presence.ts";
import { countsQuery, listQuery, savedViewsQuery, teamsQuery } from "./queries.ts";
import { ShortcutsHelp } from "./ShortcutsHelp.tsx";
import { useAgentTime } from "./time.ts";
import { refreshConversations, useConsoleEvents } from "./useConsoleEvents.ts";
import { ViewsSidebar } from "./ViewsSidebar.tsx";
import { isBuiltinView, resolveView, type ViewFilter, type ViewKey, viewTitle } from "./views.ts";

export interface ConsoleSearch {
  view?: ViewKey;
  sort?: ConversationSort;
  q?: string;
  c?: string;
}

export function ConsolePage() {
  return (
    <Guard allow={canUseConsole}>
      <ConsoleGate />
    </Guard>
  );
}

function ConsoleGate() {
  const user = useSession()?.user;
  return user ? <Console me={user} /> : null;
}

/** Keys typed into fields are text, not shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

function Console({ me }: { me: User }) {
  const { t, locale } = useI18n();
  const search = useSearch({ from: "/console" });
  const navigate = useNavigate({ from: "/console" });
  const queryClient = useQueryClient();
  const view = search.view ?? "mine";
  const q = search.q ?? "";
  const openId = search.c;

  const live = useConsoleEvents(me.id);
  useOnlineHeartbeat();
  const time = useAgentTime(locale, me.timeZone);
  const counts = useQuery(countsQuery);
  const teams = useQuery(teamsQuery);
  const saved = useQuery(savedViewsQuery);
  const resolved = resolveView(view, saved.data);
  // A saved view's filter object changes identity on every refetch; its content is the key.
  const filterJson = JSON.stringify(resolved ?? null);
  const filter = useMemo(() => JSON.parse(filterJson) as ViewFilter | null, [filterJson]);
  const sort = search.sort ?? filter?.sort ?? "newest";
  const params = useMemo(() => ({ view, filter: filter ?? {}, sort, q }), [view, filter, sort, q]);
  const list = useInfiniteQuery({ ...listQuery(params), enabled: filter !== null });
  const presence = usePresence();
  const onTyping = usePresenceHeartbeat(openId);
  const items = useMemo(() => flatten(list.data), [list.data]);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [help, setHelp] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const composerRef = useRef<ComposerHandle | null>(null);

  const title = viewTitle(view, t, teams.data, saved.data);
  const unread = counts.data?.unassigned ?? 0;
  useDocumentTitle(unread ? `(${unread}) ${t("console.title")}` : t("console.title"));

  const go = useCallback(
    (next: Partial<ConsoleSearch>) =>
      void navigate({ search: (old: ConsoleSearch) => ({ ...old, ...next }), replace: true }),
    [navigate],
  );

  // A saved view that was deleted (or a team link from elsewhere) falls back to Mine.
  const missing =
    (view.startsWith("view:") && saved.isSuccess && !resolved) ||
    (view.startsWith("team:") &&
      teams.isSuccess &&
      !teams.data.some((x) => `team:${x.id}` === view));
  useEffect(() => {
    if (missing) go({ view: undefined });
  }, [missing, go]);

  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ConversationPatch }) =>
      consoleApi.update(id, patch),
    onSuccess: (_data, { id }) => refreshConversations(queryClient, [id], me.id),
  });
  const onUpdate = useCallback(
    (id: string, patch: ConversationPatch) => update.mutate({ id, patch }),
    [update.mutate],
  );

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Keyboard: j/k move, r reply, n note, e solve, a assign to me, / search, ? help.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const index = openId ? items.findIndex((i) => i.id === openId) : -1;
      const move = (delta: number) => {
        const next = items[Math.min(items.length - 1, Math.max(0, index + delta))];
        if (next) go({ c: next.id });
        if (delta > 0 && index + delta >= items.length - 5) loadMore();
      };
      const handlers: Record<string, () => void> = {
        j: () => move(1),
        k: () => move(-1),
        r: () => composerRef.current?.focus("reply"),
        n: () => composerRef.current?.focus("note"),
        e: () => openId && onUpdate(openId, { status: "solved" }),
        a: () => openId && onUpdate(openId, { assigneeId: me.id }),
        "/": () => searchRef.current?.focus(),
        "?": () => setHelp((v) => !v),
      };
      const handler = handlers[e.key];
      if (handler) {
        e.preventDefault();
        handler();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [items, openId, go, onUpdate, me.id, loadMore]);

  return (
    <div className="console" data-testid="console-shell">
      <h1 className="visually-hidden">{t("console.title")}</h1>
      <ViewsSidebar
        view={view}
        counts={counts.data}
        teams={teams.data}
        saved={saved.data}
        current={currentQuery(filter ?? {}, sort, q)}
        live={live}
        onSelect={(v) => {
          setSelected(new Set());
          go({ view: v });
        }}
        onHelp={() => setHelp(true)}
      />
      <ConversationList
        key={`${view}|${q}`}
        items={items}
        total={viewCount(view, counts.data)}
        title={title}
        loading={list.isPending || filter === null}
        failed={list.isError}
        onRetry={() => void list.refetch()}
        hasMore={Boolean(hasNextPage)}
        loadMore={loadMore}
        openId={openId}
        onOpen={(id) => go({ c: id })}
        sort={sort}
        onSort={(s) => go({ sort: s })}
        q={q}
        onSearch={(value) => go({ q: value || undefined })}
        searchRef={searchRef}
        selected={selected}
        onSelect={setSelected}
        meId={me.id}
        time={time}
        presence={presence}
      />
      {openId ? (
        <ConversationPane
          id={openId}
          me={me}
          time={time}
          onUpdate={onUpdate}
          updating={update.isPending}
          onOpen={(id) => go({ c: id })}
          composerRef={composerRef}
          presence={presence}
          onTyping={onTyping}
        />
      ) : (
        <section className="console-pane pane-state">
          <div className="empty-state">
            <svg aria-hidden="true" viewBox="0 0 48 48" width="48" height="48">
              <path
                d="M8 12h32v20H22l-8 7v-7H8z"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinejoin="round"
              />
            </svg>
            <h2>{t("console.pane.emptyTitle")}</h2>
            <p className="muted small">{t("console.pane.emptyBody")}</p>
          </div>
        </section>
      )}
      {update.error && (
        <p className="console-toast" role="alert">
          {describeError(t, update.error)}
        </p>
      )}
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

function viewCount(view: ViewKey, counts: Record<string, number> | undefined) {
  if (!counts) return undefined;
  return counts[view] ?? (isBuiltinView(view) ? undefined : 0);
}

/** The list on screen as a saved view's query: its filter, the search and the order. */
function currentQuery(filter: ViewFilter, sort: ConversationSort, q: string): SavedViewQuery {
  const query: SavedViewQuery = {
    status: filter.status as SavedViewQuery["status"],
    channel: filter.channel,
    assignee: filter.assignee,
    team: filter.team,
    tag: filter.tag,
    q: q || filter.q,
    sort,
  };
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== ""),
  ) as SavedViewQuery;
}
