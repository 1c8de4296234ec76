import { z } from "zod";
import type { RoutingRuleRow, ServiceSettingsRow } from "../../db/schema/index.ts";
import { DEFAULT_SLA_POLICY, type SlaPolicy } from "../../lib/sla.ts";

const ZWords = (max: number) =>
  z
    .array(z.string().trim().min(1, "must not be empty").max(80))
    .max(max)
    .transform((l) => [...new Set(l)]);

export const ZRuleConditions = z
  .object({
    channels: z
      .array(z.enum(["x", "facebook", "community", "email"]))
      .max(4)
      .optional(),
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/, "must be two-letter language codes such as de"))
      .max(20)
      .optional(),
    keywords: ZWords(100).optional(),
    contactTags: ZWords(20).optional(),
    sentiments: z
      .array(z.enum(["positive", "neutral", "negative"]))
      .max(3)
      .optional(),
    hasPersonalData: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "RuleConditions", description: "All given conditions must hold; keywords: any" });

/** The same shape for answers (no input transforms: responses are encoded). */
const ZRuleConditionsOut = z.object({
  channels: z.array(z.string()).optional(),
  languages: z.array(z.string()).optional(),
  keywords: z.array(z.string()).optional(),
  contactTags: z.array(z.string()).optional(),
  sentiments: z.array(z.enum(["positive", "neutral", "negative"])).optional(),
  hasPersonalData: z.boolean().optional(),
});

const ZPriority = z
  .number()
  .int()
  .min(0, "must be 0 (low) to 3 (urgent)")
  .max(3, "must be 0 (low) to 3 (urgent)");

export const ZCreateRoutingRuleRequest = z.object({
  name: z.string().trim().min(1, "must not be empty").max(120),
  position: z.number().int().min(0).max(10_000).default(0),
  enabled: z.boolean().default(true),
  conditions: ZRuleConditions.default({}),
  teamId: z.uuid({ message: "must be a team id" }).nullable().default(null),
  priority: ZPriority.nullable().default(null),
  tags: ZWords(20).default([]),
  stop: z.boolean().default(false),
});
export type TCreateRoutingRuleRequest = z.infer<typeof ZCreateRoutingRuleRequest>;

export const ZUpdateRoutingRuleRequest = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(120).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    enabled: z.boolean().optional(),
    conditions: ZRuleConditions.optional(),
    teamId: z.uuid({ message: "must be a team id" }).nullable().optional(),
    priority: ZPriority.nullable().optional(),
    tags: ZWords(20).optional(),
    stop: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type TUpdateRoutingRuleRequest = z.infer<typeof ZUpdateRoutingRuleRequest>;

export const ZRoutingRule = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.number(),
    enabled: z.boolean(),
    conditions: ZRuleConditionsOut,
    teamId: z.uuid().nullable(),
    priority: z.number().nullable(),
    tags: z.array(z.string()),
    stop: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "RoutingRule" });

export function presentRule(r: RoutingRuleRow): z.infer<typeof ZRoutingRule> {
  return {
    id: r.id,
    name: r.name,
    position: r.position,
    enabled: r.enabled,
    conditions: r.conditions as z.infer<typeof ZRuleConditionsOut>,
    teamId: r.teamId,
    priority: r.priority,
    tags: r.tags,
    stop: r.stop,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const ZMinutes = z
  .number()
  .int()
  .min(1, "must be at least 1 minute")
  .max(60 * 24 * 90, "must be at most 90 days");
const ZTarget = z
  .object({ firstResponseMinutes: ZMinutes, resolutionMinutes: ZMinutes })
  .refine((t) => t.resolutionMinutes >= t.firstResponseMinutes, {
    message: "must not be shorter than the first response",
    path: ["resolutionMinutes"],
  });

export const ZSlaPolicy = z
  .object({
    targets: z.object({ low: ZTarget, normal: ZTarget, high: ZTarget, urgent: ZTarget }),
    warnAtFraction: z.number().gt(0).lt(1, "must be between 0 and 1, e.g. 0.75").default(0.75),
  })
  .meta({ id: "SlaPolicy", description: "Targets per priority, in the team's business time" });

const ZTemplate = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(1000)
  .refine((t) => t.includes("{backAt}"), "must contain {backAt}, where hilft writes the time");
const ZLanguageTemplates = z
  .object({ de: ZTemplate.optional(), en: ZTemplate.optional() })
  .strict();

export const ZServiceSettingsRequest = z
  .object({
    slaPolicy: ZSlaPolicy.nullable().optional(),
    defaultTeamId: z.uuid({ message: "must be a team id" }).nullable().optional(),
    autoReplyEnabled: z.boolean().optional(),
    autoReplyTemplates: z
      .object({ x: ZLanguageTemplates.optional(), facebook: ZLanguageTemplates.optional() })
      .strict()
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type TServiceSettingsRequest = z.infer<typeof ZServiceSettingsRequest>;

export const ZServiceSettings = z
  .object({
    slaPolicy: ZSlaPolicy,
    /** True when slaPolicy is hilft's default (nothing saved). */
    defaultPolicy: z.boolean(),
    defaultTeamId: z.uuid().nullable(),
    autoReplyEnabled: z.boolean(),
    autoReplyTemplates: z.record(z.string(), z.record(z.string(), z.string())),
  })
  .meta({ id: "ServiceSettings" });

export function presentSettings(s: ServiceSettingsRow | undefined) {
  const policy: SlaPolicy = s?.slaPolicy ?? DEFAULT_SLA_POLICY;
  return {
    slaPolicy: { targets: policy.targets, warnAtFraction: policy.warnAtFraction ?? 0.75 },
    defaultPolicy: !s?.slaPolicy,
    defaultTeamId: s?.defaultTeamId ?? null,
    autoReplyEnabled: s?.autoReplyEnabled ?? true,
    autoReplyTemplates: (s?.autoReplyTemplates ?? {}) as Record<string, Record<string, string>>,
  };
}

export const ZPresenceRequest = z.object({
  status: z.enum(["online", "away", "offline"], { message: "must be online, away or offline" }),
});
