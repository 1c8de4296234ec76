import type { UserRole, WorkspaceRow } from "../../db/schema/index.ts";
import { randomPassword, randomToken } from "../../lib/tokens.ts";
import type { Services } from "../../server/services.ts";
import { createUser } from "../accounts/create-user.ts";
import { createChannel } from "../channels/create-channel.ts";
import { seedCommunityBoards } from "../community/seed-community.ts";
import { seedHelpCentre } from "../kb/seed-help-centre.ts";
import { seedDemoRewards } from "../reputation/seed-rewards.ts";

export const DEMO_WORKSPACE = { slug: "demo", name: "Demo Telekom" } as const;
export const DEMO_ADMIN_EMAIL = "admin@demo.hilft.example";
/** The demo's brand accounts; their traffic comes from the simulator (see demo-traffic.ts). */
export const DEMO_X_USER_ID = "3001";
export const DEMO_FB_PAGE_ID = "1001";

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
  await connectDemoChannels(services, workspace.id);
  await seedCommunityBoards(services, workspace.id);
  await seedDemoRewards(services, workspace.id);
  const admin = await services.accounts.findUserByEmail(DEMO_ADMIN_EMAIL);
  if (admin) await seedHelpCentre(services, workspace.id, admin.id);
  return { workspace, created };
}

/** On an empty database, seeds the demo workspace; returns what it created, if anything. */
export async function seedOnFirstStart(services: Services): Promise<SeedResult | undefined> {
  if ((await services.accounts.countUsers()) > 0) return undefined;
  return seedDemo(services);
}

/**
 * The demo's X account and Facebook page, wired to the simulator this server mounts at
 * /simulator: replies go there, and demo traffic arrives signed with these secrets
 * (random per installation, stored encrypted like any channel's).
 */
async function connectDemoChannels(services: Services, workspaceId: string): Promise<void> {
  const apiBaseUrl = `http://127.0.0.1:${services.config.port}/simulator`;
  if (!(await services.channels.findByExternalId("x", DEMO_X_USER_ID))) {
    await createChannel(services, workspaceId, {
      kind: "x",
      handle: "telekom_hilft",
      userId: DEMO_X_USER_ID,
      consumerSecret: randomToken(24),
      accessToken: randomToken(24),
      apiBaseUrl,
      name: "@telekom_hilft (demo)",
    });
  }
  if (!(await services.channels.findByExternalId("facebook", DEMO_FB_PAGE_ID))) {
    await createChannel(services, workspaceId, {
      kind: "facebook",
      pageId: DEMO_FB_PAGE_ID,
      appSecret: randomToken(24),
      verifyToken: randomToken(24),
      pageToken: randomToken(24),
      apiBaseUrl,
      name: "Telekom hilft (demo page)",
    });
  }
}
