import { z } from "zod";
import { isTimeZone } from "../../lib/opening-hours/index.ts";

const ZInstant = z.union([
  z.iso.date({ message: "must be a date or date-time" }),
  z.iso.datetime({ offset: true, message: "must be a date or date-time" }),
]);

export const ZReportRange = z.object({
  /** Date (local midnight in the report's zone) or date-time; default 30 days ago. */
  from: ZInstant.optional(),
  /** Exclusive end; default now. */
  to: ZInstant.optional(),
  timeZone: z
    .string()
    .refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin")
    .optional(),
  teamId: z.uuid({ message: "must be a team id" }).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});

export const ZVolumeQuery = ZReportRange.extend({
  bucket: z.enum(["hour", "day", "month"]).default("day"),
});
export type TVolumeQuery = z.infer<typeof ZVolumeQuery>;

export const ZResponseTimesQuery = ZReportRange.extend({
  channel: z.enum(["x", "facebook", "community", "email"]).optional(),
});
export type TResponseTimesQuery = z.infer<typeof ZResponseTimesQuery>;

export const ZVolumeReport = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    bucket: z.enum(["hour", "day", "month"]),
    timeZone: z.string(),
    channels: z.array(z.string()),
    total: z.number(),
    items: z.array(
      z.object({
        start: z.iso.datetime(),
        total: z.number(),
        byChannel: z.record(z.string(), z.number()),
      }),
    ),
  })
  .meta({ id: "VolumeReport" });
export type TVolumeReport = z.infer<typeof ZVolumeReport>;

const ZDurationStats = z.object({
  count: z.number(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
});

export const ZResponseTimesReport = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    /** Business hours of this team, or calendar time when null. */
    team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    conversations: z.number(),
    unanswered: z.number(),
    firstResponse: ZDurationStats,
    resolution: ZDurationStats,
    byChannel: z.array(
      z.object({
        channel: z.string(),
        conversations: z.number(),
        firstResponse: ZDurationStats,
        resolution: ZDurationStats,
      }),
    ),
  })
  .meta({ id: "ResponseTimesReport" });
export type TResponseTimesReport = z.infer<typeof ZResponseTimesReport>;

export const ZOverviewQuery = ZReportRange;
export type TOverviewQuery = z.infer<typeof ZOverviewQuery>;

const ZAttainment = z.object({
  met: z.number(),
  breached: z.number(),
  /** met / (met + breached); null when nothing was due yet. */
  attainment: z.number().nullable(),
});

export const ZOverviewReport = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    timeZone: z.string(),
    sla: z.object({
      conversations: z.number(),
      firstResponse: ZAttainment,
      resolution: ZAttainment,
    }),
    /** Per local month: praise, personal-data incidents, impostor alerts. */
    months: z.array(
      z.object({
        month: z.iso.datetime(),
        praise: z.number(),
        personalData: z.number(),
        impostors: z.number(),
      }),
    ),
    /** Community questions solved in the range, by whose answer was accepted. */
    community: z.object({ byCustomers: z.number(), byStaff: z.number() }),
    incidents: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        source: z.string(),
        status: z.string(),
        startedAt: z.iso.datetime(),
        resolvedAt: z.iso.datetime().nullable(),
      }),
    ),
  })
  .meta({ id: "OverviewReport" });
export type TOverviewReport = z.infer<typeof ZOverviewReport>;
