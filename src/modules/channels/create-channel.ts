import type { ChannelRow } from "../../db/schema/index.ts";
import { conflict } from "../../lib/errors.ts";
import { sealJson } from "../../lib/secret-box.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";
import { ChannelExistsError } from "./channels.repository.ts";
import type {
  FacebookCredentials,
  TCreateChannelRequest,
  XCredentials,
} from "./channels.schemas.ts";

/**
 * Connects an X account or a Facebook page; credentials are sealed before storing, and
 * the connection is audited (which account, by whom; never the secrets).
 */
export async function createChannel(
  services: Services,
  workspaceId: string,
  input: TCreateChannelRequest,
  actor: AuditActor = { id: null, label: "system" },
): Promise<ChannelRow> {
  const key = services.config.secretKey;
  const base =
    input.kind === "x"
      ? {
          kind: "x" as const,
          name: input.name ?? `@${input.handle}`,
          handle: input.handle,
          externalId: input.userId,
          credentials: sealJson(key, {
            consumerSecret: input.consumerSecret,
            accessToken: input.accessToken,
          } satisfies XCredentials),
        }
      : {
          kind: "facebook" as const,
          name: input.name ?? `Facebook page ${input.pageId}`,
          handle: null,
          externalId: input.pageId,
          credentials: sealJson(key, {
            appSecret: input.appSecret,
            verifyToken: input.verifyToken,
            pageToken: input.pageToken,
          } satisfies FacebookCredentials),
        };
  try {
    const channel = await services.channels.create({
      workspaceId,
      ...base,
      apiBaseUrl: input.apiBaseUrl ?? null,
    });
    services.channelDirectory.invalidate();
    services.safetySettings.invalidate(workspaceId);
    services.log.info({ channelId: channel.id, kind: channel.kind }, "channel connected");
    await recordAuditEvent(services, actor, {
      workspaceId,
      action: "channel.created",
      targetType: "channel",
      targetId: channel.id,
      data: {
        kind: channel.kind,
        externalId: channel.externalId,
        handle: channel.handle,
        apiBaseUrl: channel.apiBaseUrl,
        credentials:
          input.kind === "x"
            ? ["consumerSecret", "accessToken"]
            : ["appSecret", "verifyToken", "pageToken"],
      },
    });
    return channel;
  } catch (err) {
    if (err instanceof ChannelExistsError) {
      throw conflict(
        "channel_exists",
        `A ${input.kind === "x" ? "X account" : "Facebook page"} with this id is already connected.`,
      );
    }
    throw err;
  }
}
