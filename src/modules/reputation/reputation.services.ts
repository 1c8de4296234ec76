import type { Db } from "../../db/client.ts";
import { LedgerRepository } from "./ledger.repository.ts";
import { RewardsRepository } from "./rewards.repository.ts";

/** Reputation's repositories, as `services.reputation`. */
export interface ReputationRepositories {
  ledger: LedgerRepository;
  rewards: RewardsRepository;
}

export function createReputationRepositories(db: Db): ReputationRepositories {
  return { ledger: new LedgerRepository(db), rewards: new RewardsRepository(db) };
}
