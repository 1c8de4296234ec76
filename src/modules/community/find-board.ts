import type { BoardRow } from "../../db/schema/index.ts";
import type { Services } from "../../server/services.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A board of the workspace by slug or id. */
export async function findBoard(
  services: Services,
  workspaceId: string,
  slugOrId: string,
): Promise<BoardRow | undefined> {
  if (UUID.test(slugOrId)) {
    const board = await services.community.posts.findBoardById(slugOrId);
    return board?.workspaceId === workspaceId ? board : undefined;
  }
  return services.community.posts.findBoardBySlug(workspaceId, slugOrId);
}
