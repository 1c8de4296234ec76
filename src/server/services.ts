import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { Database, Db } from "../db/client.ts";
import { AccountsRepository } from "../modules/accounts/accounts.repository.ts";
import { ChannelDirectory } from "../modules/channels/channel-directory.ts";
import { ChannelsRepository } from "../modules/channels/channels.repository.ts";
import { InboxRepository } from "../modules/inbox/inbox.repository.ts";
import { IngestRepository } from "../modules/inbox/ingest.repository.ts";
import { OperationsRepository } from "../modules/operations/operations.repository.ts";
import { ReportsRepository } from "../modules/operations/reports.repository.ts";
import { WorkspacesRepository } from "../modules/workspaces/workspaces.repository.ts";
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
  /** Teams, members and opening hours; the reports' aggregates. */
  operations: OperationsRepository;
  reports: ReportsRepository;
  realtime: RealtimeBus;
  /** In-process nudges between parts, e.g. "webhook-stored" wakes the ingest worker. */
  signals: EventEmitter;
}

export function createServices(config: Config, database: Database, log: Logger): Services {
  const channels = new ChannelsRepository(database.db);
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
    operations: new OperationsRepository(database.db),
    reports: new ReportsRepository(database.db),
    realtime: new RealtimeBus(database, log),
    signals: new EventEmitter(),
  };
}
