import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectChannels,
  eventually,
  nextId,
  postX,
  startRecorder,
  tweetEvent,
} from "../../../test/channels.ts";
import { tokenFactory, userFactory } from "../../../test/factories.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import type { RealtimeEvent } from "../../server/realtime.ts";
import { refreshQueueScores } from "./refresh-queue-scores.ts";
import { checkSlaClocks } from "./sla-worker.ts";

let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let admin: string;
let workspaceId: string;
const agents: { id: string; token: string }[] = [];
let careTeam: string;
let alwaysTeam: string;

const call = (token: string | null, method: string, url: string, payload?: unknown) =>
  t.app.inject({
    method: method as "GET",
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

const weekdays = (start: string, end: string) =>
  [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

interface ConversationState {
  id: string;
  team_id: string | null;
  assignee_id: string | null;
  priority: number;
  tags: string[];
  status: string;
  routed_at: Date | null;
  sla_started_at: Date | null;
  first_response_warn_at: Date | null;
  first_response_due_at: Date | null;
  first_response_at: Date | null;
  resolution_due_at: Date | null;
  sla_pauses: { from: string; to?: string }[];
  last_auto_reply_at: Date | null;
  queue_score: number;
}

/** The conversation of a tweet, once the ingest worker has routed it. */
async function routed(platformId: string): Promise<ConversationState> {
  return eventually(async () => {
    const r = await t.services.database.withConnection((c) =>
      c.query<ConversationState>(
        `SELECT c.* FROM conversations c JOIN messages m ON m.conversation_id = c.id
          WHERE m.platform_id = $1 AND c.routed_at IS NOT NULL`,
        [platformId],
      ),
    );
    return r.rows[0];
  });
}

async function conversation(id: string): Promise<ConversationState> {
  const r = await t.services.database.withConnection((c) =>
    c.query<ConversationState>("SELECT * FROM conversations WHERE id = $1", [id]),
  );
  return r.rows[0]!;
}

async function autoReplies(conversationId: string): Promise<{ text: string; status: string }[]> {
  const r = await t.services.database.withConnection((c) =>
    c.query<{ text: string; status: string }>(
      `SELECT text, delivery_status AS status FROM messages
        WHERE conversation_id = $1 AND meta ? 'autoReply' ORDER BY created_at`,
      [conversationId],
    ),
  );
  return r.rows;
}

/** A customer's tweet at the given instant, with hilft's clock set to it. */
async function tweet(text: string, at: string, user: number, inReplyTo?: string) {
  const when = new Date(at);
  t.services.clock.set(when);
  const id = nextId();
  const res = await postX(
    t,
    tweetEvent({
      id,
      text,
      at: when,
      user: { id: String(7000 + user), screen_name: `kunde_${user}`, name: `Kunde ${user}` },
      ...(inReplyTo
        ? { inReplyTo: { statusId: inReplyTo, userId: String(7000 + user), screenName: "x" } }
        : {}),
    }),
  );
  expect(res.statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp();
  await connectChannels(t, recorder.url);
  const a = await userFactory(t.services, { role: "admin" });
  workspaceId = a.user.workspaceId;
  admin = await tokenFactory(t.services, a.user);
  for (const name of ["Ada", "Ben", "Cem"]) {
    const g = await userFactory(t.services, { role: "agent", name });
    agents.push({ id: g.user.id, token: await tokenFactory(t.services, g.user) });
  }
  agents.sort((x, y) => (x.id < y.id ? -1 : 1));
});
afterAll(async () => {
  await t?.close();
  await recorder?.close();
});

describe("routing rules and service settings API", () => {
  it("names every invalid field and keeps writes to admins", async () => {
    const bad = await call(admin, "POST", "/api/v1/routing-rules", {
      name: "",
      conditions: { languages: ["deutsch"], sentiments: ["angry"], colour: "red" },
      priority: 7,
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "name",
        "conditions.languages.0",
        "conditions.sentiments.0",
        "priority",
      ]),
    );
    const foreignTeam = await call(admin, "POST", "/api/v1/routing-rules", {
      name: "Nowhere",
      teamId: "00000000-0000-4000-8000-000000000000",
    });
    expect(foreignTeam.statusCode).toBe(400);
    expect(foreignTeam.json().error.details[0].field).toBe("teamId");
    expect(
      (await call(agents[0]!.token, "POST", "/api/v1/routing-rules", { name: "x" })).statusCode,
    ).toBe(403);

    const badSettings = await call(admin, "PATCH", "/api/v1/service-settings", {
      autoReplyTemplates: { x: { de: "Wir sind weg." } },
      slaPolicy: {
        targets: {
          low: { firstResponseMinutes: 60, resolutionMinutes: 30 },
          normal: { firstResponseMinutes: 0, resolutionMinutes: 60 },
        },
      },
    });
    expect(badSettings.statusCode).toBe(400);
    expect(badSettings.json().error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining([
        "autoReplyTemplates.x.de",
        "slaPolicy.targets.low.resolutionMinutes",
        "slaPolicy.targets.normal.firstResponseMinutes",
        "slaPolicy.targets.high",
      ]),
    );
    const defaults = await call(agents[0]!.token, "GET", "/api/v1/service-settings");
    expect(defaults.json()).toMatchObject({
      defaultPolicy: true,
      autoReplyEnabled: true,
      slaPolicy: { targets: { high: { firstResponseMinutes: 60 } } },
    });
  });

  it("sets up teams, members, presence, rules and settings", async () => {
    const care = await call(admin, "POST", "/api/v1/teams", {
      name: "Care",
      routingMode: "round_robin",
      timeZone: "Europe/Berlin",
      weekly: weekdays("08:00", "20:00"),
    });
    expect(care.statusCode).toBe(201);
    expect(care.json().routingMode).toBe("round_robin");
    careTeam = care.json().id;
    const always = await call(admin, "POST", "/api/v1/teams", {
      name: "Always",
      weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00" })),
    });
    alwaysTeam = always.json().id;
    for (const a of agents) {
      const res = await call(admin, "PUT", `/api/v1/teams/${careTeam}/members/${a.id}`, {
        skills: ["lang:de"],
        capacity: 2,
      });
      expect(res.statusCode).toBe(200);
    }
    const rule = await call(admin, "POST", "/api/v1/routing-rules", {
      name: "Rechnungen",
      conditions: { languages: ["de"], keywords: ["Rechnung"] },
      teamId: careTeam,
      priority: 2,
      tags: ["billing"],
    });
    expect(rule.statusCode).toBe(201);
    const settings = await call(admin, "PATCH", "/api/v1/service-settings", {
      defaultTeamId: alwaysTeam,
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().defaultTeamId).toBe(alwaysTeam);
    const rules = await call(agents[0]!.token, "GET", "/api/v1/routing-rules");
    expect(rules.json().items.map((r: { name: string }) => r.name)).toEqual(["Rechnungen"]);
  });
});

describe("routing new conversations", () => {
  // Monday 3 June 2024, 10:00 in Berlin (08:00 UTC): the care team is open.
  const monday10 = "2024-06-03T08:00:00Z";

  it("routes by rule to the team, sets priority and tags, assigns round robin to online agents on shift", async () => {
    t.services.clock.set(new Date(monday10));
    // Ada and Ben are online; Cem's console is closed.
    for (const a of agents.slice(0, 2))
      await call(a.token, "PUT", "/api/v1/presence", { status: "online" });
    const bad = await call(agents[2]!.token, "PUT", "/api/v1/presence", { status: "busy" });
    expect(bad.json().error.details[0].field).toBe("status");

    // The queue score is written with the routing: the refresh after the commit finds
    // nothing to change for these conversations.
    const rescored: string[] = [];
    const setQueueScores = t.services.queue.setQueueScores.bind(t.services.queue);
    t.services.queue.setQueueScores = (updates) => {
      rescored.push(...updates.map((u) => u.id));
      return setQueueScores(updates);
    };
    const first = await routed(
      await tweet("@telekom_hilft Meine Rechnung ist viel zu hoch, bitte prüfen", monday10, 1),
    );
    // Priority 2, the first-response clock just started: 20, and 10 more if negative.
    expect([20, 30]).toContain(first.queue_score);
    expect(first).toMatchObject({ team_id: careTeam, priority: 2, tags: ["billing"] });
    expect(first.assignee_id).toBe(agents[0]!.id);
    // High priority: first response within 1 business hour, warning at 45 minutes.
    expect(first.sla_started_at?.toISOString()).toBe("2024-06-03T08:00:00.000Z");
    expect(first.first_response_due_at?.toISOString()).toBe("2024-06-03T09:00:00.000Z");
    expect(first.first_response_warn_at?.toISOString()).toBe("2024-06-03T08:45:00.000Z");
    // 8 business hours: 10:00–20:00 is 10 hours, so the same evening at 18:00.
    expect(first.resolution_due_at?.toISOString()).toBe("2024-06-03T16:00:00.000Z");

    const second = await routed(
      await tweet("@telekom_hilft Rechnung doppelt abgebucht?!", "2024-06-03T08:00:30Z", 2),
    );
    expect(second.assignee_id).toBe(agents[1]!.id);
    t.services.queue.setQueueScores = setQueueScores;
    expect(rescored).not.toContain(first.id);
    const third = await routed(
      await tweet("@telekom_hilft Noch eine Frage zur Rechnung", "2024-06-03T08:01:00Z", 3),
    );
    // Round robin wraps around; Cem is never picked while offline.
    expect(third.assignee_id).toBe(agents[0]!.id);
    // Ada is at her capacity of 2: the next goes to Ben, then nobody is free.
    const fourth = await routed(
      await tweet("@telekom_hilft Rechnung kaputt", "2024-06-03T08:01:30Z", 4),
    );
    expect(fourth.assignee_id).toBe(agents[1]!.id);
    const fifth = await routed(
      await tweet("@telekom_hilft Rechnung schon wieder falsch", "2024-06-03T08:01:45Z", 5),
    );
    expect(fifth.assignee_id).toBeNull();
    expect(fifth.team_id).toBe(careTeam);
    // Without a heartbeat for two minutes an agent counts as offline.
    await call(agents[0]!.token, "PATCH", `/api/v1/conversations/${first.id}`, {
      status: "solved",
    });
    const sixth = await routed(
      await tweet("@telekom_hilft Rechnung, letzte Frage", "2024-06-03T08:02:30Z", 14),
    );
    expect(sixth.assignee_id).toBeNull();
    await call(agents[0]!.token, "PUT", "/api/v1/presence", { status: "online" });
    const seventh = await routed(
      await tweet("@telekom_hilft Rechnung, allerletzte Frage", "2024-06-03T08:02:40Z", 15),
    );
    expect(seventh.assignee_id).toBe(agents[0]!.id);
  });

  it("sends no one outside their shift, and puts what no rule matches in the default team", async () => {
    // Monday 21:00 in Berlin: the care team is closed, so its agents are off shift.
    const late = await routed(
      await tweet("@telekom_hilft Rechnung um neun Uhr abends", "2024-06-03T19:00:00Z", 6),
    );
    expect(late.team_id).toBe(careTeam);
    expect(late.assignee_id).toBeNull();
    const other = await routed(
      await tweet("@telekom_hilft Wie ist das WLAN-Passwort?", "2024-06-03T08:10:00Z", 7),
    );
    expect(other).toMatchObject({ team_id: alwaysTeam, priority: 1, tags: [] });
    // Normal priority in a 24/7 team: 2 hours.
    expect(other.first_response_due_at?.toISOString()).toBe("2024-06-03T10:10:00.000Z");
  });
});

describe("out-of-hours replies", () => {
  it("answers once per closed period, in the customer's language, with when the team is back", async () => {
    const before = recorder.calls.length;
    // Saturday 8 June 2024, 14:00 in Berlin: closed until Monday 08:00.
    const first = await tweet(
      "@telekom_hilft Meine Rechnung stimmt nicht",
      "2024-06-08T12:00:00Z",
      8,
    );
    const c = await routed(first);
    const replies = await eventually(async () => {
      const r = await autoReplies(c.id);
      return r.length && r.every((x) => x.status === "sent") ? r : undefined;
    });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe(
      "Danke für deine Nachricht! Unser Team ist gerade nicht besetzt und ab Mo., 10. Juni, 08:00 Uhr wieder für dich da.",
    );
    const sent = recorder.calls
      .slice(before)
      .filter(
        (x) =>
          x.path === "/2/tweets" &&
          (x.body.reply as { in_reply_to_tweet_id?: string })?.in_reply_to_tweet_id === first,
      );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({
      text: replies[0]!.text,
      reply: { in_reply_to_tweet_id: first },
    });

    // The customer writes again on Sunday: same closed period, no second reply.
    const again = await tweet(
      "@telekom_hilft Hallo? Die Rechnung!",
      "2024-06-09T09:00:00Z",
      8,
      first,
    );
    await eventually(async () => {
      const r = await t.services.database.withConnection((q) =>
        q.query("SELECT 1 FROM messages WHERE platform_id = $1", [again]),
      );
      return r.rows.length > 0;
    });
    expect(await autoReplies(c.id)).toHaveLength(1);

    // Monday 21:00: the team was open in between, so a new closed period answers again.
    await tweet("@telekom_hilft Immer noch offen", "2024-06-10T19:00:00Z", 8, again);
    const later = await eventually(async () => {
      const r = await autoReplies(c.id);
      return r.length === 2 ? r : undefined;
    });
    expect(later[1]!.text).toMatch(/morgen.*08:00/);
  });

  it("writes English with the team's time zone, and nothing while the team is open", async () => {
    const en = await routed(
      await tweet(
        "@telekom_hilft Hello, my bill is wrong and I need help with the invoice please",
        "2024-06-08T12:00:00Z",
        9,
      ),
    );
    // English is not covered by the German billing rule: the 24/7 team, always open.
    expect(en.team_id).toBe(alwaysTeam);
    expect(await autoReplies(en.id)).toHaveLength(0);
    await call(admin, "POST", "/api/v1/routing-rules", {
      name: "English bills",
      conditions: { languages: ["en"], keywords: ["bill"] },
      teamId: careTeam,
    });
    const closed = await routed(
      await tweet(
        "@telekom_hilft Hello, my bill is wrong again, can someone look at it",
        "2024-06-08T12:05:00Z",
        10,
      ),
    );
    expect(closed.team_id).toBe(careTeam);
    const r = await eventually(async () => {
      const x = await autoReplies(closed.id);
      return x.length ? x : undefined;
    });
    expect(r[0]!.text).toBe(
      "Thanks for your message! Our team is offline right now and back Mon 10 June, 08:00.",
    );
    const open = await routed(
      await tweet(
        "@telekom_hilft Hello, my bill is wrong, this is urgent",
        "2024-06-10T08:00:00Z",
        11,
      ),
    );
    await new Promise((res) => setTimeout(res, 300));
    expect(await autoReplies(open.id)).toHaveLength(0);
  });

  it("uses the workspace's template for the channel, and stays silent when switched off", async () => {
    const set = await call(admin, "PATCH", "/api/v1/service-settings", {
      autoReplyTemplates: { x: { de: "Wir sind ab {backAt} wieder da. Dein Team" } },
    });
    expect(set.statusCode).toBe(200);
    const c = await routed(
      await tweet("@telekom_hilft Rechnung falsch am Sonntag", "2024-06-09T10:00:00Z", 12),
    );
    const r = await eventually(async () => {
      const x = await autoReplies(c.id);
      return x.length ? x : undefined;
    });
    expect(r[0]!.text).toMatch(/^Wir sind ab morgen 08:00.* wieder da\. Dein Team$/);
    await call(admin, "PATCH", "/api/v1/service-settings", { autoReplyEnabled: false });
    const silent = await routed(
      await tweet("@telekom_hilft Rechnung falsch, Sonntagabend", "2024-06-09T18:00:00Z", 13),
    );
    await new Promise((res) => setTimeout(res, 300));
    expect(await autoReplies(silent.id)).toHaveLength(0);
  });
});

describe("SLA clocks", () => {
  it("warns, then records a breach once, and stops at the first agent reply", async () => {
    const events: RealtimeEvent[] = [];
    const stop = t.services.realtime.subscribe(workspaceId, (e) => {
      if (e.type.startsWith("sla.")) events.push(e);
    });
    const c = await routed(
      await tweet("@telekom_hilft Ich habe eine Frage zum Vertrag", "2024-06-04T08:00:00Z", 20),
    );
    expect(c.first_response_due_at?.toISOString()).toBe("2024-06-04T10:00:00.000Z");
    t.services.clock.set(new Date("2024-06-04T09:31:00Z"));
    await checkSlaClocks(t.services);
    await eventually(async () => events.some((e) => e.conversationId === c.id));
    expect(events.filter((e) => e.conversationId === c.id)).toEqual([
      expect.objectContaining({ type: "sla.warning", clock: "first_response" }),
    ]);
    t.services.clock.set(new Date("2024-06-04T10:01:00Z"));
    await checkSlaClocks(t.services);
    await checkSlaClocks(t.services);
    await eventually(async () =>
      events.some((e) => e.conversationId === c.id && e.type === "sla.breached"),
    );
    const mine = events.filter((e) => e.conversationId === c.id);
    expect(mine.map((e) => e.type)).toEqual(["sla.warning", "sla.breached"]);
    const recorded = await t.services.database.withConnection((q) =>
      q.query("SELECT clock, kind FROM sla_events WHERE conversation_id = $1 ORDER BY id", [c.id]),
    );
    expect(recorded.rows).toEqual([
      { clock: "first_response", kind: "warning" },
      { clock: "first_response", kind: "breach" },
    ]);

    const reply = await call(agents[0]!.token, "POST", `/api/v1/conversations/${c.id}/replies`, {
      text: "Gern, worum geht es?",
    });
    expect(reply.statusCode).toBe(202);
    const answered = await eventually(async () => {
      const x = await conversation(c.id);
      return x.first_response_at ? x : undefined;
    });
    expect(answered.first_response_at?.toISOString()).toBe("2024-06-04T10:01:00.000Z");
    stop();
  });

  it("pauses the resolution clock while pending on the customer and moves its due time", async () => {
    t.services.clock.set(null);
    const c = await routed(
      await tweet("@telekom_hilft Frage zum Router", new Date().toISOString(), 21),
    );
    expect(c.team_id).toBe(alwaysTeam);
    const due = c.resolution_due_at!.getTime();
    t.services.clock.set(null);
    const pending = await call(agents[0]!.token, "PATCH", `/api/v1/conversations/${c.id}`, {
      status: "pending",
    });
    expect(pending.statusCode).toBe(200);
    const paused = await conversation(c.id);
    expect(paused.resolution_due_at).toBeNull();
    expect(paused.sla_pauses).toHaveLength(1);
    await new Promise((res) => setTimeout(res, 1200));
    await call(agents[0]!.token, "PATCH", `/api/v1/conversations/${c.id}`, { status: "open" });
    const resumed = await conversation(c.id);
    expect(resumed.sla_pauses[0]!.to).toBeTruthy();
    await checkSlaClocks(t.services);
    const after = await conversation(c.id);
    expect(after.resolution_due_at!.getTime() - due).toBeGreaterThanOrEqual(1000);
  });

  it("routes a reopened conversation again with a new SLA cycle", async () => {
    const first = await tweet("@telekom_hilft Rechnung Frage", "2024-06-05T08:00:00Z", 22);
    const c = await routed(first);
    await call(admin, "PATCH", `/api/v1/conversations/${c.id}`, { status: "solved" });
    const again = await tweet(
      "@telekom_hilft Rechnung doch nicht gelöst",
      "2024-06-06T08:00:00Z",
      22,
      first,
    );
    const reopened = await eventually(async () => {
      const x = await conversation(c.id);
      return x.routed_at && x.sla_started_at?.toISOString() === "2024-06-06T08:00:00.000Z"
        ? x
        : undefined;
    });
    expect(reopened.status).toBe("open");
    expect(reopened.first_response_due_at?.toISOString()).toBe("2024-06-06T09:00:00.000Z");
    expect(again).toBeTruthy();
  });
});

describe("queue scores", () => {
  it("the full pass reaches every waiting conversation, also page by page", async () => {
    const mine: string[] = [];
    for (const user of [61, 62, 63]) {
      const c = await routed(
        await tweet("@telekom_hilft Router blinkt rot", "2024-06-07T08:00:00Z", user),
      );
      mine.push(c.id);
    }
    // The latest inbound message's sentiment counts: negative adds 10.
    const setSentiment = (id: string, sentiment: string) =>
      t.services.database.withConnection((c) =>
        c.query("UPDATE messages SET sentiment = $2 WHERE conversation_id = $1", [id, sentiment]),
      );
    await setSentiment(mine[0]!, "neutral");
    await refreshQueueScores(t.services, undefined, 2);
    const calm = (await conversation(mine[0]!)).queue_score;
    await setSentiment(mine[0]!, "negative");
    await refreshQueueScores(t.services, undefined, 2);
    expect((await conversation(mine[0]!)).queue_score).toBe(calm + 10);
    const waiting = async () =>
      (
        await t.services.database.withConnection((c) =>
          c.query<{ id: string; queue_score: number }>(
            "SELECT id, queue_score FROM conversations WHERE status IN ('new', 'open') ORDER BY id",
          ),
        )
      ).rows;
    const scored = await waiting();
    expect(scored.length).toBeGreaterThanOrEqual(3);
    await refreshQueueScores(t.services, undefined, null);
    const expected = await waiting();

    for (const pageSize of [2, null]) {
      await t.services.database.withConnection((c) =>
        c.query("UPDATE conversations SET queue_score = -1 WHERE status IN ('new', 'open')"),
      );
      const changed = await refreshQueueScores(t.services, undefined, pageSize);
      expect(changed).toBe(expected.length);
      expect(await waiting()).toEqual(expected);
    }
  });
});
