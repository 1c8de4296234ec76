import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectChannels,
  eventually,
  FB_PAGE,
  nextId,
  postFacebook,
  postX,
  startRecorder,
  tweetEvent,
  X_BRAND,
} from "../../../test/channels.ts";
import { tokenFactory } from "../../../test/factories.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import type { WebhookEventRow } from "../../db/schema/index.ts";
import { fbFeed } from "../../simulator/facebook-payloads.ts";
import { xTweetCreate } from "../../simulator/x-payloads.ts";
import { createUser } from "../accounts/create-user.ts";
import { processWebhookEvents } from "../inbox/process-webhook-event.ts";

let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
const tokens: Record<"agent" | "moderator" | "admin", string> = {
  agent: "",
  moderator: "",
  admin: "",
};

beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp();
  await connectChannels(t, recorder.url);
  const workspace = (await t.services.workspaces.findBySlug("test"))!;
  for (const role of ["agent", "moderator", "admin"] as const) {
    const user = await createUser(t.services, {
      email: `${role}@safety.example`,
      name: `Sam ${role}`,
      password: "sichere-schicht-42",
      role,
      workspaceId: workspace.id,
    });
    tokens[role] = await tokenFactory(t.services, user);
  }
});
afterAll(async () => {
  await t?.close();
  await recorder?.close();
});

