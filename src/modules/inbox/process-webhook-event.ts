import { type FacebookPayload, parseFacebookPayload } from "../../channels/facebook/parse.ts";
import type { IngestOp, MessageOp, ParsedDelivery } from "../../channels/ingest-ops.ts";
import { parseXPayload, type XPayload } from "../../channels/x/parse.ts";
import type { ChannelRow, WebhookEventRow } from "../../db/schema/index.ts";
import type { Services } from "../../server/services.ts";
import { applyServiceLevels } from "../operations/apply-service-levels.ts";
import { refreshQueueScores } from "../operations/refresh-queue-scores.ts";
import {
  applySafetyEffects,
  needsSafetyEffects,
  type SafetyEffect,
} from "../safety/apply-safety-effects.ts";
import {
  enrichMessage,
  findImpostors,
  type IngestSafety,
  prepareIngestSafety,
} from "../safety/enrich-message.ts";
import { applyMessagesInBulk } from "./apply-messages-in-bulk.ts";
import type { Tx } from "./ingest.repository.ts";
import type { PreparedBatch } from "./prepare-ingest-batch.ts";

/** What changed, for the realtime feed of consoles; published after the commit. */
export interface InboxChange {
  workspaceId: string;
  type: "message.created" | "message.updated" | "conversation.updated" | "channel.disabled";
  conversationId?: string;
  messageId?: string;
  channelId?: string;
}

export interface ProcessResult {
  changes: InboxChange[];
  /** Channels revoked by this event: admins are told after the commit. */
  revoked: ChannelRow[];
  ignored: number;
  /** Messages and actions hilft queued itself (personal-data policy), sent after commit. */
  queued: number;
}

export function deliveriesOf(
  event: Pick<WebhookEventRow, "platform" | "payload">,
): ParsedDelivery[] {
  if (event.platform === "x") {
    const parsed = parseXPayload(event.payload as XPayload);
    return parsed ? [parsed] : [];
  }
  if (event.platform === "facebook") return parseFacebookPayload(event.payload as FacebookPayload);
  return [];
}

