import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { User } from "../../api/auth.ts";
import { type ConversationSort, consoleApi } from "../../api/console.ts";
import { usePresenceHeartbeat } from "../../api/presence.ts";
import { canUseConsole, useSession } from "../../auth/session.ts";
import { describeError } from "../../components/errors.ts";
import { Guard } from "../../components/Guard.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useI18n, useT } from "../../i18n/index.tsx";
import { ChannelIcon } from "./ChannelIcon.tsx";
import type { ComposerHandle } from "./Composer.tsx";
import { ConversationList } from "./ConversationList.tsx";
import { ConversationPane, type ConversationPatch } from "./ConversationPane.tsx";
import { flatten } from "./list-cache.ts";
import { countsQuery, listQuery } from "./queries.ts";
import { ShortcutsHelp } from "./ShortcutsHelp.tsx";
import { useAgentTime } from "./time.ts";
import { type LiveState, refreshConversations, useConsoleEvents } from "./useConsoleEvents.ts";
import { VIEW_KEYS, VIEW_LABELS, type ViewKey } from "./views.ts";

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
  const sort = search.sort ?? "newest";
  const q = search.q ?? "";
  const openId = search.c;

  const live = useConsoleEvents(me.id);
  usePresenceHeartbeat();
  const time = useAgentTime(locale, me.timeZone);
  const counts = useQuery(countsQuery);
  const params = useMemo(() => ({ view, sort, q }), [view, sort, q]);
  const list = useInfiniteQuery(listQuery(params));
  const items = useMemo(() => flatten(list.data), [list.data]);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [help, setHelp] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const composerRef = useRef<ComposerHandle | null>(null);

  const title = t(VIEW_LABELS[view]);
  const unread = counts.data?.unassigned ?? 0;
  useDocumentTitle(unread ? `(${unread}) ${t("console.title")}` : t("console.title"));

  const go = useCallback(
    (next: Partial<ConsoleSearch>) =>
      void navigate({ search: (old: ConsoleSearch) => ({ ...old, ...next }), replace: true }),
    [navigate],
  );

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
        loading={list.isPending}
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
  return counts[view];
}

function ViewsSidebar({
  view,
  counts,
  live,
  onSelect,
  onHelp,
}: {
  view: ViewKey;
  counts: Record<string, number> | undefined;
  live: LiveState;
  onSelect: (view: ViewKey) => void;
  onHelp: () => void;
}) {
  const t = useT();
  const groups: { title: string; views: ViewKey[] }[] = [
    { title: t("console.views"), views: VIEW_KEYS.filter((v) => !v.startsWith("channel:")) },
    { title: t("console.channels"), views: VIEW_KEYS.filter((v) => v.startsWith("channel:")) },
  ];
  return (
    <nav className="console-sidebar" aria-label={t("console.views")}>
      {groups.map((g) => (
        <div key={g.title} className="view-group">
          <h2 className="sidebar-title">{g.title}</h2>
          <ul className="view-list">
            {g.views.map((v) => (
              <li key={v}>
                <button
                  type="button"
                  className="view-link"
                  aria-current={v === view ? "page" : undefined}
                  onClick={() => onSelect(v)}
                  data-testid={`view-${v}`}
                >
                  <span className="view-name">
                    {v.startsWith("channel:") && <ChannelIcon channel={v.slice(8)} />}
                    {t(VIEW_LABELS[v])}
                  </span>
                  <span className="count" data-testid={`count-${v}`}>
                    {counts?.[v] ?? 0}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="sidebar-foot">
        <span className={`live live-${live}`} role="status" data-testid="live-state">
          <span className="live-dot" aria-hidden="true" />
          {t(`console.live.${live}`)}
        </span>
        <button type="button" className="link-button small" onClick={onHelp}>
          {t("console.shortcuts.open")}
        </button>
      </div>
    </nav>
  );
}
