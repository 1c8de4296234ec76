import type { MessageOp } from "../../channels/ingest-ops.ts";
import type { ChannelRow } from "../../db/schema/index.ts";
import { type ImpostorMatch, matchImpostor, skeleton } from "../../lib/impostor/index.ts";
import { detectLanguage } from "../../lib/language.ts";
import { detectPersonalData } from "../../lib/personal-data/index.ts";
import type { Services } from "../../server/services.ts";
import { maskedText } from "../inbox/inbox.presenter.ts";
import type { SafetySettings } from "./safety-settings.ts";
import { type TextAnalyzer, textAnalyzer } from "./text-models.ts";

/** What ingest needs to enrich a batch: the text models and each workspace's settings. */
export interface IngestSafety {
  analyzer: TextAnalyzer;
  settings: Map<string, SafetySettings>;
  /**
   * Results worked out ahead for message ops of a batch read before it was claimed (the
   * ingest worker's pipeline), by op; an op not found here is worked out when needed.
   */
  ahead?: WeakMap<object, { enrichment: Enrichment; impostors: ImpostorHit[] }>;
}

/** A finding as stored: type and span, never the value. */
export interface StoredFinding {
  type: string;
  start: number;
  end: number;
}

/** The columns a new message gets from its text. */
export interface Enrichment {
  language: string | null;
  sentiment: "positive" | "neutral" | "negative" | null;
  sentimentScore: number | null;
  praise: boolean;
  personalData: StoredFinding[];
  /** The masked text for full-text search; null when `text` itself may be indexed. */
  searchText: string | null;
}

/** Accounts below this impostor score are not worth an admin's attention. */
export const IMPOSTOR_ALERT_SCORE = 0.7;

export interface ImpostorHit {
  kind: ChannelRow["kind"];
  accountKey: string;
  platformUserId: string | null;
  handle: string | null;
  displayName: string | null;
  /** The message's author (so its contact can be flagged), not a mentioned account. */
  isAuthor: boolean;
  match: ImpostorMatch;
}

/** Loads the models and settings before the ingest transaction (no queries inside it). */
export async function prepareIngestSafety(
  services: Services,
  workspaceIds: Iterable<string>,
): Promise<IngestSafety> {
  const settings = new Map<string, SafetySettings>();
  for (const id of new Set(workspaceIds)) settings.set(id, await services.safetySettings.get(id));
  return { analyzer: await textAnalyzer(), settings };
}

const NONE: Enrichment = {
  language: null,
  sentiment: null,
  sentimentScore: null,
  praise: false,
  personalData: [],
  searchText: null,
};

/**
 * Language, sentiment, praise and personal data of an inbound message; outbound ones only
 * get their language. Personal data is looked for in public messages: that is where it
 * must not stay (a customer giving their IBAN in a DM is asked for it).
 */
export function enrichMessage(
  safety: IngestSafety,
  channel: ChannelRow,
  op: Pick<MessageOp, "text" | "direction" | "visibility">,
  deleted: boolean,
): Enrichment {
  if (deleted) return NONE;
  const ahead = safety.ahead?.get(op);
  if (ahead) return ahead.enrichment;
  // Inbound messages get their language from the analysis (one detection per message).
  if (op.direction !== "inbound") return { ...NONE, language: detectLanguage(op.text).code };
  const settings = safety.settings.get(channel.workspaceId);
  const analysis = safety.analyzer.analyze(op.text, {
    fallbackLanguage: settings?.locale ?? "de",
  });
  const personalData = op.visibility === "public" ? findPersonalData(op.text, settings) : [];
  return {
    language: analysis.languageCode,
    sentiment: analysis.sentiment,
    sentimentScore: analysis.scores.sentiment,
    praise: analysis.praise,
    personalData,
    searchText: personalData.length ? maskedText(op.text, personalData) : null,
  };
}

export function findPersonalData(
  text: string,
  settings: SafetySettings | undefined,
): StoredFinding[] {
  let findings: ReturnType<typeof detectPersonalData>;
  try {
    findings = detectPersonalData(text, settings?.detect ?? {});
  } catch {
    // A broken workspace pattern must not stop ingest: fall back to the built-in types.
    findings = detectPersonalData(text, { ...settings?.detect, customPatterns: [] });
  }
  return findings.map(({ type, start, end }) => ({ type, start, end }));
}

/**
 * Accounts in an inbound message that look like the brand: the author, and on X the
 * accounts it mentions. Pure and in memory, so it costs nothing when nothing matches.
 */
export function findImpostors(
  safety: IngestSafety,
  channel: ChannelRow,
  op: Pick<MessageOp, "direction" | "customer" | "meta">,
): ImpostorHit[] {
  if (op.direction !== "inbound") return [];
  const ahead = safety.ahead?.get(op);
  if (ahead) return ahead.impostors;
  const brand = safety.settings.get(channel.workspaceId)?.brand;
  if (!brand || (!brand.handles.length && !brand.names.length)) return [];
  const hits: ImpostorHit[] = [];
  const author = op.customer;
  if (author) {
    const match = matchImpostor(
      { handle: author.handle ?? "", displayName: author.displayName ?? null },
      brand,
    );
    if (match && match.score >= IMPOSTOR_ALERT_SCORE) {
      hits.push({
        kind: channel.kind,
        accountKey: accountKey(author.handle, author.platformUserId),
        platformUserId: author.platformUserId,
        handle: author.handle ?? null,
        displayName: author.displayName ?? null,
        isAuthor: true,
        match,
      });
    }
  }
  const mentions = Array.isArray(op.meta.mentions) ? (op.meta.mentions as unknown[]) : [];
  for (const mention of mentions) {
    if (typeof mention !== "string" || mention === author?.handle) continue;
    const match = matchImpostor({ handle: mention }, brand);
    if (match && match.score >= IMPOSTOR_ALERT_SCORE) {
      hits.push({
        kind: channel.kind,
        accountKey: accountKey(mention, null),
        platformUserId: null,
        handle: mention,
        displayName: null,
        isAuthor: false,
        match,
      });
    }
  }
  return hits;
}

/** One account, one row: by handle where there is one (what people see), else by id. */
export const accountKey = (handle: string | null | undefined, platformUserId: string | null) =>
  handle ? handle.replace(/^@/, "").toLowerCase() : `id:${platformUserId}`;

/** What an admin sees to decide: both names, their skeletons and the match's details. */
export function impostorEvidence(hit: ImpostorHit, excerpt: string) {
  const value = hit.match.evidence.field === "handle" ? hit.handle : hit.displayName;
  return {
    ...hit.match.evidence,
    reason: hit.match.reason,
    score: hit.match.score,
    candidate: {
      handle: hit.handle,
      displayName: hit.displayName,
      skeleton: skeleton(value ?? ""),
    },
    brand: { value: hit.match.evidence.imitates, skeleton: skeleton(hit.match.evidence.imitates) },
    excerpt: excerpt.slice(0, 280),
  };
}
