import type { Services } from "../../server/services.ts";
import { questionPath } from "./community.presenter.ts";
import { findSimilarQuestions, type SimilarQuestion } from "./find-similar-questions.ts";

/** How many similar questions a question page shows. */
export const RELATED_LIMIT = 5;
/** Lists older than this are recomputed (newer questions may be closer matches). */
const RELATED_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/**
 * Computes and stores the "similar questions" of one question: a full similar-question
 * search on its title (the same engine as the ask form), done once rather than per page
 * view. Storing bumps the question's page version, so cached pages pick the list up.
 */
export async function computeRelatedQuestions(services: Services, questionId: string) {
  const question = await services.community.posts.findQuestionRow(questionId);
  if (!question) return;
  const items = await findSimilarQuestions(services, {
    workspaceId: question.workspaceId,
    title: question.title,
    limit: RELATED_LIMIT,
    excludeId: question.id,
  });
  await services.community.pages.saveRelated(
    question.id,
    items.map((i) => i.id),
    question.title,
  );
}

/**
 * Recomputes lists in the background, one at a time and each question once however
 * often it is asked for: a page never waits for a similar-question search. Failures are
 * logged and forgotten; the next view of the page asks again.
 */
export class RelatedQuestionsQueue {
  private readonly pending = new Set<string>();
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly services: Services) {}

  request(questionId: string) {
    if (this.stopped || this.pending.has(questionId)) return;
    this.pending.add(questionId);
    this.running ??= this.work().finally(() => {
      this.running = null;
    });
  }

  private async work() {
    for (const id of this.pending) {
      if (this.stopped) break;
      try {
        await computeRelatedQuestions(this.services, id);
      } catch (err) {
        this.services.log.warn({ err, questionId: id }, "computing similar questions failed");
      } finally {
        this.pending.delete(id);
      }
    }
  }

  /** Resolves once nothing is queued (tests; shutdown). */
  async idle() {
    while (this.running) await this.running;
  }

  /** Drops what is queued and waits for the current computation. */
  async stop() {
    this.stopped = true;
    this.pending.clear();
    await this.idle();
  }
}

/**
 * The stored list for a question page. A missing, stale (title since edited) or old list
 * is queued for recomputing; until then the page shows what is stored, or nothing.
 */
export async function relatedForPage(
  services: Services,
  queue: RelatedQuestionsQueue,
  question: { id: string; title: string },
): Promise<SimilarQuestion[]> {
  const stored = await services.community.pages.findRelated(question.id);
  if (
    !stored ||
    stored.queryTitle !== question.title ||
    Date.now() - stored.computedAt.getTime() > RELATED_MAX_AGE_MS
  ) {
    queue.request(question.id);
  }
  return (stored?.items ?? []).map((r) => ({
    id: r.id,
    number: r.number,
    externalId: null,
    title: r.title,
    url: questionPath(r),
    score: 0,
    solved: r.status === "solved",
  }));
}
