import type { Db } from "../../db/client.ts";
import { CommunityRepository } from "./community.repository.ts";
import { EngagementRepository } from "./engagement.repository.ts";
import { IdeasRepository } from "./ideas/ideas.repository.ts";
import { ImportRepository } from "./import.repository.ts";
import { ModerationRepository } from "./moderation.repository.ts";
import { EmailQueueRepository } from "./notifications/email-queue.repository.ts";
import { FollowsRepository } from "./notifications/follows.repository.ts";
import { QuestionPageRepository } from "./question-page.repository.ts";
import { SearchRepository } from "./search.repository.ts";

/** The community's repositories, as `services.community`. */
export interface CommunityRepositories {
  posts: CommunityRepository;
  engagement: EngagementRepository;
  moderation: ModerationRepository;
  search: SearchRepository;
  importer: ImportRepository;
  ideas: IdeasRepository;
  /** The question page's cache key and stored similar questions. */
  pages: QuestionPageRepository;
  /** Following boards, tags and ideas; handles and e-mail settings. */
  follows: FollowsRepository;
  /** Notification e-mails: queued, digested, sent once. */
  emails: EmailQueueRepository;
}

export function createCommunityRepositories(db: Db): CommunityRepositories {
  return {
    posts: new CommunityRepository(db),
    engagement: new EngagementRepository(db),
    moderation: new ModerationRepository(db),
    search: new SearchRepository(db),
    importer: new ImportRepository(db),
    ideas: new IdeasRepository(db),
    pages: new QuestionPageRepository(db),
    follows: new FollowsRepository(db),
    emails: new EmailQueueRepository(db),
  };
}
