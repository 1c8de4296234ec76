import { randomUUID } from "node:crypto";
import type { MessageOp } from "../../channels/ingest-ops.ts";
import type { ChannelRow } from "../../db/schema/index.ts";
import type { Services } from "../../server/services.ts";
import { maskedText } from "../inbox/inbox.presenter.ts";
import type { Tx } from "../inbox/ingest.repository.ts";
import type { InboxChange } from "../inbox/process-webhook-event.ts";
import {
  type Enrichment,
  type ImpostorHit,
  type IngestSafety,
  impostorEvidence,
} from "./enrich-message.ts";
import { hideNote, personalDataPrivateMessage } from "./personal-data-templates.ts";
import type { AutomatedMessage, ImpostorUpsert, IncidentRow } from "./safety.repository.ts";

/** A stored message that needs more than its columns: personal data or a look-alike account. */
export interface SafetyEffect {
  channel: ChannelRow;
  op: Pick<
    MessageOp,
    "platformId" | "parentPlatformId" | "text" | "direction" | "visibility" | "customer"
  >;
  messageId: string;
  conversationId: string;
  /** The author's contact, when the message has one. */
  contactId: string | null;
  enrichment: Enrichment;
  impostors: ImpostorHit[];
}

/**
 * How a public post can be hidden on its platform. Facebook hides any comment on the
 * page; X hides only replies (its hide-replies call), so a mention that starts a thread
 * of its own stays visible and the incident says `unavailable`.
 */
function hide(e: SafetyEffect): "fb_hide" | "x_hide" | null {
  if (e.channel.kind === "facebook") return "fb_hide";
  if (e.channel.kind === "x" && e.op.parentPlatformId) return "x_hide";
  return null;
}

export const needsSafetyEffects = (e: Pick<SafetyEffect, "enrichment" | "impostors">) =>
  e.enrichment.personalData.length > 0 || e.impostors.length > 0;

/**
 * What ingest does beyond storing messages, for a whole batch in a fixed number of
 * statements, inside the ingest transaction (so it commits with the messages or not at
 * all). Personal data: count the incident, tag the conversation, and queue the policy's
 * actions as messages the delivery worker sends after the commit, once. Impostors: record
 * the account and alert admins the first time it is seen. Both paths of ingest call this.
 */
