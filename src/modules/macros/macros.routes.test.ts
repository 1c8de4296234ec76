import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectChannels,
  eventually,
  nextId,
  postX,
  startRecorder,
  tweetEvent,
} from "../../../test/channels.ts";
import { userFactory } from "../../../test/factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import { createUser } from "../accounts/create-user.ts";

let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let anna: Agent;
let jonas: Agent;
let admin: Agent;
let customer: Agent;

beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp();
  await connectChannels(t, recorder.url);
  const workspace = (await t.services.workspaces.findBySlug("test"))!;
  const password = "sichere-schicht-42";
  for (const [email, name, role] of [
    ["anna@example.com", "Anna Berger", "agent"],
    ["jonas@example.com", "Jonas Keller", "agent"],
    ["boss@example.com", "Bea Boss", "admin"],
  ] as const) {
    await createUser(t.services, { email, name, password, role, workspaceId: workspace.id });
  }
  anna = await loginAs(t.app, "anna@example.com", password);
  jonas = await loginAs(t.app, "jonas@example.com", password);
  admin = await loginAs(t.app, "boss@example.com", password);
  const c = await userFactory(t.services);
  customer = await loginAs(t.app, c.user.email, c.password);
});
afterAll(async () => {
  await t?.close();
  await recorder?.close();
});

const create = (who: Agent, payload: object) =>
  who.inject({ method: "POST", url: "/api/v1/macros", payload });

describe("macros API", () => {
  it("creates personal and shared macros; others see only the shared ones", async () => {
    const personal = await create(anna, {
      title: "Router neu starten",
      body: "Hallo {{contact.first_name}}, bitte starte den Router neu. {{agent.first_name}}",
    });
    expect(personal.statusCode).toBe(201);
    expect(personal.json()).toMatchObject({
      scope: "personal",
      actions: {},
      ownerName: "Anna Berger",
      editable: true,
    });
    const shared = await create(anna, {
      title: "Störung bekannt",
      body: "Hallo {{contact.name}}, die Störung ist bekannt.",
      scope: "shared",
      actions: { status: "solved", addTags: ["Störung"] },
    });
    expect(shared.statusCode).toBe(201);
    expect(shared.json().actions).toEqual({ status: "solved", addTags: ["störung"] });

    const mine = (await anna.inject({ url: "/api/v1/macros" })).json().items;
    expect(mine.map((m: { title: string }) => m.title)).toEqual([
      "Router neu starten",
      "Störung bekannt",
    ]);
    const theirs = (await jonas.inject({ url: "/api/v1/macros" })).json().items;
    expect(theirs.map((m: { title: string }) => m.title)).toEqual(["Störung bekannt"]);
    expect(theirs[0].editable).toBe(false);
    const found = (await jonas.inject({ url: "/api/v1/macros?q=st%C3%B6rung" })).json().items;
    expect(found).toHaveLength(1);
    expect((await customer.inject({ url: "/api/v1/macros" })).statusCode).toBe(403);
  });

  it("names invalid fields, including unknown variables", async () => {
    const bad = await create(anna, {
      title: "",
      body: "Hallo {{kunde.vorname}}",
      scope: "team",
      actions: { status: "closed" },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["actions.status", "scope", "title"]);
    const variable = await create(anna, { title: "T", body: "Hallo {{kunde.vorname}}" });
    expect(variable.statusCode).toBe(400);
    expect(variable.json().error.details[0]).toMatchObject({ field: "body" });
    expect(variable.json().error.details[0].message).toContain("{{kunde.vorname}}");
  });

  it("lets the author edit and delete; admins tidy shared macros; others get 403 or 404", async () => {
    const shared = (
      await create(jonas, { title: "Danke", body: "Danke!", scope: "shared" })
    ).json();
    const personal = (await create(jonas, { title: "Privat", body: "Notiz" })).json();

    const byOther = await anna.inject({
      method: "PATCH",
      url: `/api/v1/macros/${shared.id}`,
      payload: { title: "Gekapert" },
    });
    expect(byOther.statusCode).toBe(403);
    const hidden = await anna.inject({
      method: "PATCH",
      url: `/api/v1/macros/${personal.id}`,
      payload: { title: "x" },
    });
    expect(hidden.statusCode).toBe(404);
    const adminPersonal = await admin.inject({
      method: "DELETE",
      url: `/api/v1/macros/${personal.id}`,
    });
    expect(adminPersonal.statusCode).toBe(404);

    const edited = await jonas.inject({
      method: "PATCH",
      url: `/api/v1/macros/${shared.id}`,
      payload: { body: "Danke, {{contact.first_name}}!", actions: { addTags: ["lob"] } },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      body: "Danke, {{contact.first_name}}!",
      actions: { addTags: ["lob"] },
    });
    const empty = await jonas.inject({
      method: "PATCH",
      url: `/api/v1/macros/${shared.id}`,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);

    const removed = await admin.inject({ method: "DELETE", url: `/api/v1/macros/${shared.id}` });
    expect(removed.statusCode).toBe(204);
    const gone = await jonas.inject({ method: "DELETE", url: `/api/v1/macros/${shared.id}` });
    expect(gone.statusCode).toBe(404);
  });

  it("applies a macro's actions when its reply is sent; the agent's status choice wins", async () => {
    const macro = (
      await create(anna, {
        title: "Gelöst",
        body: "Freut mich!",
        actions: { status: "pending", addTags: ["router", "lob"] },
      })
    ).json();
    const tweet = nextId();
    await postX(
      t,
      tweetEvent({
        id: tweet,
        text: "@telekom_hilft läuft wieder, danke!",
        user: { id: "7777", screen_name: "karla", name: "Karla Kunde" },
      }),
    );
    const conversationId = await eventually(async () => {
      const list = (await anna.inject({ url: "/api/v1/conversations?q=karla" })).json();
      return list.items[0]?.id as string | undefined;
    });
    const url = `/api/v1/conversations/${conversationId}/replies`;
    const res = await anna.inject({
      method: "POST",
      url,
      payload: { text: "Freut mich, Karla!", macroId: macro.id },
    });
    expect(res.statusCode).toBe(202);
    let d = (await anna.inject({ url: `/api/v1/conversations/${conversationId}` })).json();
    expect(d).toMatchObject({ status: "pending", tags: ["lob", "router"] });

    await anna.inject({
      method: "POST",
      url,
      payload: { text: "Noch etwas?", macroId: macro.id, status: "solved" },
    });
    d = (await anna.inject({ url: `/api/v1/conversations/${conversationId}` })).json();
    expect(d).toMatchObject({ status: "solved", tags: ["lob", "router"] });

    const foreign = (
      await create(jonas, { title: "Jonas privat", body: "x", actions: { status: "solved" } })
    ).json();
    const refused = await anna.inject({
      method: "POST",
      url,
      payload: { text: "Hallo", macroId: foreign.id },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe("macroId");
  });
});
