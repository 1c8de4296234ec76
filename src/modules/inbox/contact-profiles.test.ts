import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChannels, eventually, postFacebook } from "../../../test/channels.ts";
import { buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import { fbMessages } from "../../simulator/facebook-payloads.ts";
import { simulatedPerson } from "../../simulator/graph-api.ts";
import {
  type RunningPlatformServer,
  startPlatformServer,
} from "../../simulator/platform-server.ts";
import { createUser } from "../accounts/create-user.ts";

/** Messenger webhooks name a person only by page-scoped id; hilft asks Graph for the rest. */
let t: TestApp;
let platform: RunningPlatformServer;

beforeAll(async () => {
  platform = await startPlatformServer({ port: 0 });
  t = await buildTestApp();
  await connectChannels(t, platform.url);
});
afterAll(async () => {
  await t?.close();
  await platform?.close();
});

const identityOf = async (psid: string) =>
  (
    await t.services.database.withConnection((c) =>
      c.query<{
        display_name: string | null;
        avatar_url: string | null;
        profile_attempts: number;
        profile_error: string | null;
        contact_name: string;
        contact_avatar: string | null;
      }>(
        `SELECT ci.display_name, ci.avatar_url, ci.profile_attempts, ci.profile_error,
                c.display_name AS contact_name, c.avatar_url AS contact_avatar
           FROM contact_identities ci JOIN contacts c ON c.id = ci.contact_id
          WHERE ci.platform_user_id = $1`,
        [psid],
      ),
    )
  ).rows[0];

const dm = (psid: string, mid: string, text: string) =>
  postFacebook(t, fbMessages({ pageId: "1001", events: [{ kind: "message", psid, mid, text }] }));

describe("Messenger contact profiles", () => {
  it("looks up a new Messenger contact's name and picture once, and shows them to agents", async () => {
    const psid = "7345001122334455";
    expect((await dm(psid, "m_profile_1", "Hallo, mein Router ist kaputt")).statusCode).toBe(200);
    const person = simulatedPerson(psid);
    const name = `${person.firstName} ${person.lastName}`;
    const row = await eventually(async () => {
      const r = await identityOf(psid);
      return r?.display_name === name ? r : undefined;
    });
    expect(row.contact_name).toBe(name);
    expect(row.avatar_url).toBe(`${platform.url}/_sim/avatars/${psid}.svg`);
    expect(row.contact_avatar).toBe(row.avatar_url);

    const lookups = platform.state.calls.filter(
      (c) => c.platform === "facebook" && c.method === "GET" && c.path === `/${psid}`,
    );
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.query.fields).toBe("first_name,last_name,profile_pic");
    expect(lookups[0]!.auth).toBe("bearer");

    // A second message changes nothing and asks nobody.
    await dm(psid, "m_profile_2", "Noch da?");
    await new Promise((r) => setTimeout(r, 500));
    expect(
      platform.state.calls.filter((c) => c.method === "GET" && c.path === `/${psid}`),
    ).toHaveLength(1);

    const workspace = (await t.services.workspaces.findBySlug("test"))!;
    await createUser(t.services, {
      email: "mia@example.com",
      name: "Mia Wolf",
      password: "sichere-schicht-42",
      role: "agent",
      workspaceId: workspace.id,
    });
    const mia = await loginAs(t.app, "mia@example.com", "sichere-schicht-42");
    const list = (await mia.inject({ url: "/api/v1/conversations?channel=facebook" })).json();
    expect(list.items.map((c: { contact: { name: string } }) => c.contact.name)).toContain(name);
  });

  it("keeps a name an agent gave the contact", async () => {
    const psid = "7345009988776655";
    await dm(psid, "m_profile_3", "Hallo");
    const conversation = await eventually(async () => {
      const r = await t.services.database.withConnection((c) =>
        c.query<{ contact_id: string }>(
          `SELECT cv.contact_id FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
            WHERE m.platform_id = 'm_profile_3'`,
        ),
      );
      return r.rows[0];
    });
    // The lookup may already have run; an agent's later rename must survive the next one.
    await t.services.database.withConnection((c) =>
      c.query("UPDATE contacts SET display_name = 'Frau Dr. Berg' WHERE id = $1", [
        conversation.contact_id,
      ]),
    );
    await t.services.database.withConnection((c) =>
      c.query(
        "UPDATE contact_identities SET display_name = NULL, profile_next_at = now() WHERE platform_user_id = $1",
        [psid],
      ),
    );
    const { fetchContactProfiles } = await import("./fetch-contact-profiles.ts");
    await fetchContactProfiles(t.services);
    const row = await identityOf(psid);
    const person = simulatedPerson(psid);
    expect(row?.display_name).toBe(`${person.firstName} ${person.lastName}`);
    expect(row?.contact_name).toBe("Frau Dr. Berg");
  });

  it("gives up on a profile the page may not read, and retries one the platform failed", async () => {
    const psid = "7345005555555555";
    platform.state.addFault({ platform: "facebook", status: 503, remaining: 1 });
    // The fault may be taken by the lookup (as intended) — nothing else calls Graph here.
    await dm(psid, "m_profile_4", "Hallo?");
    const failed = await eventually(async () => {
      const r = await identityOf(psid);
      return r?.profile_error ? r : undefined;
    });
    expect(failed.display_name).toBeNull();
    expect(failed.profile_attempts).toBe(1);
    expect(failed.contact_name).toBe(`facebook user ${psid}`);

    // Permanently refused (no token for it): given up, not asked again.
    platform.state.addFault({ platform: "facebook", status: 400, remaining: 1 });
    await t.services.database.withConnection((c) =>
      c.query("UPDATE contact_identities SET profile_next_at = now() WHERE platform_user_id = $1", [
        psid,
      ]),
    );
    const { fetchContactProfiles } = await import("./fetch-contact-profiles.ts");
    await fetchContactProfiles(t.services);
    const given = await identityOf(psid);
    expect(given?.display_name).toBeNull();
    expect(given?.profile_attempts).toBe(5);
    expect(await fetchContactProfiles(t.services)).toBe(0);
  });
});
