import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { z } from "zod";
import { renderMarkdown } from "../../lib/markdown.ts";
import { parseMentions } from "../../lib/mentions.ts";
import { detectSearchConfig } from "../../lib/search-text.ts";
import { normalizeTags, slugify } from "../../lib/slug.ts";
import type { Services } from "../../server/services.ts";
import { defaultConfig } from "./ask-question.ts";
import type { BatchCounts, PreparedQuestion } from "./import.repository.ts";

/** One line of the import file (DESIGN.md, "Community import line"). */
export const ZImportLine = z.object({
  externalId: z.string().trim().min(1, "is required").max(200),
  board: z.string().trim().min(1, "is required").max(80),
  title: z.string().trim().min(1, "is required").max(500),
  body: z.string().max(100_000).default(""),
  author: z.string().trim().min(1, "is required").max(120),
  createdAt: z.iso.datetime({
    offset: true,
    local: true,
    error: "must be an ISO 8601 date and time",
  }),
  tags: z.array(z.string().max(40)).max(20).default([]),
  answers: z
    .array(
      z.object({
        externalId: z.string().trim().min(1, "is required").max(200),
        body: z.string().min(1, "is required").max(100_000),
        author: z.string().trim().min(1, "is required").max(120),
        createdAt: z.iso.datetime({
          offset: true,
          local: true,
          error: "must be an ISO 8601 date and time",
        }),
        accepted: z.boolean().default(false),
      }),
    )
    .max(5000)
    .default([]),
});
export type TImportLine = z.infer<typeof ZImportLine>;

export interface ImportProblem {
  line: number;
  message: string;
}

export interface ImportSummary extends BatchCounts {
  lines: number;
  skipped: number;
  boardsCreated: number;
  authorsSeen: number;
  problems: ImportProblem[];
}

export interface ImportOptions {
  workspaceId?: string;
  batchSize?: number;
  /** Called after each batch with the number of lines read so far. */
  onProgress?: (linesRead: number) => void;
}

/**
 * Imported authors become customer accounts without a password (nobody can sign in as
 * them) and with an address under the reserved `.invalid` top-level domain (RFC 2606),
 * derived from the name: stable across imports, never deliverable, never equal to a real
 * person's address. An admin may later give the account a real address.
 */
export function importedAuthorEmail(name: string): string {
  const hash = createHash("sha256").update(name.trim()).digest("hex").slice(0, 16);
  const local = slugify(name, 40) || "member";
  return `${local}.${hash}@community-import.invalid`;
}

const toDate = (v: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);

/**
 * `hilft import community FILE.jsonl`: one question per line with its answers.
 * Idempotent by external id (a second run updates, never duplicates); boards and authors
 * are created as needed; lines that do not parse are reported with their number and
 * skipped. Writes go in batches, each batch one transaction.
 */
export async function importCommunity(
  services: Services,
  file: string,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  return importCommunityLines(services, readLines(file), opts);
}

/**
 * The lines of a file, read in chunks. (node:readline's async iterator stalled on
 * PostgreSQL when the loop awaited a batch between lines.)
 */
export async function* readLines(file: string): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const parts = (rest + (chunk as string)).split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts) yield line.endsWith("\r") ? line.slice(0, -1) : line;
  }
  if (rest) yield rest;
}

