import type { UserRow } from "../../../db/schema/index.ts";
import { conflict } from "../../../lib/errors.ts";
import type { Services } from "../../../server/services.ts";
import { boardPath, questionPath, tagPath } from "../community.presenter.ts";
import { ideaPath } from "../ideas/ideas.presenter.ts";
import { relinkMentions } from "../render-post.ts";
import type {
  TFollowedItem,
  TNotificationSettings,
  TUpdateNotificationSettingsRequest,
} from "./notifications.schemas.ts";

const present = (
  services: Services,
  row: { handle: string; email: TNotificationSettings["email"] },
): TNotificationSettings => ({
  handle: row.handle,
  email: row.email,
  digestHour: services.config.digestHour,
});

/**
 * The person's community settings, created with a handle on first use; older posts that
 * already mention that handle then link to them.
 */
export async function ensureMemberSettings(
  services: Services,
  user: Pick<UserRow, "id" | "workspaceId" | "name">,
) {
  const found = await services.community.follows.findSettings(user.id);
  if (found) return found;
  const row = await services.community.follows.ensureSettings(user);
  await relinkMentions(services, user.workspaceId, [row.handle]);
  return row;
}

export async function getNotificationSettings(
  services: Services,
  user: UserRow,
): Promise<TNotificationSettings> {
  return present(services, await ensureMemberSettings(services, user));
}

/** Changes the handle (409 `handle_taken` when someone has it) and the e-mail frequency. */
export async function updateNotificationSettings(
  services: Services,
  user: UserRow,
  input: TUpdateNotificationSettingsRequest,
): Promise<TNotificationSettings> {
  const before = await ensureMemberSettings(services, user);
  let row: Awaited<ReturnType<typeof ensureMemberSettings>> | undefined;
  try {
    row = await services.community.follows.updateSettings(user.id, input);
  } catch (err) {
    const code =
      (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code === "23505") throw conflict("handle_taken", "Someone else has this handle.");
    throw err;
  }
  // Posts mentioning the old handle lose their link, those mentioning the new one gain it.
  if (row!.handle.toLowerCase() !== before.handle.toLowerCase()) {
    await relinkMentions(services, user.workspaceId, [before.handle, row!.handle]);
  }
  return present(services, row!);
}

/** Everything the person follows, with links. */
export async function listFollowed(services: Services, user: UserRow): Promise<TFollowedItem[]> {
  const rows = await services.community.follows.listFollowed(user.id);
  return rows.map((r) => ({
    type: r.type,
    id: r.id,
    name: r.name,
    url:
      r.type === "board"
        ? boardPath({ slug: r.slug! })
        : r.type === "tag"
          ? tagPath(r.id)
          : r.type === "idea"
            ? ideaPath({ number: r.number!, title: r.name })
            : questionPath({ number: r.number!, title: r.name }),
    since: r.createdAt.toISOString(),
  }));
}

/** Turns notification e-mails off (the unsubscribe link); in-app notices go on. */
export async function unsubscribeFromEmail(services: Services, userId: string): Promise<boolean> {
  const user = await services.accounts.findUserById(userId);
  if (!user) return false;
  await ensureMemberSettings(services, user);
  await services.community.follows.updateSettings(user.id, { email: "off" });
  return true;
}
