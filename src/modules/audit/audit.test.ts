import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFactory, userFactory } from "../../../test/factories.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import type { UserRow } from "../../db/schema/index.ts";
import { CLI_ACTOR, recordAuditEvent } from "./record-audit-event.ts";
import { verifyAuditChain } from "./verify-audit-chain.ts";

let t: TestApp;
let admin: UserRow;
let adminToken: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await userFactory(t.services, { role: "admin", email: "chef@audit.example" })).user;
  adminToken = await tokenFactory(t.services, admin);
});
afterAll(() => t?.close());

const api = (url: string, method: "GET" | "POST" | "PATCH" = "GET", payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${adminToken}` },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });

const sql = (text: string, params: unknown[] = []) =>
  t.services.database.withConnection((c) => c.query<Record<string, unknown>>(text, params));

describe("audit log", () => {
  it("records role changes and channel connections, with filters for admins", async () => {
    const { user } = await userFactory(t.services, { role: "agent" });
    const promoted = await api(`/api/v1/admin/users/${user.id}`, "PATCH", { role: "moderator" });
    expect(promoted.statusCode).toBe(200);
    const channel = await api("/api/v1/admin/channels", "POST", {
      kind: "x",
      handle: "telekom_hilft",
      userId: "3001",
      consumerSecret: "x-consumer-secret-1",
      accessToken: "x-access-token-1",
    });
    expect(channel.statusCode).toBe(201);
    const renamed = await api(`/api/v1/admin/channels/${channel.json().id}`, "PATCH", {
      apiBaseUrl: "http://127.0.0.1:9",
    });
    expect(renamed.statusCode).toBe(200);

    const all = (await api("/api/v1/admin/audit")).json();
    expect(all.items.map((e: { action: string }) => e.action)).toEqual([
      "channel.updated",
      "channel.created",
      "user.role_changed",
    ]);
    expect(all.items[2]).toMatchObject({
      actor: { id: admin.id, label: "chef@audit.example" },
      target: { type: "user", id: user.id },
      data: { from: "agent", to: "moderator" },
      ip: "127.0.0.1",
    });
    expect(all.items[0].data.changes.apiBaseUrl).toEqual({ from: null, to: "http://127.0.0.1:9" });
    // Secrets never reach the log: only the names of what was set.
    expect(JSON.stringify(all)).not.toContain("x-access-token-1");

    const byAction = (await api("/api/v1/admin/audit?action=channel.")).json();
    expect(byAction.items).toHaveLength(2);
    const byTarget = (await api(`/api/v1/admin/audit?targetType=user&targetId=${user.id}`)).json();
    expect(byTarget.items).toHaveLength(1);
    const byActor = (await api("/api/v1/admin/audit?actor=chef@audit.example&limit=1")).json();
    expect(byActor.items).toHaveLength(1);
    expect(byActor.nextCursor).toEqual(expect.any(Number));
    const next = (await api(`/api/v1/admin/audit?cursor=${byActor.nextCursor}&limit=5`)).json();
    expect(next.items).toHaveLength(2);
    const future = (await api("/api/v1/admin/audit?from=2999-01-01T00:00:00Z")).json();
    expect(future.items).toHaveLength(0);
    expect((await api("/api/v1/admin/audit?from=yesterday")).statusCode).toBe(400);

    const { user: agent } = await userFactory(t.services, { role: "agent" });
    const denied = await t.app.inject({
      url: "/api/v1/admin/audit",
      headers: { authorization: `Bearer ${await tokenFactory(t.services, agent)}` },
    });
    expect(denied.statusCode).toBe(403);
  });

  it("keeps one chain under concurrent appends", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        recordAuditEvent(t.services, CLI_ACTOR, {
          workspaceId: admin.workspaceId,
          action: "test.concurrent",
          data: { i },
        }),
      ),
    );
    const result = await verifyAuditChain(t.services);
    expect(result).toMatchObject({ ok: true });
    expect(result.count).toBeGreaterThanOrEqual(15);
    expect((await api("/api/v1/admin/audit/verify")).json()).toMatchObject({ ok: true });
  });

  it("refuses changes, and detects a row changed behind the database's back", async () => {
    await expect(sql("UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(sql("DELETE FROM audit_events")).rejects.toThrow(/append-only/);
    const [victim] = (
      await sql("SELECT id FROM audit_events WHERE action = 'user.role_changed' LIMIT 1")
    ).rows;
    await sql("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change");
    await sql(`UPDATE audit_events SET data = jsonb_set(data, '{to}', '"admin"') WHERE id = $1`, [
      victim!.id,
    ]);
    const result = await verifyAuditChain(t.services);
    expect(result).toMatchObject({
      ok: false,
      broken: { id: Number(victim!.id), reason: expect.stringMatching(/hash/) },
    });
    // Removing a row instead breaks the link of the one after it.
    const [first] = (await sql("SELECT min(id) AS id FROM audit_events")).rows;
    await sql("DELETE FROM audit_events WHERE id = $1", [first!.id]);
    expect((await verifyAuditChain(t.services)).broken?.reason).toMatch(/link/);
  });
});