export async function applySafetyEffects(
  services: Services,
  tx: Tx,
  safety: IngestSafety,
  effects: SafetyEffect[],
): Promise<{ changes: InboxChange[]; queued: number }> {
  const changes: InboxChange[] = [];
  if (!effects.length) return { changes, queued: 0 };
  const repo = services.safety;

  // --- personal data in public posts ---
  const incidents: IncidentRow[] = [];
  const planned = new Map<string, { rows: AutomatedMessage[]; conversationId: string }>();
  for (const e of effects) {
    const findings = e.enrichment.personalData;
    if (!findings.length || e.op.direction !== "inbound" || e.op.visibility !== "public") continue;
    const settings = safety.settings.get(e.channel.workspaceId);
    const policy =
      e.channel.kind === "facebook" || e.channel.kind === "x"
        ? settings?.policy[e.channel.kind]
        : undefined;
    const types = [...new Set(findings.map((f) => f.type))];
    const actions: Record<string, string> = {};
    const rows: AutomatedMessage[] = [];
    const base = {
      workspaceId: e.channel.workspaceId,
      conversationId: e.conversationId,
      channelId: e.channel.id,
    };
    const hideAction = hide(e);
    if (policy?.hide && hideAction) {
      rows.push({
        ...base,
        id: randomUUID(),
        direction: "note",
        visibility: "internal",
        text: hideNote(types),
        meta: { target: e.op.platformId, messageId: e.messageId, automated: "personal_data" },
        sendAction: hideAction,
      });
      actions.hide = "queued";
    } else {
      actions.hide = policy?.hide ? "unavailable" : "off";
    }
    const target =
      e.channel.kind === "facebook"
        ? e.op.platformId
        : e.channel.kind === "x"
          ? e.op.customer?.platformUserId
          : undefined;
    if (policy?.privateMessage && target) {
      const lang =
        e.enrichment.language === "en" || e.enrichment.language === "de"
          ? e.enrichment.language
          : (settings?.locale ?? "de");
      rows.push({
        ...base,
        id: randomUUID(),
        direction: "outbound",
        visibility: "private",
        text: personalDataPrivateMessage({
          lang,
          types,
          name: e.op.customer?.displayName ?? e.op.customer?.handle,
          hidden: actions.hide === "queued",
        }),
        meta: { target, messageId: e.messageId, automated: "personal_data" },
        sendAction: e.channel.kind === "facebook" ? "fb_private_reply" : "x_dm",
      });
      actions.privateMessage = "queued";
    } else {
      actions.privateMessage = "off";
    }
    incidents.push({
      workspaceId: base.workspaceId,
      channelId: base.channelId,
      messageId: e.messageId,
      types,
      actions,
    });
    planned.set(e.messageId, { rows, conversationId: e.conversationId });
  }
  let queued = 0;
  if (incidents.length) {
    // Only a new incident acts: an edit or a replay never sends the message twice.
    const fresh = await repo.insertIncidents(tx, incidents);
    const rows: AutomatedMessage[] = [];
    const conversations = new Map<string, number>();
    for (const [messageId, plan] of planned) {
      if (!fresh.has(messageId)) continue;
      rows.push(...plan.rows);
      const added = plan.rows.filter((r) => r.direction === "outbound").length;
      conversations.set(plan.conversationId, (conversations.get(plan.conversationId) ?? 0) + added);
    }
    await repo.queueAutomatedMessages(tx, rows);
    await repo.markConversations(
      tx,
      [...conversations].map(([id, added]) => ({ id, added })),
    );
    queued = rows.length;
    for (const r of rows) {
      changes.push({
        workspaceId: r.workspaceId,
        type: "message.created",
        conversationId: r.conversationId,
        messageId: r.id,
      });
    }
    for (const id of conversations.keys()) {
      const workspaceId = effects.find((e) => e.conversationId === id)!.channel.workspaceId;
      changes.push({ workspaceId, type: "conversation.updated", conversationId: id });
    }
  }

  // --- look-alike accounts ---
  const accounts = new Map<string, ImpostorUpsert>();
  for (const e of effects) {
    for (const hit of e.impostors) {
      const key = `${e.channel.workspaceId}|${hit.kind}|${hit.accountKey}`;
      const known = accounts.get(key);
      if (known) {
        known.seen++;
        if (hit.isAuthor && !known.contactId) known.contactId = e.contactId;
        continue;
      }
      const excerpt = maskedText(e.op.text, e.enrichment.personalData);
      accounts.set(key, {
        workspaceId: e.channel.workspaceId,
        kind: hit.kind,
        accountKey: hit.accountKey,
        platformUserId: hit.platformUserId,
        handle: hit.handle,
        displayName: hit.displayName,
        contactId: hit.isAuthor ? e.contactId : null,
        reason: hit.match.reason,
        score: hit.match.score,
        evidence: {
          ...impostorEvidence(hit, excerpt),
          messageId: e.messageId,
          conversationId: e.conversationId,
          seenAs: hit.isAuthor ? "author" : "mentioned",
        },
        seen: 1,
      });
    }
  }
  if (accounts.size) {
    const fresh = await repo.upsertImpostors(tx, [...accounts.values()]);
    await repo.insertAlerts(
      tx,
      fresh.map((a) => ({
        workspaceId: a.workspaceId,
        kind: "impostor",
        severity: "warning",
        message: `Possible impostor on ${a.kind === "x" ? "X" : a.kind}: ${
          a.handle ? `@${a.handle}` : (a.displayName ?? a.platformUserId)
        } looks like ${String((a.evidence as { imitates?: string }).imitates ?? "the brand")} (${a.reason}). Confirm or dismiss it.`,
        data: { impostorId: a.id },
      })),
    );
  }
  return { changes, queued };
}