export async function importCommunityLines(
  services: Services,
  lines: AsyncIterable<string>,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const workspace = opts.workspaceId
    ? await services.workspaces.findById(opts.workspaceId)
    : ((await services.workspaces.findDefault()) ??
      (await services.workspaces.ensure("default", "hilft")));
  if (!workspace) throw new Error(`workspace ${opts.workspaceId} does not exist`);
  const fallback = defaultConfig(workspace.defaultLocale);
  const batchSize = opts.batchSize ?? 500;
  const boardIds = new Map<string, string>();
  const authorIds = new Map<string, string>();
  const summary: ImportSummary = {
    lines: 0,
    skipped: 0,
    boardsCreated: 0,
    authorsSeen: 0,
    questionsCreated: 0,
    questionsUpdated: 0,
    answersCreated: 0,
    answersUpdated: 0,
    problems: [],
  };
  // Later lines with the same external id win, as a re-import would.
  let pending = new Map<string, TImportLine>();

  const flush = async () => {
    if (!pending.size) return;
    const items = [...pending.values()];
    pending = new Map();
    for (const item of items) {
      const slug = slugify(item.board, 60) || "general";
      if (!boardIds.has(slug)) {
        const { board, created } = await services.community.posts.ensureBoard({
          workspaceId: workspace.id,
          slug,
          name: item.board,
          position: 100 + boardIds.size,
        });
        boardIds.set(slug, board.id);
        if (created) summary.boardsCreated += 1;
      }
    }
    const newAuthors = new Map<string, string>();
    for (const name of items.flatMap((i) => [i.author, ...i.answers.map((a) => a.author)])) {
      if (!authorIds.has(name)) newAuthors.set(importedAuthorEmail(name).toLowerCase(), name);
    }
    if (newAuthors.size) {
      const ids = await services.community.importer.ensureAuthors(
        workspace.id,
        [...newAuthors].map(([email, name]) => ({ email, name })),
      );
      for (const [email, name] of newAuthors) authorIds.set(name, ids.get(email)!);
      summary.authorsSeen += newAuthors.size;
    }
    // `@handle` of the workspace's members link to their profiles, as in posts written here.
    const mentioned = new Set(
      items.flatMap((i) => [i.body, ...i.answers.map((a) => a.body)].flatMap(parseMentions)),
    );
    const known = await services.community.follows.knownHandles(workspace.id, [...mentioned]);
    const html = (body: string) => renderMarkdown(body, known.size ? { mentions: known } : {});
    const prepared: PreparedQuestion[] = items.map((item) => {
      const createdAt = toDate(item.createdAt);
      const answers = [...new Map(item.answers.map((a) => [a.externalId, a])).values()].map(
        (a) => ({
          externalId: a.externalId,
          authorId: authorIds.get(a.author)!,
          body: a.body,
          bodyHtml: html(a.body),
          createdAt: toDate(a.createdAt),
          accepted: a.accepted,
        }),
      );
      const last = Math.max(createdAt.getTime(), ...answers.map((a) => a.createdAt.getTime()));
      return {
        externalId: item.externalId,
        boardId: boardIds.get(slugify(item.board, 60) || "general")!,
        authorId: authorIds.get(item.author)!,
        title: item.title,
        body: item.body,
        bodyHtml: html(item.body),
        tags: normalizeTags(item.tags),
        language: detectSearchConfig(`${item.title}\n${item.body}`, fallback),
        createdAt,
        lastActivityAt: new Date(last),
        answers,
      };
    });
    const counts = await services.community.importer.upsertBatch(workspace.id, prepared);
    summary.questionsCreated += counts.questionsCreated;
    summary.questionsUpdated += counts.questionsUpdated;
    summary.answersCreated += counts.answersCreated;
    summary.answersUpdated += counts.answersUpdated;
  };

  for await (const raw of lines) {
    summary.lines += 1;
    const text = raw.trim();
    if (!text) continue;
    const parsed = parseLine(text);
    if (!parsed.ok) {
      summary.skipped += 1;
      summary.problems.push({ line: summary.lines, message: parsed.message });
      continue;
    }
    const answerIds = parsed.value.answers.filter((a) => a.accepted);
    if (answerIds.length > 1) {
      summary.skipped += 1;
      summary.problems.push({
        line: summary.lines,
        message: "answers: at most one answer can be accepted",
      });
      continue;
    }
    pending.delete(parsed.value.externalId);
    pending.set(parsed.value.externalId, parsed.value);
    if (pending.size >= batchSize) {
      await flush();
      opts.onProgress?.(summary.lines);
    }
  }
  await flush();
  // Fresh word counts, so similar-question search on the new content stays fast.
  if (summary.questionsCreated + summary.questionsUpdated > 0) {
    await services.community.search.refreshStats(workspace.id);
  }
  opts.onProgress?.(summary.lines);
  return summary;
}

function parseLine(
  text: string,
): { ok: true; value: TImportLine } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "not valid JSON" };
  }
  const result = ZImportLine.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  const field = issue.path.join(".") || "line";
  const message =
    issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
  return { ok: false, message: `${field}: ${message}` };
}
