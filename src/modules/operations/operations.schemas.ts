import { z } from "zod";
import { isKnownHolidayRegion, isTimeZone, type Weekday } from "../../lib/opening-hours/index.ts";

const ZLocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time HH:MM between 00:00 and 24:00");

const ZShift = z
  .object({
    start: ZLocalTime.refine((v) => v !== "24:00", "must be before 24:00"),
    end: ZLocalTime,
  })
  .refine((s) => s.start !== s.end, { message: "must differ from start", path: ["end"] });

export const ZWeeklyShift = z
  .object({
    day: z
      .number()
      .int()
      .min(1, "must be 1 (Monday) to 7 (Sunday)")
      .max(7, "must be 1 (Monday) to 7 (Sunday)"),
    start: ZLocalTime.refine((v) => v !== "24:00", "must be before 24:00"),
    end: ZLocalTime,
  })
  .refine((s) => s.start !== s.end, { message: "must differ from start", path: ["end"] })
  .meta({ id: "WeeklyShift", description: "end ≤ start means the shift runs past midnight" });
// The schema checks 1–7; the type narrows to the library's Weekday so rows type-check.
export type TWeeklyShift = Omit<z.infer<typeof ZWeeklyShift>, "day"> & { day: Weekday };

export const ZScheduleException = z
  .object({
    date: z.iso.date({ message: "must be a date YYYY-MM-DD" }),
    closed: z.boolean().optional(),
    shifts: z.array(ZShift).max(10).optional(),
    note: z.string().trim().max(200).optional(),
  })
  .meta({ id: "ScheduleException" });

const ZWeekly = z.array(ZWeeklyShift).max(70) as unknown as z.ZodType<TWeeklyShift[]>;
const ZExceptions = z
  .array(ZScheduleException)
  .max(500)
  .refine((list) => new Set(list.map((e) => e.date)).size === list.length, {
    message: "has the same date twice",
  });

const ZTimeZone = z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin");

const ZHolidays = z
  .object({
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as DE")
      .transform((v) => v.toUpperCase()),
    state: z
      .string()
      .regex(/^[A-Za-z0-9]{1,3}$/, "must be a state code such as NW")
      .transform((v) => v.toUpperCase())
      .optional(),
  })
  .refine((h) => isKnownHolidayRegion(h.country, h.state), {
    message: "is not a country/state that date-holidays knows",
  });

export const ZRoutingMode = z
  .enum(["manual", "round_robin", "least_loaded"], {
    message: "must be manual, round_robin or least_loaded",
  })
  .describe(
    "manual: agents pull; round_robin / least_loaded: assigned to an agent online, on shift and under capacity",
  );

export const ZCreateTeamRequest = z.object({
  name: z.string().trim().min(1, "must not be empty").max(120),
  routingMode: ZRoutingMode.default("manual"),
  isPublic: z.boolean().default(true),
  timeZone: ZTimeZone.default("Europe/Berlin"),
  holidays: ZHolidays.nullable().default(null),
  weekly: ZWeekly.default([]),
  exceptions: ZExceptions.default([]),
});
export type TCreateTeamRequest = z.infer<typeof ZCreateTeamRequest>;

export const ZUpdateTeamRequest = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(120).optional(),
    isPublic: z.boolean().optional(),
    routingMode: ZRoutingMode.optional(),
    timeZone: ZTimeZone.optional(),
    holidays: ZHolidays.nullable().optional(),
    weekly: ZWeekly.optional(),
    exceptions: ZExceptions.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type TUpdateTeamRequest = z.infer<typeof ZUpdateTeamRequest>;

export const ZSetTeamMemberRequest = z.object({
  skills: z
    .array(z.string().trim().min(1).max(60))
    .max(50)
    .default([])
    .transform((list) => [...new Set(list)]),
  capacity: z.number().int().min(1, "must be at least 1").max(100).default(5),
  shifts: ZWeekly.nullable().default(null),
});
export type TSetTeamMemberRequest = z.infer<typeof ZSetTeamMemberRequest>;

export const ZTeamMember = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: z.string(),
  skills: z.array(z.string()),
  capacity: z.number(),
  shifts: z.array(ZWeeklyShift).nullable(),
});

export const ZTeam = z
  .object({
    id: z.uuid(),
    name: z.string(),
    isPublic: z.boolean(),
    routingMode: ZRoutingMode,
    timeZone: z.string(),
    holidays: z.object({ country: z.string(), state: z.string().optional() }).nullable(),
    weekly: z.array(ZWeeklyShift),
    exceptions: z.array(ZScheduleException),
    members: z.array(ZTeamMember),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Team" });
export type TTeam = z.infer<typeof ZTeam>;

export const ZTeamStatus = z
  .object({
    id: z.uuid(),
    name: z.string(),
    timeZone: z.string(),
    open: z.boolean(),
    /** When it opens next (the "back at" time when closed). */
    nextOpening: z.iso.datetime().nullable(),
    nextClosing: z.iso.datetime().nullable(),
    /** Today's public holiday in the team's region, if any. */
    holiday: z.string().nullable(),
    checkedAt: z.iso.datetime(),
  })
  .meta({ id: "TeamStatus" });
export type TTeamStatus = z.infer<typeof ZTeamStatus>;

export const ZStaffingPlanRequest = z.object({
  /** Start of the first forecast hour; defaults to the next full hour. */
  start: z.iso.datetime({ offset: true, message: "must be an ISO date-time" }).optional(),
  volumes: z
    .array(z.number().min(0, "must not be negative").max(1_000_000))
    .min(1, "needs at least one hour")
    .max(24 * 14, "covers at most two weeks of hours"),
  ahtSeconds: z.number().positive("must be positive").max(86_400),
  serviceLevel: z.number().gt(0).lt(1, "must be below 1, e.g. 0.8").default(0.8),
  targetSeconds: z
    .number()
    .min(0)
    .max(7 * 86_400)
    .default(900),
  maxOccupancy: z.number().gt(0).max(1).optional(),
  scenarios: z.array(z.number().gt(0).max(100)).max(5).default([3, 6]),
  teamId: z.uuid({ message: "must be a team id" }).optional(),
});
export type TStaffingPlanRequest = z.infer<typeof ZStaffingPlanRequest>;

const ZStaffingHour = z.object({
  start: z.iso.datetime(),
  volume: z.number(),
  agents: z.number(),
  serviceLevel: z.number(),
  occupancy: z.number(),
  averageSpeedOfAnswerSeconds: z.number().nullable(),
  scenarios: z.array(z.object({ factor: z.number(), volume: z.number(), agents: z.number() })),
  scheduled: z.number().nullable(),
  gap: z.number().nullable(),
});

export const ZStaffingPlan = z
  .object({
    team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    target: z.object({
      serviceLevel: z.number(),
      targetSeconds: z.number(),
      ahtSeconds: z.number(),
      maxOccupancy: z.number().nullable(),
    }),
    hours: z.array(ZStaffingHour),
    totals: z.object({
      volume: z.number(),
      agentHours: z.number(),
      peakAgents: z.number(),
      scenarios: z.array(
        z.object({ factor: z.number(), agentHours: z.number(), peakAgents: z.number() }),
      ),
      scheduledHours: z.number().nullable(),
      understaffedHours: z.number().nullable(),
    }),
  })
  .meta({ id: "StaffingPlan" });
export type TStaffingPlan = z.infer<typeof ZStaffingPlan>;