const api = (
  role: keyof typeof tokens,
  url: string,
  method: "GET" | "POST" | "PATCH" = "GET",
  payload?: unknown,
) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tokens[role]}` },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });

const rows = <T>(sql: string, params: unknown[] = []) =>
  t.services.database.withConnection((c) => c.query<T>(sql, params)).then((r) => r.rows);

async function messageBy(platformId: string) {
  return eventually(async () => {
    const [row] = await rows<{ id: string; conversation_id: string }>(
      "SELECT id, conversation_id FROM messages WHERE platform_id = $1",
      [platformId],
    );
    return row;
  });
}

const allSent = () =>
  eventually(async () => {
    const [row] = await rows<{ n: string }>(
      "SELECT count(*) AS n FROM messages WHERE delivery_status IN ('queued', 'sending')",
    );
    return Number(row!.n) === 0;
  });

const IBAN = "DE89 3704 0044 0532 0130 00";

describe("a public Facebook comment with an IBAN", () => {
  const commentId = `2001_${nextId()}`;
  let conversationId: string;
  let messageId: string;

  beforeAll(async () => {
    const body = fbFeed({
      pageId: FB_PAGE.pageId,
      changes: [
        {
          item: "comment",
          verb: "add",
          commentId,
          postId: `${FB_PAGE.pageId}_2001`,
          from: { id: "77001", name: "Erika Mustermann" },
          message: `Bitte bucht die Rechnung von meinem Konto ab: IBAN ${IBAN}, Kundennummer folgt`,
          createdTime: Math.floor(Date.now() / 1000),
        },
      ],
    });
    expect((await postFacebook(t, body)).statusCode).toBe(200);
    const m = await messageBy(commentId);
    conversationId = m.conversation_id;
    messageId = m.id;
    await allSent();
  });

  it("is hidden on Facebook and the customer gets one private message in German", async () => {
    const hides = recorder.calls.filter((c) => c.path === `/${commentId}`);
    expect(hides).toEqual([expect.objectContaining({ body: { is_hidden: true } })]);
    const privateReplies = recorder.calls.filter(
      (c) =>
        c.path === `/${FB_PAGE.pageId}/messages` &&
        (c.body.recipient as { comment_id?: string })?.comment_id === commentId,
    );
    expect(privateReplies).toHaveLength(1);
    const text = (privateReplies[0]!.body.message as { text: string }).text;
    expect(text).toMatch(/Hallo Erika.*Bankverbindung \(IBAN\).*ausgeblendet.*löschen.*privat/);
    expect(text).not.toContain("3704");
  });

  it("is masked in the inbox list and detail, and the conversation is marked", async () => {
    const list = (await api("agent", "/api/v1/conversations?channel=facebook")).json();
    const item = list.items.find((i: { id: string }) => i.id === conversationId);
    expect(item.tags).toContain("personal_data");
    expect(item.contact.impostor).toBe(false);
    const detail = (await api("agent", `/api/v1/conversations/${conversationId}`)).json();
    const comment = detail.messages.find((m: { id: string }) => m.id === messageId);
    expect(comment).toMatchObject({
      text: "Bitte bucht die Rechnung von meinem Konto ab: IBAN [IBAN], Kundennummer folgt",
      masked: true,
      personalDataTypes: ["iban"],
      hidden: true,
    });
    // The private message is hilft's own, counted in the thread; the hide is a note.
    const automated = detail.messages.filter(
      (m: { meta: { automated?: string } }) => m.meta.automated,
    );
    expect(automated.map((m: { direction: string }) => m.direction).sort()).toEqual([
      "note",
      "outbound",
    ]);
    expect(JSON.stringify(detail)).not.toContain("0532");
  });

  it("is counted, and the full-text search does not find the IBAN", async () => {
    const report = (await api("agent", "/api/v1/reports/personal-data")).json();
    expect(report).toMatchObject({ total: 1, byType: [{ type: "iban", count: 1 }] });
    const byIban = (await api("agent", "/api/v1/conversations?q=DE89")).json();
    expect(byIban.items).toHaveLength(0);
    const byWord = (await api("agent", "/api/v1/conversations?q=Rechnung")).json();
    expect(byWord.items.map((i: { id: string }) => i.id)).toContain(conversationId);
  });

  it("is listed for the team as an incident, masked, with what hilft did", async () => {
    const res = await api("agent", "/api/v1/personal-data/incidents?channel=facebook");
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items).toEqual([
      expect.objectContaining({
        messageId,
        conversationId,
        channel: "facebook",
        author: "Erika Mustermann",
        text: "Bitte bucht die Rechnung von meinem Konto ab: IBAN [IBAN], Kundennummer folgt",
        types: ["iban"],
        actions: { hide: "queued", privateMessage: "queued" },
      }),
    ]);
    expect((await api("agent", "/api/v1/personal-data/incidents?channel=x")).json().items).toEqual(
      [],
    );
    const bad = await api("agent", "/api/v1/personal-data/incidents?cursor=nonsense");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("cursor");
  });

  it("is revealed only to permitted roles, and every reveal is audited", async () => {
    const url = `/api/v1/conversations/${conversationId}/messages/${messageId}/reveal`;
    const denied = await api("agent", url, "POST", {});
    expect(denied.statusCode).toBe(403);
    const shown = await api("moderator", url, "POST", { reason: "Erstattung prüfen" });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().text).toContain(IBAN);
    expect(shown.json().personalData).toEqual([
      { type: "iban", start: expect.any(Number), end: expect.any(Number) },
    ]);
    const audit = (await api("admin", "/api/v1/admin/audit?action=personal_data.revealed")).json();
    expect(audit.items).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ label: "moderator@safety.example" }),
        target: { type: "message", id: messageId },
        data: { conversationId, types: ["iban"], reason: "Erstattung prüfen" },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain("3704");
  });

  it("acts once: replaying the delivery queues nothing again", async () => {
    const [event] = await rows<{ id: string }>(
      "SELECT id FROM webhook_events WHERE platform = 'facebook' ORDER BY id DESC LIMIT 1",
    );
    const replay = await api("admin", `/api/v1/admin/webhook-events/${event!.id}/replay`, "POST");
    expect(replay.statusCode).toBe(202);
    await eventually(async () => {
      const [e] = await rows<{ status: string }>(
        "SELECT status FROM webhook_events WHERE id = $1",
        [event!.id],
      );
      return e?.status === "done";
    });
    const [n] = await rows<{ n: string }>(
      "SELECT count(*) AS n FROM messages WHERE meta->>'messageId' = $1",
      [messageId],
    );
    expect(Number(n!.n)).toBe(2);
  });

  it("holds an agent's public reply that repeats personal data, unless overridden", async () => {
    const url = `/api/v1/conversations/${conversationId}/replies`;
    const held = await api("agent", url, "POST", {
      text: `Danke, wir buchen von ${IBAN} ab.`,
      visibility: "public",
    });
    expect(held.statusCode).toBe(422);
    expect(held.json().error).toMatchObject({
      code: "personal_data_in_reply",
      details: { personalData: [{ type: "iban", start: 22, end: 49 }] },
    });
    const privately = await api("agent", url, "POST", {
      text: `Danke, wir buchen von ${IBAN} ab.`,
      visibility: "private",
    });
    expect(privately.statusCode).toBe(202);
    const forced = await api("agent", url, "POST", {
      text: "Rufen Sie uns an: 0171 2345678",
      visibility: "public",
      allowPersonalData: true,
    });
    expect(forced.statusCode).toBe(202);
    const audit = (
      await api("admin", "/api/v1/admin/audit?action=personal_data.public_reply_sent")
    ).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].data.types).toEqual(["phone"]);
    await allSent();
  });
});

describe("enrichment on ingest", () => {
  it("stores language, sentiment and praise, and counts praise per month and channel", async () => {
    const id = nextId();
    await postX(
      t,
      tweetEvent({
        id,
        text: "@telekom_hilft Vielen Dank für die super schnelle Hilfe, ihr seid klasse! 👍",
        user: { id: "8101", screen_name: "zufrieden", name: "Zufriedene Kundin" },
      }),
    );
    const m = await messageBy(id);
    const detail = (await api("agent", `/api/v1/conversations/${m.conversation_id}`)).json();
    expect(detail.messages[0]).toMatchObject({
      language: "de",
      sentiment: "positive",
      sentimentScore: expect.any(Number),
      praise: true,
      masked: false,
    });
    const report = (await api("agent", "/api/v1/reports/praise")).json();
    expect(report.total).toBeGreaterThanOrEqual(1);
    expect(report.byChannel).toContainEqual(
      expect.objectContaining({ channel: "x", count: expect.any(Number) }),
    );
    expect((await api("agent", "/api/v1/reports/praise?month=2001-01")).json()).toMatchObject({
      month: "2001-01",
      total: 0,
      byChannel: [],
    });
    expect((await api("agent", "/api/v1/reports/praise?month=2024-13")).statusCode).toBe(400);
    const feed = (await api("agent", "/api/v1/praise?channel=x")).json();
    expect(feed.items[0]).toMatchObject({ id: m.id, channel: "x", author: "Zufriedene Kundin" });
  });

  it("gives the same result one by one and in bulk", async () => {
    const channel = (await t.services.channels.findByExternalId("x", X_BRAND.userId))!;
    const text = "@telekom_hilft Danke, super Service! Meine Nummer für Rückfragen: 0171 2345678";
    const event = (n: number): Pick<WebhookEventRow, "id" | "platform" | "payload"> => ({
      id: -n,
      platform: "x",
      payload: xTweetCreate({
        forUserId: channel.externalId,
        tweets: [
          {
            id: `77${n}`,
            text,
            user: { id: `77${n}`, screenName: `paths_${n}`, name: `Pfad ${n}` },
          },
        ],
      }),
    });
    await processWebhookEvents(t.services, [event(1)], { bulk: false });
    await processWebhookEvents(t.services, [event(2)], { bulk: true });
    const stored = await rows<Record<string, unknown>>(
      `SELECT m.language, m.sentiment, m.sentiment_score, m.praise, m.personal_data, m.search_text,
         (SELECT count(*) FROM personal_data_incidents i WHERE i.message_id = m.id) AS incidents,
         (SELECT array_agg(a.send_action ORDER BY a.send_action) FROM messages a
           WHERE a.meta->>'messageId' = m.id::text) AS actions
       FROM messages m WHERE m.platform_id IN ('771', '772') ORDER BY m.platform_id`,
    );
    expect(stored).toHaveLength(2);
    expect(stored[0]).toEqual(stored[1]);
    expect(stored[0]).toMatchObject({
      language: "de",
      praise: true,
      search_text: "@telekom_hilft Danke, super Service! Meine Nummer für Rückfragen: [PHONE]",
      incidents: expect.anything(),
      // X cannot hide a reply: only the DM is queued, the gap is on the incident.
      actions: ["x_dm"],
    });
    const [incident] = await rows<{ actions: Record<string, string> }>(
      "SELECT actions FROM personal_data_incidents WHERE message_id = (SELECT id FROM messages WHERE platform_id = '771')",
    );
    expect(incident!.actions).toEqual({ hide: "unavailable", privateMessage: "queued" });
    await allSent();
  });
});

describe("impostor watch", () => {
  it("raises exactly one alert for @telekom_hiIft, and admins confirm it", async () => {
    const impostor = { id: "6660001", screen_name: "telekom_hiIft", name: "Telekom hilft" };
    const first = nextId();
    const second = nextId();
    await postX(
      t,
      tweetEvent({
        id: first,
        text: "@telekom_hilft Schreib mir deine PIN per DM",
        user: impostor,
      }),
    );
    await postX(
      t,
      tweetEvent({ id: second, text: "@telekom_hilft Wir helfen gern, DM an uns", user: impostor }),
    );
    const m = await messageBy(first);
    await messageBy(second);
    const alerts = (await api("admin", "/api/v1/admin/alerts")).json();
    expect(alerts.items.filter((a: { kind: string }) => a.kind === "impostor")).toEqual([
      expect.objectContaining({ message: expect.stringContaining("@telekom_hiIft") }),
    ]);
    const list = (await api("admin", "/api/v1/admin/impostors?status=suspected")).json();
    expect(list.items).toHaveLength(1);
    const suspect = list.items[0];
    expect(suspect).toMatchObject({
      handle: "telekom_hiIft",
      channel: "x",
      reason: "skeleton",
      seenCount: 2,
      evidence: expect.objectContaining({
        imitates: "telekom_hilft",
        confusables: [expect.objectContaining({ char: "I", looksLike: "l" })],
        candidate: expect.objectContaining({ handle: "telekom_hiIft" }),
        brand: expect.objectContaining({ value: "telekom_hilft" }),
        messageId: m.id,
      }),
    });
    expect(suspect.evidence.candidate.skeleton).toBe(suspect.evidence.brand.skeleton);

    expect(
      (await api("agent", `/api/v1/admin/impostors/${suspect.id}/confirm`, "POST")).statusCode,
    ).toBe(403);
    const confirmed = await api("admin", `/api/v1/admin/impostors/${suspect.id}/confirm`, "POST", {
      note: "mocks customers",
    });
    expect(confirmed.json().status).toBe("confirmed");
    const detail = (await api("agent", `/api/v1/conversations/${m.conversation_id}`)).json();
    expect(detail.contact.impostor).toBe(true);
    const inbox = (await api("agent", "/api/v1/conversations?q=telekom_hiIft")).json();
    expect(inbox.items[0].contact.impostor).toBe(true);
    const audit = (await api("admin", "/api/v1/admin/audit?action=impostor.")).json();
    expect(audit.items[0]).toMatchObject({
      action: "impostor.confirmed",
      target: { type: "impostor", id: suspect.id },
      data: expect.objectContaining({ previous: "suspected", note: "mocks customers" }),
    });
  });

  it("lets admins edit the brand; customers' own accounts stay unflagged", async () => {
    const before = (await api("admin", "/api/v1/admin/safety")).json();
    expect(before).toMatchObject({ brandHandles: ["telekom_hilft"], brandCustomized: false });
    const changed = await api("admin", "/api/v1/admin/safety", "PATCH", {
      brandHandles: ["@telekom_hilft", "deutschetelekom"],
      brandNames: ["Telekom"],
      personalDataPolicy: { x: { hide: false, privateMessage: false } },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      brandHandles: ["telekom_hilft", "deutschetelekom"],
      brandCustomized: true,
      personalDataPolicy: {
        x: { hide: false, privateMessage: false },
        facebook: { hide: true, privateMessage: true },
      },
    });
    const bad = await api("admin", "/api/v1/admin/safety", "PATCH", {
      customPatterns: [{ name: "vertrag", regex: "(" }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("customPatterns");
    await postX(
      t,
      tweetEvent({
        id: nextId(),
        text: "@deutschetelekom Router blinkt rot",
        user: { id: "8201", screen_name: "deutschetelekon", name: "Max" },
      }),
    );
    const hello = nextId();
    await postX(
      t,
      tweetEvent({
        id: hello,
        text: "@telekom_hilft Hallo!",
        user: { id: "8202", screen_name: "max_mueller", name: "Max Müller" },
      }),
    );
    await messageBy(hello);
    const handles = (await api("admin", "/api/v1/admin/impostors"))
      .json()
      .items.map((i: { handle: string }) => i.handle);
    expect(handles).toContain("deutschetelekon");
    expect(handles).not.toContain("max_mueller");
  });
});

describe("a public reply on X with an IBAN", () => {
  beforeAll(async () => {
    const res = await api("admin", "/api/v1/admin/safety", "PATCH", {
      personalDataPolicy: { x: { hide: true, privateMessage: true } },
    });
    expect(res.statusCode).toBe(200);
  });

  it("is hidden through X's hide-replies call and the customer gets one DM", async () => {
    const replyId = nextId();
    const body = tweetEvent({
      id: replyId,
      text: `@${X_BRAND.handle} Bucht es doch von ${IBAN} ab, bitte`,
      user: { id: "88001", screen_name: "kunde_k", name: "Karla Kunde" },
      inReplyTo: { statusId: "7001", userId: X_BRAND.userId, screenName: X_BRAND.handle },
    });
    expect((await postX(t, body)).statusCode).toBe(200);
    const m = await messageBy(replyId);
    await allSent();
    const hides = recorder.calls.filter((c) => c.path === `/2/tweets/${replyId}/hidden`);
    expect(hides).toEqual([expect.objectContaining({ method: "PUT", body: { hidden: true } })]);
    const dms = recorder.calls.filter((c) => c.path === "/2/dm_conversations/with/88001/messages");
    expect(dms).toHaveLength(1);
    expect(String(dms[0]!.body.text)).not.toContain("3704");
    const [row] = await rows<{ hidden_at: Date | null }>(
      "SELECT hidden_at FROM messages WHERE id = $1",
      [m.id],
    );
    expect(row!.hidden_at).not.toBeNull();
    const incidents = (await api("agent", "/api/v1/personal-data/incidents?channel=x")).json();
    expect(incidents.items.find((i: { messageId: string }) => i.messageId === m.id)).toMatchObject({
      actions: { hide: "queued", privateMessage: "queued" },
    });
  });

  it("stays visible when it starts a thread of its own (X hides only replies)", async () => {
    const mentionId = nextId();
    const body = tweetEvent({
      id: mentionId,
      text: `@${X_BRAND.handle} meine IBAN ist ${IBAN}`,
      user: { id: "88002", screen_name: "kunde_l", name: "Lara Kunde" },
    });
    expect((await postX(t, body)).statusCode).toBe(200);
    const m = await messageBy(mentionId);
    await allSent();
    expect(recorder.calls.filter((c) => c.path === `/2/tweets/${mentionId}/hidden`)).toEqual([]);
    const incidents = (await api("agent", "/api/v1/personal-data/incidents?channel=x")).json();
    expect(incidents.items.find((i: { messageId: string }) => i.messageId === m.id)).toMatchObject({
      actions: { hide: "unavailable", privateMessage: "queued" },
    });
    const refused = await api(
      "agent",
      `/api/v1/conversations/${m.conversation_id}/messages/${m.id}/hide`,
      "POST",
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("not_hideable");
  });
});
