import type { ChannelRow } from "../../db/schema/index.ts";

/** Channels leave the server without their credentials, always. */
export function presentChannel(c: ChannelRow) {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    handle: c.handle,
    externalId: c.externalId,
    apiBaseUrl: c.apiBaseUrl,
    status: c.status,
    disabledReason: c.disabledReason,
    createdAt: c.createdAt.toISOString(),
  };
}
