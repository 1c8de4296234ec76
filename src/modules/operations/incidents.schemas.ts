import { z } from "zod";
import type { IncidentRow } from "../../db/schema/index.ts";

const ZUrl = z
  .url({ message: "must be an absolute URL" })
  .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://");

export const ZOpenIncidentRequest = z.object({
  title: z.string().trim().min(1, "must not be empty").max(200),
  statusNoteUrl: ZUrl.nullable().default(null),
});
export type TOpenIncidentRequest = z.infer<typeof ZOpenIncidentRequest>;

export const ZUpdateIncidentRequest = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(200).optional(),
    statusNoteUrl: ZUrl.nullable().optional(),
    status: z.enum(["open", "resolved"]).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type TUpdateIncidentRequest = z.infer<typeof ZUpdateIncidentRequest>;

export const ZIncident = z
  .object({
    id: z.uuid(),
    title: z.string(),
    status: z.enum(["open", "resolved"]),
    source: z.string(),
    statusNoteUrl: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    openedBy: z.uuid().nullable(),
    startedAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Incident" });

export function presentIncident(i: IncidentRow): z.infer<typeof ZIncident> {
  return {
    id: i.id,
    title: i.title,
    status: i.status,
    source: i.source,
    statusNoteUrl: i.statusNoteUrl,
    details: i.details,
    openedBy: i.openedBy,
    startedAt: i.startedAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
  };
}
