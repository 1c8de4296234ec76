import { queryOptions, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { consoleApi, type PresenceEntry, type PresenceState } from "../../api/console.ts";
import { queryKeys } from "./queries.ts";

/** Someone in a conversation, until `expiresAt` (this browser's clock). */
export interface LivePresence {
  userId: string;
  name: string;
  initials: string;
  state: PresenceState;
  expiresAt: number;
}

/** Conversation id → who is there. */
export type PresenceMap = Readonly<Record<string, readonly LivePresence[]>>;

export interface PresenceEvent {
  conversationId: string;
  userId: string;
  name: string;
  initials: string;
  state: PresenceState | "left";
  expiresInMs: number;
}

/** How often an open conversation says "still here"; the server forgets after 30 s. */
export const HEARTBEAT_MS = 10_000;
/** Typing is re-announced at most this often while keys are pressed… */
const TYPING_THROTTLE_MS = 3_000;
/** …and falls back to viewing after this long without a key. */
const TYPING_IDLE_MS = 5_000;

/**
 * The snapshot from the server, then kept current by `presence` events. Expiry is
 * counted on this browser's clock from the remaining time the server sent, so a
 * skewed clock does not make people vanish or linger.
 */
export function fromEntries(entries: readonly PresenceEntry[], now: number): PresenceMap {
  const map: Record<string, LivePresence[]> = {};
  for (const e of entries) applyTo(map, e, now);
  return map;
}

/** The map after one event (pure: the old map is not changed). */
export function applyPresence(map: PresenceMap, event: PresenceEvent, now: number): PresenceMap {
  const next: Record<string, LivePresence[]> = { ...map } as Record<string, LivePresence[]>;
  applyTo(next, event, now);
  return next;
}

function applyTo(
  map: Record<string, LivePresence[]>,
  e: PresenceEvent | PresenceEntry,
  now: number,
) {
  const others = (map[e.conversationId] ?? []).filter((p) => p.userId !== e.userId);
  if (e.state === "left" || e.expiresInMs <= 0) {
    if (others.length) map[e.conversationId] = others;
    else delete map[e.conversationId];
    return;
  }
  map[e.conversationId] = [
    ...others,
    {
      userId: e.userId,
      name: e.name,
      initials: e.initials,
      state: e.state,
      expiresAt: now + e.expiresInMs,
    },
  ].sort((a, b) => a.name.localeCompare(b.name));
}

/** Who else is in a conversation now: not me, not expired; typing first. */
export function othersIn(
  map: PresenceMap | undefined,
  conversationId: string,
  meId: string,
  now: number,
): LivePresence[] {
  return (map?.[conversationId] ?? [])
    .filter((p) => p.userId !== meId && p.expiresAt > now)
    .sort((a, b) => (a.state === b.state ? 0 : a.state === "typing" ? -1 : 1));
}

export const presenceQuery = queryOptions({
  queryKey: queryKeys.presence,
  queryFn: async () => fromEntries(await consoleApi.presence(), Date.now()),
  // Events keep it current; a reconnect refetches everything under ["console"].
  staleTime: Number.POSITIVE_INFINITY,
});

/** The presence map and a clock that ticks, so expired entries disappear on their own. */
export function usePresence(): { map: PresenceMap | undefined; now: number } {
  const { data } = useQuery(presenceQuery);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);
  // A fresh map (an event) also moves the clock, so new entries are never "expired".
  // biome-ignore lint/correctness/useExhaustiveDependencies: data is the trigger
  useEffect(() => setNow(Date.now()), [data]);
  return { map: data, now };
}

/**
 * Announces that this agent views the open conversation (every 10 s while it is open,
 * "left" when it closes) and returns `typing(active)`: the composer calls it with true
 * on each key, and with false once the text is sent or cleared.
 */
export function usePresenceHeartbeat(
  conversationId: string | undefined,
): (active: boolean) => void {
  const state = useRef<PresenceState>("viewing");
  const lastTyping = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const idRef = useRef(conversationId);
  idRef.current = conversationId;

  const send = useCallback((id: string, next: PresenceState | "left") => {
    // Presence is a courtesy: a failed heartbeat must never disturb the agent.
    consoleApi.setPresence(id, next).catch(() => {});
  }, []);

  useEffect(() => {
    if (!conversationId) return;
    state.current = "viewing";
    send(conversationId, "viewing");
    const beat = setInterval(() => send(conversationId, state.current), HEARTBEAT_MS);
    return () => {
      clearInterval(beat);
      clearTimeout(idle.current);
      send(conversationId, "left");
    };
  }, [conversationId, send]);

  return useCallback(
    (active: boolean) => {
      const id = idRef.current;
      if (!id) return;
      if (!active) {
        clearTimeout(idle.current);
        if (state.current === "typing") {
          state.current = "viewing";
          send(id, "viewing");
        }
        return;
      }
      const now = Date.now();
      if (state.current !== "typing" || now - lastTyping.current > TYPING_THROTTLE_MS) {
        state.current = "typing";
        lastTyping.current = now;
        send(id, "typing");
      }
      clearTimeout(idle.current);
      idle.current = setTimeout(() => {
        state.current = "viewing";
        if (idRef.current === id) send(id, "viewing");
      }, TYPING_IDLE_MS);
    },
    [send],
  );
}
