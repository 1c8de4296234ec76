import type { Logger } from "pino";
import type { Database, Db } from "../db/client.ts";
import { AccountsRepository } from "../modules/accounts/accounts.repository.ts";
import {
  type CommunityRepositories,
  createCommunityRepositories,
} from "../modules/community/community.services.ts";
import { WorkspacesRepository } from "../modules/workspaces/workspaces.repository.ts";
import type { Config } from "./config.ts";
import { createMailer, type Mailer } from "./mailer.ts";

/** What business operations get: config, the database, repositories and outside services. */
export interface Services {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  mailer: Mailer;
  accounts: AccountsRepository;
  workspaces: WorkspacesRepository;
  community: CommunityRepositories;
}

export function createServices(config: Config, database: Database, log: Logger): Services {
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
    community: createCommunityRepositories(database.db),
  };
}
