import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { type ConversationSort, consoleApi } from "../../api/console.ts";
import { type ViewFilter, type ViewKey, viewQuery } from "./views.ts";

export const PAGE_SIZE = 100;

export interface ListParams {
  view: ViewKey;
  /** Part of the key, so an edited saved view is a new list. */
  filter: ViewFilter;
  sort: ConversationSort;
  q: string;
}
export type ListKey = readonly ["console", "conversations", ListParams];

export const listKeyPrefix = ["console", "conversations"] as const;

export const queryKeys = {
  counts: ["console", "counts"] as const,
  conversation: (id: string) => ["console", "conversation", id] as const,
  list: (params: ListParams): ListKey => ["console", "conversations", params],
  agents: ["console", "agents"] as const,
  macros: ["console", "macros"] as const,
  presence: ["console", "presence"] as const,
  teams: ["console", "teams"] as const,
  views: ["console", "views"] as const,
};

export const teamsQuery = queryOptions({
  queryKey: queryKeys.teams,
  queryFn: consoleApi.teams,
  staleTime: 5 * 60_000,
});

export const savedViewsQuery = queryOptions({
  queryKey: queryKeys.views,
  queryFn: consoleApi.views,
  staleTime: 5 * 60_000,
});

export const countsQuery = queryOptions({
  queryKey: queryKeys.counts,
  queryFn: consoleApi.counts,
  staleTime: 30_000,
});

export const agentsQuery = queryOptions({
  queryKey: queryKeys.agents,
  queryFn: consoleApi.agents,
  staleTime: 5 * 60_000,
});

export const macrosQuery = queryOptions({
  queryKey: queryKeys.macros,
  queryFn: consoleApi.macros,
  staleTime: 60_000,
});

export const conversationQuery = (id: string) =>
  queryOptions({
    queryKey: queryKeys.conversation(id),
    queryFn: ({ signal }) => consoleApi.get(id, signal),
    staleTime: 30_000,
  });

export const listQuery = (params: ListParams) =>
  infiniteQueryOptions({
    queryKey: queryKeys.list(params),
    queryFn: ({ pageParam, signal }) =>
      consoleApi.list(
        {
          ...viewQuery(params.filter, params.sort, params.q),
          cursor: pageParam ?? undefined,
          limit: PAGE_SIZE,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Realtime events keep lists current; refetching thousands of rows is never needed.
    staleTime: Number.POSITIVE_INFINITY,
  });
