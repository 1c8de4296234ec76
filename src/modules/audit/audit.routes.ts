import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AuditEventRow } from "../../db/schema/index.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { verifyAuditChain } from "./verify-audit-chain.ts";

export const ZAuditQuery = z.object({
  actor: z.string().trim().max(200).optional().describe("a user id or the actor's e-mail / label"),
  action: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe("an action, e.g. `user.role_changed`; ending in `.` matches a prefix (`channel.`)"),
  targetType: z.string().trim().max(50).optional(),
  targetId: z.string().trim().max(200).optional(),
  from: z.iso.datetime({ offset: true, message: "must be an ISO date-time" }).optional(),
  to: z.iso.datetime({ offset: true, message: "must be an ISO date-time" }).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEvent = z
  .object({
    id: z.number(),
    action: z.string(),
    actor: z.object({ id: z.string().nullable(), label: z.string() }),
    target: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
    data: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    createdAt: z.iso.datetime(),
    hash: z.string(),
  })
  .meta({ id: "AuditEvent" });

const present = (e: AuditEventRow) => ({
  id: e.id,
  action: e.action,
  actor: { id: e.actorId, label: e.actorLabel },
  target: { type: e.targetType, id: e.targetId },
  data: e.data,
  ip: e.ip,
  createdAt: e.createdAt.toISOString(),
  hash: e.hash,
});

/** The audit log for admins: read and verify; nothing here changes it. */
export const auditRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["admin"];

  app.get(
    "/admin/audit",
    {
      schema: {
        tags,
        summary: "Audit log of the workspace, newest first, with filters",
        querystring: ZAuditQuery,
        response: {
          200: z.object({ items: z.array(ZAuditEvent), nextCursor: z.number().nullable() }),
        },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      const q = request.query;
      const rows = await services.audit.list(
        {
          workspaceId: admin.workspaceId,
          actor: q.actor,
          action: q.action,
          targetType: q.targetType,
          targetId: q.targetId,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          before: q.cursor,
        },
        q.limit + 1,
      );
      const page = rows.slice(0, q.limit);
      return {
        items: page.map(present),
        nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.get(
    "/admin/audit/verify",
    {
      schema: {
        tags,
        summary: "Recompute the audit log's hash chain (what `hilft audit verify` does)",
        response: {
          200: z.object({
            ok: z.boolean(),
            count: z.number(),
            broken: z.object({ id: z.number(), reason: z.string() }).optional(),
          }),
        },
      },
    },
    async (request) => {
      requireRole(request, ["admin"]);
      return verifyAuditChain(services);
    },
  );
};
