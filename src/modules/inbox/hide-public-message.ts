import { FacebookClient } from "../../channels/facebook/client.ts";
import { PlatformError } from "../../channels/platform-error.ts";
import { XClient } from "../../channels/x/client.ts";
import type { ChannelRow, MessageRow } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import { openJson } from "../../lib/secret-box.ts";
import type { Services } from "../../server/services.ts";
import type { FacebookCredentials, XCredentials } from "../channels/channels.schemas.ts";

/**
 * Hides a customer's public post on its platform at an agent's request: a comment on the
 * Facebook page, or a reply on X (X hides replies only, not posts that start a thread).
 * Hiding twice is harmless; the message is marked hidden once the platform agreed.
 */
export async function hidePublicMessage(
  services: Services,
  channel: ChannelRow | undefined,
  message: MessageRow,
): Promise<void> {
  const hideable =
    message.visibility === "public" &&
    message.direction === "inbound" &&
    !!message.platformId &&
    (channel?.kind === "facebook" || (channel?.kind === "x" && !!message.parentPlatformId));
  if (!channel || !hideable) {
    throw new AppError(
      422,
      "not_hideable",
      "Only customers' public Facebook comments and replies on X can be hidden.",
    );
  }
  if (message.hiddenAt) return;
  try {
    if (channel.kind === "x") {
      const creds = openJson<XCredentials>(services.config.secretKey, channel.credentials);
      const x = new XClient(channel.apiBaseUrl ?? services.config.xApiBaseUrl, creds.accessToken);
      await x.hideReply(message.platformId!);
    } else {
      const creds = openJson<FacebookCredentials>(services.config.secretKey, channel.credentials);
      const fb = new FacebookClient(
        channel.apiBaseUrl ?? services.config.graphApiBaseUrl,
        channel.externalId,
        creds.pageToken,
      );
      await fb.hideComment(message.platformId!);
    }
  } catch (err) {
    throw new AppError(
      502,
      "platform_failed",
      err instanceof PlatformError ? err.message : "The platform did not answer.",
    );
  }
  await services.inbox.markHidden(message.id);
}
