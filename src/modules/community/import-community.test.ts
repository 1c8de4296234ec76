import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberFactory } from "../../../test/community-factories.ts";
import { createTestDatabase } from "../../../test/database.ts";
import { runCli } from "../../../test/e2e-server.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { importCommunity, importedAuthorEmail } from "./import-community.ts";
import { ensureMemberSettings } from "./notifications/notification-settings.ts";

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await buildTestApp();
  dir = mkdtempSync(path.join(tmpdir(), "hilft-import-"));
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const line = (o: Record<string, unknown>) => JSON.stringify(o);
const q1 = {
  externalId: "ext-1",
  board: "Internet & Festnetz",
  title: "Router verliert nachts die Verbindung",
  body: "Jede Nacht gegen 3 Uhr ist das **Internet** weg.",
  author: "Paula P.",
  createdAt: "2023-05-01T08:00:00Z",
  tags: ["Router", "DSL"],
  answers: [
    {
      externalId: "ext-1-a",
      body: "Das ist die Zwangstrennung.",
      author: "Tom",
      createdAt: "2023-05-01T09:00:00Z",
      accepted: true,
    },
    {
      externalId: "ext-1-b",
      body: "Firmware aktualisieren!",
      author: "Paula P.",
      createdAt: "2023-05-01T10:00:00Z",
    },
  ],
};
const q2 = {
  ...q1,
  externalId: "ext-2",
  title: "Second question in English",
  body: "Body",
  answers: [],
};

function writeFile(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("community import", () => {
  it("imports questions with answers, boards and authors; a second run updates instead of duplicating", async () => {
    const file = writeFile("first.jsonl", [
      line(q1),
      "{broken",
      line({ ...q2, createdAt: "soon" }),
      line(q2),
    ]);
    const first = await importCommunity(t.services, file, { batchSize: 1 });
    expect(first).toMatchObject({
      lines: 4,
      skipped: 2,
      questionsCreated: 2,
      answersCreated: 2,
      boardsCreated: 1,
      problems: [
        { line: 2, message: "not valid JSON" },
        { line: 3, message: "createdAt: must be an ISO 8601 date and time" },
      ],
    });

    const list = await t.app.inject({
      url: "/api/v1/community/questions?board=internet-festnetz&sort=newest",
    });
    const items = list.json().items;
    expect(items).toHaveLength(2);
    const imported = items.find((i: { externalId: string }) => i.externalId === "ext-1");
    expect(imported).toMatchObject({
      status: "solved",
      answerCount: 2,
      tags: ["router", "dsl"],
      createdAt: "2023-05-01T08:00:00.000Z",
    });
    const detail = (
      await t.app.inject({ url: `/api/v1/community/questions/${imported.id}` })
    ).json();
    expect(detail.answers[0]).toMatchObject({ externalId: "ext-1-a", accepted: true });
    expect(detail.acceptedBy.name).toBe("Paula P.");
    expect(detail.bodyHtml).toContain("<strong>Internet</strong>");

    const author = await t.services.accounts.findUserByEmail(importedAuthorEmail("Paula P."));
    expect(author).toMatchObject({ role: "customer", passwordHash: null, name: "Paula P." });
    expect(author!.email).toMatch(/\.invalid$/);

    const changed = {
      ...q1,
      title: "Router verliert nachts die DSL-Verbindung",
      answers: [
        ...q1.answers,
        {
          externalId: "ext-1-c",
          body: "Neu",
          author: "Neu Person",
          createdAt: "2023-05-02T10:00:00Z",
        },
      ],
    };
    const second = await importCommunity(
      t.services,
      writeFile("second.jsonl", [line(changed), line(q2)]),
    );
    expect(second).toMatchObject({
      skipped: 0,
      questionsCreated: 0,
      questionsUpdated: 2,
      answersCreated: 1,
      answersUpdated: 2,
    });
    const after = (
      await t.app.inject({ url: "/api/v1/community/questions?board=internet-festnetz" })
    ).json().items;
    expect(after).toHaveLength(2);
    expect(after.find((i: { externalId: string }) => i.externalId === "ext-1")).toMatchObject({
      title: "Router verliert nachts die DSL-Verbindung",
      answerCount: 3,
    });
  });

  it("links @handles of the community's members in imported posts", async () => {
    const tom = await memberFactory(t.services, { name: "Tom Technik" });
    const settings = await ensureMemberSettings(t.services, tom.user);
    expect(settings.handle).toBe("tom_technik");
    const file = writeFile("mentions.jsonl", [
      line({
        ...q2,
        externalId: "ext-mention",
        body: "Weiß @Tom_Technik das? @niemand_hier kennt es nicht.",
        answers: [{ ...q1.answers[0], externalId: "ext-mention-a", body: "Frag @tom_technik." }],
      }),
    ]);
    await importCommunity(t.services, file);
    const list = await t.app.inject({ url: "/api/v1/community/questions?sort=newest&limit=50" });
    const id = list
      .json()
      .items.find((i: { externalId: string }) => i.externalId === "ext-mention").id;
    const detail = (await t.app.inject({ url: `/api/v1/community/questions/${id}` })).json();
    expect(detail.bodyHtml).toContain('href="/community/u/@tom_technik"');
    expect(detail.bodyHtml).not.toContain("/community/u/@niemand_hier");
    expect(detail.answers[0].bodyHtml).toContain('href="/community/u/@tom_technik"');
  });

  it("finds imported questions with the similarity engine", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/questions/similar",
      payload: { title: "Verbindung nachts weg" },
    });
    expect(res.json().items[0]).toMatchObject({ externalId: "ext-1", solved: true });
  });

  it("runs as `hilft import community FILE` with plain progress lines, bad lines and a summary", async () => {
    const db = await createTestDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), "hilft-import-cli-"));
    db.prepareDataDir(dataDir);
    try {
      const file = writeFile("cli.jsonl", [line(q1), "not json", line(q2)]);
      const env = { HILFT_DATA_DIR: dataDir, ...(db.url ? { DATABASE_URL: db.url } : {}) };
      const run = await runCli(["import", "community", file], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("line 2: not valid JSON (skipped)");
      expect(run.stdout).toMatch(/imported 3\/3 lines/);
      expect(run.stdout).toMatch(/questions: 2 new, 0 updated/);
      const again = await runCli(["import", "community", file], env);
      expect(again.stdout).toMatch(/questions: 0 new, 2 updated/);
      expect(again.stdout).toMatch(/answers: +0 new, 2 updated/);
      const missing = await runCli(["import", "community", path.join(dir, "nope.jsonl")], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/is not a readable file/);
    } finally {
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