/** A batch failed and was rolled back; its events were not changed. */
export class BatchFailedError extends Error {
  constructor(
    readonly eventIds: number[],
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** An event to apply: its body, or its deliveries parsed before it was claimed. */
type Taken = Pick<WebhookEventRow, "id" | "platform"> & {
  payload: unknown;
  deliveries?: ParsedDelivery[] | undefined;
};

/**
 * Claims up to `limit` due deliveries and applies them in one transaction, in order of
 * arrival: idempotent by platform id, so a retry after a crash or a platform's redelivery
 * changes nothing twice. The events are marked done and the realtime notices sent in the
 * same transaction, so consoles hear of exactly what was committed. On failure nothing
 * is kept and `BatchFailedError` names the events.
 *
 * `prepared` is the next batch as read and analysed ahead (see prepareIngestBatch): its
 * events come back from the claim without their bodies. `onClaimed` hears the last
 * claimed id as soon as the claim is made, so the caller can read ahead while this batch
 * is being written.
 */
export async function processDueEvents(
  services: Services,
  opts: {
    limit: number;
    bulk: boolean;
    prepared?: PreparedBatch | undefined;
    onClaimed?: (lastId: number) => void;
  },
): Promise<{ count: number; result: ProcessResult }> {
  let claimed: number[] = [];
  const timer = services.ingestTimings;
  const prepared = opts.prepared;
  const result = await inTransaction(
    services,
    opts.bulk,
    async (tx) => {
      const events = await timer.measure("claim", () =>
        services.ingest.claimEvents(
          tx,
          opts.limit,
          prepared ? [...prepared.deliveries.keys()] : [],
        ),
      );
      claimed = events.map((e) => e.id);
      if (claimed.length) opts.onClaimed?.(claimed[claimed.length - 1]!);
      return {
        claimed: true,
        events: events.map((e) => ({
          id: e.id,
          platform: e.platform,
          payload: e.payload,
          deliveries: e.payload === undefined ? prepared?.deliveries.get(e.id) : undefined,
        })),
      };
    },
    prepared,
  ).catch((err: unknown) => {
    throw new BatchFailedError(claimed, err);
  });
  return { count: claimed.length, result };
}

/** Applies the given deliveries in one transaction (tests, and the same rules as above). */
export function processWebhookEvents(
  services: Services,
  events: Pick<WebhookEventRow, "id" | "platform" | "payload">[],
  opts: { bulk?: boolean } = {},
): Promise<ProcessResult> {
  return inTransaction(services, opts.bulk ?? true, async () => ({ claimed: false, events }));
}

async function inTransaction(
  services: Services,
  bulk: boolean,
  take: (tx: Tx) => Promise<{ claimed: boolean; events: Taken[] }>,
  prepared?: PreparedBatch,
): Promise<ProcessResult> {
  const repo = services.ingest;
  const timer = services.ingestTimings;
  const result: ProcessResult = { changes: [], revoked: [], ignored: 0, queued: 0 };
  const identities = new Map<string, { contactId: string; identityId: string }>();
  let facebook = false;
  let messages = 0;
  // Settings and models are read before the transaction: PGlite has one connection, and
  // a query outside the transaction would wait for it to end.
  const safety = await timer.measure("prepare", async () =>
    prepareIngestSafety(services, await services.channels.listWorkspaceIds()),
  );
  if (prepared) safety.ahead = prepared.ahead;
  const stopTransaction = timer.start("transaction");
  let stopCommit: (() => void) | undefined;
  await repo.transaction(async (tx) => {
    const { claimed, events } = await take(tx);
    if (!events.length) return;
    const stopParse = timer.start("parse");
    const work: { channel: ChannelRow; ops: IngestOp[] }[] = [];
    for (const event of events) {
      // Deliveries parsed ahead were parsed from the same body; either way, in claim order.
      for (const delivery of event.deliveries ?? deliveriesOf(event)) {
        result.ignored += delivery.ignored;
        // Through the transaction, for the same reason.
        const channel = await services.channelDirectory.findChannel(
          event.platform,
          delivery.accountId,
          (kind, id) => repo.findChannel(tx, kind, id),
        );
        if (channel) work.push({ channel, ops: delivery.ops });
        if (channel?.kind === "facebook") facebook = true;
        else result.ignored += delivery.ops.length;
      }
    }
    stopParse();
    if (bulk) {
      // New messages go in bulk; anything else (edits, deletes…) in order between them.
      let segment: { channel: ChannelRow; op: MessageOp }[] = [];
      const flush = async () => {
        if (!segment.length) return;
        messages += segment.length;
        const applied = await applyMessagesInBulk(services, tx, segment, safety);
        result.changes.push(...applied.changes);
        result.ignored += applied.ignored;
        result.queued += applied.queued;
        segment = [];
      };
      for (const { channel, ops } of work) {
        for (const op of ops) {
          if (op.op === "message") segment.push({ channel, op });
          else {
            await flush();
            await timer.measure("other ops", () =>
              applyOp(services, tx, safety, channel, op, result, identities),
            );
          }
        }
      }
      await flush();
    } else {
      for (const { channel, ops } of work) {
        for (const op of ops) await applyOp(services, tx, safety, channel, op, result, identities);
      }
    }
    await timer.measure("routing+sla", () => applyServiceLevels(services, tx, result));
    if (!claimed)
      await repo.markEventsDone(
        tx,
        events.map((e) => e.id),
      );
    await timer.measure("notify", () =>
      services.realtime.publishWithin(
        tx,
        result.changes.map((c) => ({ ...c })),
      ),
    );
    // The commit's own time: from here to the end of the transaction.
    stopCommit = timer.start("commit");
  });
  stopCommit?.();
  stopTransaction();
  // New and reopened conversations take their place in the urgent order at once.
  const touched = new Set(
    result.changes.flatMap((c) =>
      c.type === "message.created" && c.conversationId ? [c.conversationId] : [],
    ),
  );
  if (touched.size)
    await timer.measure("queue scores", () => refreshQueueScores(services, [...touched]));
  timer.batchDone(messages);
  if (result.revoked.length) services.channelDirectory.invalidate();
  if (result.queued) services.signals.emit("outbound-queued");
  // Messenger contacts arrive nameless; their profiles are looked up next.
  if (facebook) services.signals.emit("contacts-created");
  return result;
}

type IdentityCache = Map<string, { contactId: string; identityId: string }>;

async function applyOp(
  services: Services,
  tx: Tx,
  safety: IngestSafety,
  channel: ChannelRow,
  op: IngestOp,
  result: ProcessResult,
  identities: IdentityCache,
): Promise<void> {
  const repo = services.ingest;
  const workspaceId = channel.workspaceId;
  switch (op.op) {
    case "message": {
      // Stored while the channel was connected: kept, even if it was disconnected since.
      const applied = await applyMessage(services, tx, safety, channel, op, identities);
      if (applied) {
        result.changes.push(...applied.changes);
        result.queued += applied.queued;
      } else result.ignored++;
      return;
    }
    case "edit": {
      const message = await repo.findMessage(tx, channel.id, op.platformId);
      if (!message || message.deletedAt) {
        result.ignored++;
        return;
      }
      if (message.text === op.text) return;
      const inbound = message.direction === "inbound";
      const shape = {
        text: op.text,
        direction: inbound ? ("inbound" as const) : ("outbound" as const),
        visibility: message.visibility === "public" ? ("public" as const) : ("private" as const),
      };
      const enrichment = enrichMessage(safety, channel, shape, false);
      await repo.editMessage(tx, message, op.text, op.editedAt, enrichment);
      if (enrichment.personalData.length && !message.personalData.length && message.platformId) {
        // Personal data added by an edit is handled as if it had been there from the start
        // (X's DM needs the author's id, which an edit does not carry; Facebook needs none).
        const effects = await applySafetyEffects(services, tx, safety, [
          {
            channel,
            op: { ...shape, platformId: message.platformId, customer: undefined },
            messageId: message.id,
            conversationId: message.conversationId,
            contactId: null,
            enrichment,
            impostors: [],
          },
        ]);
        result.changes.push(...effects.changes);
        result.queued += effects.queued;
      }
      result.changes.push({
        workspaceId,
        type: "message.updated",
        conversationId: message.conversationId,
        messageId: message.id,
      });
      return;
    }
    case "delete": {
      const message = await repo.findMessage(tx, channel.id, op.platformId);
      if (!message) {
        // The delete overtook the message: remember it, so the message arrives deleted.
        await repo.rememberDeletion(tx, channel.id, op.platformId, op.deletedAt);
        return;
      }
      if (message.deletedAt) return;
      await repo.deleteMessage(tx, message, op.deletedAt);
      result.changes.push({
        workspaceId,
        type: "message.updated",
        conversationId: message.conversationId,
        messageId: message.id,
      });
      return;
    }
    case "favorite": {
      const message = await repo.findMessage(tx, channel.id, op.platformId);
      if (!message) {
        result.ignored++;
        return;
      }
      await repo.addFavorite(tx, message.id);
      return;
    }
    case "revoke": {
      if (channel.status === "disabled") return;
      const disabled = await repo.disableChannel(tx, channel.id, op.reason);
      await repo.createAlert(tx, {
        workspaceId,
        kind: "channel_revoked",
        severity: "critical",
        message: `${channel.name}: ${op.reason} hilft no longer receives or sends its messages until it is connected again.`,
        data: { channelId: channel.id },
      });
      if (disabled) result.revoked.push(disabled);
      result.changes.push({ workspaceId, type: "channel.disabled", channelId: channel.id });
      return;
    }
  }
}

async function applyMessage(
  services: Services,
  tx: Tx,
  safety: IngestSafety,
  channel: ChannelRow,
  op: MessageOp,
  identities: IdentityCache,
): Promise<{ changes: InboxChange[]; queued: number } | undefined> {
  const repo = services.ingest;
  if (await repo.findMessage(tx, channel.id, op.platformId)) return undefined;

  let conversation = undefined as Awaited<ReturnType<typeof repo.findConversation>>;
  let threadKey = op.threadKey;
  if (op.parentPlatformId) {
    const parent = await repo.findMessage(tx, channel.id, op.parentPlatformId);
    if (parent) {
      const parentConversation = await repo.findConversation(tx, parent.conversationId);
      if (parentConversation?.status !== "closed") conversation = parentConversation;
      else threadKey = parentConversation.threadKey;
    }
  }
  conversation ??= await repo.findLiveConversation(tx, channel.id, threadKey);

  let authorIdentityId: string | null = null;
  let contactId: string | null = null;
  if (op.customer) {
    const identityKey = `${channel.workspaceId}:${channel.kind}:${op.customer.platformUserId}`;
    let identity = identities.get(identityKey);
    if (!identity) {
      identity = await repo.upsertIdentity(tx, channel.workspaceId, channel.kind, op.customer);
      identities.set(identityKey, identity);
    }
    if (op.direction === "inbound") {
      authorIdentityId = identity.identityId;
      contactId = identity.contactId;
    }
    conversation ??= await repo.openConversation(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      contactId: identity.contactId,
      threadKey,
      visibility: op.visibility,
      createdAt: op.createdAt,
    });
  }
  // An answer of the brand's to a thread hilft does not know cannot be placed.
  if (!conversation) return undefined;

  const deleted = await repo.isDeletedOnPlatform(tx, channel.id, op.platformId);
  const inbound = op.direction === "inbound";
  const enrichment = enrichMessage(safety, channel, op, deleted);
  const message = await repo.insertMessage(tx, {
    workspaceId: channel.workspaceId,
    conversationId: conversation.id,
    channelId: channel.id,
    platformId: op.platformId,
    parentPlatformId: op.parentPlatformId ?? null,
    direction: op.direction,
    visibility: op.visibility,
    authorIdentityId,
    text: deleted ? "" : op.text,
    ...enrichment,
    meta: op.meta,
    createdAt: op.createdAt,
    deletedAt: deleted ? new Date() : null,
    // Sent from the platform's own app, not through hilft: already delivered.
    deliveryStatus: inbound ? null : "sent",
  });
  if (!message) return undefined;
  await repo.touchConversation(tx, conversation.id, {
    at: op.createdAt,
    inbound,
    privateInbound: inbound && op.visibility === "private",
  });
  if (op.adoptThreadKeys.length)
    await repo.adoptThreads(tx, channel.id, op.adoptThreadKeys, conversation);
  const changes: InboxChange[] = [
    {
      workspaceId: channel.workspaceId,
      type: "message.created",
      conversationId: conversation.id,
      messageId: message.id,
    },
  ];
  const effect: SafetyEffect = {
    channel,
    op,
    messageId: message.id,
    conversationId: conversation.id,
    contactId,
    enrichment,
    impostors: deleted ? [] : findImpostors(safety, channel, op),
  };
  if (!needsSafetyEffects(effect)) return { changes, queued: 0 };
  const effects = await applySafetyEffects(services, tx, safety, [effect]);
  return { changes: [...changes, ...effects.changes], queued: effects.queued };
}
