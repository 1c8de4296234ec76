import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { Database, Db } from "../db/client.ts";
import { StageTimer } from "../lib/stage-timer.ts";
import { AccountsRepository } from "../modules/accounts/accounts.repository.ts";
import { AgentPhotosRepository } from "../modules/agents/agent-photos.repository.ts";
import { AuditRepository } from "../modules/audit/audit.repository.ts";
import { ChannelDirectory } from "../modules/channels/channel-directory.ts";
import { ChannelsRepository } from "../modules/channels/channels.repository.ts";
import {
  type CommunityRepositories,
  createCommunityRepositories,
} from "../modules/community/community.services.ts";
import { QuestionPageCache } from "../modules/community/question-page-cache.ts";
import { ConsoleRepository } from "../modules/console/console.repository.ts";
import { ContactProfilesRepository } from "../modules/inbox/contact-profiles.repository.ts";
import { InboxRepository } from "../modules/inbox/inbox.repository.ts";
import { IngestRepository } from "../modules/inbox/ingest.repository.ts";
import { KbRepository } from "../modules/kb/kb.repository.ts";
import { MacrosRepository } from "../modules/macros/macros.repository.ts";
import { OperationsRepository } from "../modules/operations/operations.repository.ts";
import { QueueRepository } from "../modules/operations/queue.repository.ts";
import { ReportsRepository } from "../modules/operations/reports.repository.ts";
import { ServiceConfigCache } from "../modules/operations/service-config-cache.ts";
import { ServiceLevelsRepository } from "../modules/operations/service-levels.repository.ts";
import {
  createReputationRepositories,
  type ReputationRepositories,
} from "../modules/reputation/reputation.services.ts";
import { SafetyRepository } from "../modules/safety/safety.repository.ts";
import { SafetySettingsStore } from "../modules/safety/safety-settings.ts";
import { WorkspacesRepository } from "../modules/workspaces/workspaces.repository.ts";
import { type Clock, createClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { createMailer, type Mailer } from "./mailer.ts";
import { RealtimeBus } from "./realtime.ts";

/** What business operations get: config, the database, repositories and outside services. */
export interface Services {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  mailer: Mailer;
  accounts: AccountsRepository;
  workspaces: WorkspacesRepository;
  channels: ChannelsRepository;
  /** Cached channel lookups with opened credentials, for the hot webhook path. */
  channelDirectory: ChannelDirectory;
  ingest: IngestRepository;
  inbox: InboxRepository;
  /** Agents' profile photos (resized WebP). */
  agentPhotos: AgentPhotosRepository;
  /** Messenger names and pictures, looked up after ingest. */
  contactProfiles: ContactProfilesRepository;
  macros: MacrosRepository;
  safety: SafetyRepository;
  /** Trust-and-safety settings per workspace, cached for the ingest path. */
  safetySettings: SafetySettingsStore;
  audit: AuditRepository;
  /** Teams, members and opening hours; the reports' aggregates. */
  operations: OperationsRepository;
  reports: ReportsRepository;
  /** Queue scores; community questions brought into the inbox. */
  queue: QueueRepository;
  /** Routing rules, SLA clocks, presence, automatic replies. */
  serviceLevels: ServiceLevelsRepository;
  realtime: RealtimeBus;
  /** Anonymous question pages kept in memory, invalidated through LISTEN/NOTIFY. */
  questionPages: QuestionPageCache;
  /** In-process nudges between parts, e.g. "webhook-stored" wakes the ingest worker. */
  signals: EventEmitter;
  community: CommunityRepositories;
  /** The agent console's presence and saved views. */
  console: ConsoleRepository;
  /** Points ledger, ranks, badges, rewards. */
  reputation: ReputationRepositories;
  kb: KbRepository;
  /** What business rules take as "now"; settable in tests. */
  clock: Clock;
  /** Routing rules and service settings per workspace, cached for the ingest path. */
  serviceConfig: ServiceConfigCache;
  /** Where the ingest worker spends its time, stage by stage (benchmarks print it). */
  ingestTimings: StageTimer;
}

export function createServices(config: Config, database: Database, log: Logger): Services {
  const channels = new ChannelsRepository(database.db);
  const community = createCommunityRepositories(database.db);
  const safety = new SafetyRepository(database.db);
  const serviceLevels = new ServiceLevelsRepository(database.db);
  return {
    config,
    database,
    db: database.db,
    log,
    mailer: createMailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      dataDir: config.dataDir,
      log,
    }),
    accounts: new AccountsRepository(database.db),
    workspaces: new WorkspacesRepository(database.db),
    channels,
    channelDirectory: new ChannelDirectory(channels, config.secretKey),
    ingest: new IngestRepository(database.db),
    inbox: new InboxRepository(database.db),
    agentPhotos: new AgentPhotosRepository(database.db),
    contactProfiles: new ContactProfilesRepository(database.db),
    macros: new MacrosRepository(database.db),
    safety,
    safetySettings: new SafetySettingsStore(safety),
    audit: new AuditRepository(database.db),
    operations: new OperationsRepository(database.db),
    reports: new ReportsRepository(database.db),
    queue: new QueueRepository(database.db),
    serviceLevels,
    realtime: new RealtimeBus(database, log),
    signals: new EventEmitter(),
    community,
    questionPages: new QuestionPageCache(database, community.pages, log),
    console: new ConsoleRepository(database.db),
    reputation: createReputationRepositories(database.db),
    kb: new KbRepository(database.db),
    clock: createClock(),
    serviceConfig: new ServiceConfigCache(serviceLevels),
    ingestTimings: new StageTimer(),
  };
}
