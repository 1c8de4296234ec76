import { randomUUID } from "node:crypto";
import type { MessageOp } from "../../channels/ingest-ops.ts";
import type { ChannelRow } from "../../db/schema/index.ts";
import type { Services } from "../../server/services.ts";
import {
  applySafetyEffects,
  needsSafetyEffects,
  type SafetyEffect,
} from "../safety/apply-safety-effects.ts";
import { enrichMessage, findImpostors, type IngestSafety } from "../safety/enrich-message.ts";
import type { Tx } from "./ingest.repository.ts";
import type { InboxChange } from "./process-webhook-event.ts";

/** A concurrent worker stored part of the same data first; the caller retries one by one. */
export class BulkConflictError extends Error {}

interface Item {
  channel: ChannelRow;
  op: MessageOp;
}

/**
 * Applies many new messages with a fixed number of statements: look everything up at
 * once, decide in memory in arrival order (so replies, parents and threads inside the
 * batch find each other), then write contacts, conversations and messages in bulk. Same
 * rules as the one-by-one path; on any race it throws and the caller takes that path.
 */
export async function applyMessagesInBulk(
  services: Services,
  tx: Tx,
  items: Item[],
  safety: IngestSafety,
): Promise<{ changes: InboxChange[]; ignored: number; queued: number }> {
  const repo = services.ingest;
  const timer = services.ingestTimings;
  const stopLookups = timer.start("lookups");
  const mk = (channelId: string, platformId: string) => `${channelId}|${platformId}`;
  const tk = (channelId: string, threadKey: string) => `${channelId}|${threadKey}`;
  const ik = (workspaceId: string, kind: string, userId: string) =>
    `${workspaceId}|${kind}|${userId}`;

  const messageKeys = new Map<string, { channelId: string; platformId: string }>();
  for (const { channel, op } of items) {
    messageKeys.set(mk(channel.id, op.platformId), {
      channelId: channel.id,
      platformId: op.platformId,
    });
    if (op.parentPlatformId)
      messageKeys.set(mk(channel.id, op.parentPlatformId), {
        channelId: channel.id,
        platformId: op.parentPlatformId,
      });
  }
  const known = new Map<
    string,
    { channelId: string; conversationId: string; status: string; threadKey: string }
  >();
  for (const r of await repo.findMessagesByKeys(tx, [...messageKeys.values()])) {
    known.set(mk(r.channel_id, r.platform_id), {
      channelId: r.channel_id,
      conversationId: r.conversation_id,
      status: r.status,
      threadKey: r.thread_key,
    });
  }

  const threadKeys = new Map<string, { channelId: string; threadKey: string }>();
  for (const { channel, op } of items) {
    for (const key of [op.threadKey, ...op.adoptThreadKeys])
      threadKeys.set(tk(channel.id, key), { channelId: channel.id, threadKey: key });
  }
  for (const k of known.values()) {
    threadKeys.set(tk(k.channelId, k.threadKey), {
      channelId: k.channelId,
      threadKey: k.threadKey,
    });
  }
  const live = new Map<string, string>();
  for (const r of await repo.findLiveConversationsByKeys(tx, [...threadKeys.values()]))
    live.set(tk(r.channel_id, r.thread_key), r.id);

  const identityKeys = new Map<
    string,
    { workspaceId: string; kind: string; platformUserId: string }
  >();
  for (const { channel, op } of items) {
    if (op.customer)
      identityKeys.set(ik(channel.workspaceId, channel.kind, op.customer.platformUserId), {
        workspaceId: channel.workspaceId,
        kind: channel.kind,
        platformUserId: op.customer.platformUserId,
      });
  }
  const identities = new Map<string, { contactId: string; identityId: string }>();
  const identityRows = await repo.findIdentitiesByKeys(tx, [...identityKeys.values()]);
  const deleted = new Set(
    (await repo.findDeletionsByKeys(tx, [...messageKeys.values()])).map((r) =>
      mk(r.channel_id, r.platform_id),
    ),
  );

  stopLookups();

  const newContacts: Parameters<typeof repo.insertContactsWithIdentities>[1] = [];
  const newConversations: Omit<
    Parameters<typeof repo.insertConversations>[1][number],
    "messageCount" | "lastMessageAt" | "lastInboundPrivateAt"
  >[] = [];
  const newMessages: Parameters<typeof repo.insertMessages>[1] = [];
  const bumps = new Map<
    string,
    {
      id: string;
      count: number;
      lastAt: string;
      lastPrivateInboundAt: string | null;
      inbound: boolean;
    }
  >();
  const adoptions: { channelId: string; keys: string[]; into: string }[] = [];
  const changes: InboxChange[] = [];
  const effects: SafetyEffect[] = [];
  let ignored = 0;

  for (const r of identityRows)
    identities.set(ik(r.workspace_id, r.kind, r.platform_user_id), {
      contactId: r.contact_id,
      identityId: r.id,
    });
  const refresh: { author: NonNullable<MessageOp["customer"]>; channel: ChannelRow }[] = [];
  for (const { channel, op } of items) {
    const r =
      op.customer &&
      identityRows.find(
        (x) =>
          x.workspace_id === channel.workspaceId &&
          x.kind === channel.kind &&
          x.platform_user_id === op.customer!.platformUserId,
      );
    if (
      r &&
      op.customer &&
      ((op.customer.handle && op.customer.handle !== r.handle) ||
        (op.customer.displayName && op.customer.displayName !== r.display_name))
    ) {
      refresh.push({ author: op.customer, channel });
    }
  }

  for (const { channel, op } of items) {
    const key = mk(channel.id, op.platformId);
    if (known.has(key)) {
      ignored++;
      continue;
    }
    let conversationId: string | undefined;
    let threadKey = op.threadKey;
    const parent = op.parentPlatformId ? known.get(mk(channel.id, op.parentPlatformId)) : undefined;
    if (parent) {
      if (parent.status !== "closed") conversationId = parent.conversationId;
      else threadKey = parent.threadKey;
    }
    conversationId ??= live.get(tk(channel.id, threadKey));
    let authorIdentityId: string | null = null;
    if (op.customer) {
      const idKey = ik(channel.workspaceId, channel.kind, op.customer.platformUserId);
      let identity = identities.get(idKey);
      if (!identity) {
        identity = { contactId: randomUUID(), identityId: randomUUID() };
        identities.set(idKey, identity);
        const c = op.customer;
        newContacts.push({
          contactId: identity.contactId,
          identityId: identity.identityId,
          workspaceId: channel.workspaceId,
          kind: channel.kind,
          platformUserId: c.platformUserId,
          handle: c.handle ?? null,
          displayName:
            c.displayName ??
            (c.handle ? `@${c.handle}` : `${channel.kind} user ${c.platformUserId}`),
          identityName: c.displayName ?? null,
          avatarUrl: c.avatarUrl ?? null,
        });
      }
      if (op.direction === "inbound") authorIdentityId = identity.identityId;
      if (!conversationId) {
        conversationId = randomUUID();
        live.set(tk(channel.id, threadKey), conversationId);
        newConversations.push({
          id: conversationId,
          workspaceId: channel.workspaceId,
          channelId: channel.id,
          contactId: identity.contactId,
          threadKey,
          visibility: op.visibility,
          createdAt: op.createdAt.toISOString(),
        });
      }
    }
    if (!conversationId) {
      ignored++;
      continue;
    }
    const isDeleted = deleted.has(key);
    const inbound = op.direction === "inbound";
    const id = randomUUID();
    const stopEnrich = timer.start("enrich");
    const enrichment = enrichMessage(safety, channel, op, isDeleted);
    const impostors = isDeleted ? [] : findImpostors(safety, channel, op);
    stopEnrich();
    const effect: SafetyEffect = {
      channel,
      op,
      messageId: id,
      conversationId,
      contactId: authorIdentityId
        ? (identities.get(ik(channel.workspaceId, channel.kind, op.customer!.platformUserId))
            ?.contactId ?? null)
        : null,
      enrichment,
      impostors,
    };
    if (needsSafetyEffects(effect)) effects.push(effect);
    newMessages.push({
      id,
      workspaceId: channel.workspaceId,
      conversationId,
      channelId: channel.id,
      platformId: op.platformId,
      parentPlatformId: op.parentPlatformId ?? null,
      direction: op.direction,
      visibility: op.visibility,
      authorIdentityId,
      text: isDeleted ? "" : op.text,
      ...enrichment,
      meta: op.meta,
      createdAt: op.createdAt.toISOString(),
      deletedAt: isDeleted ? new Date().toISOString() : null,
      deliveryStatus: inbound ? null : "sent",
    });
    known.set(key, { channelId: channel.id, conversationId, status: "open", threadKey });
    const at = op.createdAt.toISOString();
    const bump = bumps.get(conversationId) ?? {
      id: conversationId,
      count: 0,
      lastAt: at,
      lastPrivateInboundAt: null,
      inbound: false,
    };
    bump.count++;
    if (at > bump.lastAt) bump.lastAt = at;
    if (inbound) bump.inbound = true;
    if (
      inbound &&
      op.visibility === "private" &&
      (!bump.lastPrivateInboundAt || at > bump.lastPrivateInboundAt)
    )
      bump.lastPrivateInboundAt = at;
    bumps.set(conversationId, bump);
    const orphanKeys = op.adoptThreadKeys.filter((k) => {
      const other = live.get(tk(channel.id, k));
      return other && other !== conversationId;
    });
    if (orphanKeys.length)
      adoptions.push({ channelId: channel.id, keys: orphanKeys, into: conversationId });
    changes.push({
      workspaceId: channel.workspaceId,
      type: "message.created",
      conversationId,
      messageId: id,
    });
  }

  // A conversation opened by this batch is stored with its messages counted: one write
  // instead of an insert and an update (the update changes nothing else for a new one).
  const conversationRows = newConversations.map((c) => {
    const bump = bumps.get(c.id)!;
    bumps.delete(c.id);
    return {
      ...c,
      messageCount: bump.count,
      lastMessageAt: bump.lastAt,
      lastInboundPrivateAt: bump.lastPrivateInboundAt,
    };
  });
  const stopInserts = timer.start("inserts");
  if (
    !(await timer.measure("- contacts", () => repo.insertContactsWithIdentities(tx, newContacts)))
  )
    throw new BulkConflictError("contact created concurrently");
  if (
    !(await timer.measure("- conversations", () => repo.insertConversations(tx, conversationRows)))
  )
    throw new BulkConflictError("conversation opened concurrently");
  if (!(await timer.measure("- messages", () => repo.insertMessages(tx, newMessages))))
    throw new BulkConflictError("message stored concurrently");
  await timer.measure("- bump", () => repo.bumpConversations(tx, [...bumps.values()]));
  for (const { author, channel } of refresh)
    await repo.upsertIdentity(tx, channel.workspaceId, channel.kind, author);
  for (const a of adoptions) {
    const into = await repo.findConversation(tx, a.into);
    if (into) await repo.adoptThreads(tx, a.channelId, a.keys, into);
  }
  // Adoption may have moved a message to another conversation: effects follow it.
  if (adoptions.length && effects.length) {
    const moved = await repo.findMessagesByKeys(
      tx,
      effects.map((e) => ({ channelId: e.channel.id, platformId: e.op.platformId })),
    );
    for (const e of effects) {
      const row = moved.find(
        (r) => r.channel_id === e.channel.id && r.platform_id === e.op.platformId,
      );
      if (row) e.conversationId = row.conversation_id;
    }
  }
  stopInserts();
  const safetyResult = await timer.measure("safety effects", () =>
    applySafetyEffects(services, tx, safety, effects),
  );
  changes.push(...safetyResult.changes);
  // An adopted conversation is gone; its changes now belong to the one that took it in.
  return { changes, ignored, queued: safetyResult.queued };
}
