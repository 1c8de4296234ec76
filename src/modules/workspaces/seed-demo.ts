import type { UserRole, WorkspaceRow } from "../../db/schema/index.ts";
import { randomPassword } from "../../lib/tokens.ts";
import type { Services } from "../../server/services.ts";
import { createUser } from "../accounts/create-user.ts";
import { seedCommunityBoards } from "../community/seed-community.ts";

export const DEMO_WORKSPACE = { slug: "demo", name: "Demo Telekom" } as const;
export const DEMO_ADMIN_EMAIL = "admin@demo.hilft.example";

const DEMO_PEOPLE: { email: string; name: string; role: UserRole }[] = [
  { email: DEMO_ADMIN_EMAIL, name: "Demo Admin", role: "admin" },
  { email: "anna.berger@demo.hilft.example", name: "Anna Berger", role: "agent" },
  { email: "jonas.keller@demo.hilft.example", name: "Jonas Keller", role: "agent" },
  { email: "mira.schulz@demo.hilft.example", name: "Mira Schulz", role: "moderator" },
  { email: "kunde@demo.hilft.example", name: "Karla Kunde", role: "customer" },
];

export interface SeedResult {
  workspace: WorkspaceRow;
  /** People created by this run, with their one-time passwords. Existing ones are left alone. */
  created: { email: string; name: string; role: UserRole; password: string }[];
}

/**
 * Creates the demo workspace and its people. Safe to run again: what exists is kept,
 * and only new accounts get (and print) a fresh random password.
 */
export async function seedDemo(services: Services): Promise<SeedResult> {
  const workspace = await services.workspaces.ensure(DEMO_WORKSPACE.slug, DEMO_WORKSPACE.name);
  const created: SeedResult["created"] = [];
  for (const person of DEMO_PEOPLE) {
    if (await services.accounts.findUserByEmail(person.email)) continue;
    const password = randomPassword();
    await createUser(services, { ...person, password, workspaceId: workspace.id });
    created.push({ ...person, password });
  }
  await seedCommunityBoards(services, workspace.id);
  return { workspace, created };
}

/** On an empty database, seeds the demo workspace; returns what it created, if anything. */
export async function seedOnFirstStart(services: Services): Promise<SeedResult | undefined> {
  if ((await services.accounts.countUsers()) > 0) return undefined;
  return seedDemo(services);
}
