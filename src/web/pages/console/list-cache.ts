import type { InfiniteData } from "@tanstack/react-query";
import type { ConversationItem, ConversationPage, ConversationSort } from "../../api/console.ts";
import { compareItems } from "./views.ts";

export type ListData = InfiniteData<ConversationPage, unknown>;

/**
 * Patches a loaded (paged) conversation list with fresh copies of some conversations,
 * instead of refetching every page: each named conversation is taken out, and put back
 * at its place in the order if it still belongs to the view. A conversation whose place
 * is below everything loaded so far is left for the next page to bring.
 */
export function patchList(
  data: ListData,
  requestedIds: ReadonlySet<string>,
  fresh: readonly ConversationItem[],
  belongs: (item: ConversationItem) => boolean,
  sort: ConversationSort,
): ListData {
  const compare = compareItems(sort);
  const pages = data.pages.map((p) => ({
    ...p,
    items: p.items.filter((i) => !requestedIds.has(i.id)),
  }));
  const morePages = Boolean(pages.at(-1)?.nextCursor);
  for (const item of fresh) {
    if (!belongs(item)) continue;
    let placed = false;
    for (const page of pages) {
      const at = page.items.findIndex((existing) => compare(item, existing) < 0);
      if (at >= 0) {
        page.items.splice(at, 0, item);
        placed = true;
        break;
      }
    }
    if (!placed && !morePages) {
      const last = pages.at(-1);
      if (last) last.items.push(item);
    }
  }
  return { ...data, pages };
}

/** Every item of a paged list, in order. */
export function flatten(data: ListData | undefined): ConversationItem[] {
  return data ? data.pages.flatMap((p) => p.items) : [];
}
