import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { type ConversationItem, consoleApi } from "../../api/console.ts";
import { type ListData, patchList } from "./list-cache.ts";
import { applyPresence, type PresenceEvent, type PresenceMap } from "./presence.ts";
import { type ListKey, listKeyPrefix, queryKeys } from "./queries.ts";
import { matchesView } from "./views.ts";

export type LiveState = "connecting" | "live" | "reconnecting";

/** At most one refresh per this interval while events stream in… */
const FLUSH_MS = 250;
/** …but a lone event after a quiet spell waits only this long (a burst gathers in it). */
const QUIET_FLUSH_MS = 15;
const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps the console's caches current from the server's event stream. Events are
 * gathered for a moment (at most one refresh per 250 ms), then the named conversations are fetched once (by id) and
 * patched into every loaded list; counts and open threads are refetched. A dropped
 * stream reconnects with backoff and resumes after the last event id it saw (the server
 * replays the gap, or says `reset` and everything is refetched).
 */
export function useConsoleEvents(meId: string): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  const meRef = useRef(meId);
  meRef.current = meId;

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let everOpened = false;
    let stopped = false;
    const pending = new Set<string>();
    let lastFlush = 0;
    // The id of the last event seen: a new stream resumes after it (server replays).
    let lastEventId = "";
    const remember = (event: Event) => {
      const id = (event as MessageEvent).lastEventId;
      if (id) lastEventId = id;
    };

    const flush = () => {
      flushTimer = undefined;
      lastFlush = Date.now();
      const ids = [...pending];
      pending.clear();
      void refreshConversations(queryClient, ids, meRef.current);
    };
    const onEvent = (event: MessageEvent<string>) => {
      remember(event);
      try {
        const data = JSON.parse(event.data) as { conversationId?: string };
        if (data.conversationId) pending.add(data.conversationId);
      } catch {
        return;
      }
      // Throttled, not debounced: the first event after a quiet spell shows at once
      // (webhook-to-screen latency), a storm still costs one request per 250 ms.
      const since = Date.now() - lastFlush;
      flushTimer ??= setTimeout(flush, since >= FLUSH_MS ? QUIET_FLUSH_MS : FLUSH_MS - since);
    };

    const connect = () => {
      if (stopped) return;
      const resuming = lastEventId !== "";
      source = new EventSource(
        resuming
          ? `/api/v1/events?lastEventId=${encodeURIComponent(lastEventId)}`
          : "/api/v1/events",
      );
      source.onopen = () => {
        if (resuming) {
          // The server replays what we missed (or says `reset`); presence is about
          // now, so that is fetched fresh rather than replayed.
          void queryClient.invalidateQueries({ queryKey: queryKeys.presence });
        } else if (everOpened || attempts > 0) {
          // Back after a gap we cannot name: whatever happened is in the server's lists.
          void queryClient.invalidateQueries({ queryKey: ["console"] });
        }
        everOpened = true;
        attempts = 0;
        setState("live");
      };
      for (const type of ["message.created", "message.updated", "conversation.updated"]) {
        source.addEventListener(type, onEvent as EventListener);
      }
      source.addEventListener("reset", () => {
        // Too long away for a replay: refetch everything.
        void queryClient.invalidateQueries({ queryKey: ["console"] });
      });
      source.addEventListener("presence", ((event: MessageEvent<string>) => {
        remember(event);
        try {
          const data = JSON.parse(event.data) as PresenceEvent;
          queryClient.setQueryData<PresenceMap>(queryKeys.presence, (old) =>
            old ? applyPresence(old, data, Date.now()) : old,
          );
        } catch {
          // A malformed event changes nothing.
        }
      }) as EventListener);
      source.addEventListener("channel.disabled", (event) => {
        remember(event);
        void queryClient.invalidateQueries({ queryKey: ["console"] });
      });
      source.onerror = () => {
        // EventSource retries by itself only for some failures; we own the schedule.
        source?.close();
        source = null;
        setState("reconnecting");
        const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts) * (0.75 + Math.random() / 2);
        attempts += 1;
        retry = setTimeout(connect, wait);
      };
    };
    connect();
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(retry);
      clearTimeout(flushTimer);
    };
  }, [queryClient]);

  return state;
}

/** Fetches the named conversations once and patches them into every cached list. */
export async function refreshConversations(
  queryClient: QueryClient,
  ids: string[],
  meId: string,
): Promise<void> {
  if (!ids.length) return;
  for (const id of ids) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(id) });
  }
  // Counts after the rows: the row is what the agent waits for, and on a single
  // database connection (PGlite) the counting would otherwise go first.
  const recount = () => void queryClient.invalidateQueries({ queryKey: queryKeys.counts });
  const lists = queryClient.getQueriesData<ListData>({ queryKey: listKeyPrefix });
  if (!lists.some(([, data]) => data)) return recount();

  const fresh: ConversationItem[] = [];
  try {
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      const page = await consoleApi.list({ ids: chunk.join(","), limit: 200 });
      fresh.push(...page.items);
    }
  } catch {
    void queryClient.invalidateQueries({ queryKey: listKeyPrefix });
    return recount();
  }
  const requested = new Set(ids);
  for (const [key, data] of lists) {
    if (!data) continue;
    const [, , params] = key as ListKey;
    if (params.q || params.filter.q) {
      // Full-text matches are the server's to decide.
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
      continue;
    }
    queryClient.setQueryData<ListData>(key, (old) =>
      old
        ? patchList(
            old,
            requested,
            fresh,
            (item) => matchesView(item, params.filter, meId),
            params.sort,
          )
        : old,
    );
  }
  recount();
}
