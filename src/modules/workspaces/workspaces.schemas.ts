import { z } from "zod";
import { isTimeZone } from "../../lib/digest.ts";

export const ZWorkspaceSettings = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string().describe("IANA zone of the workspace's local days (reports, digests)"),
  rollups: z.object({
    current: z
      .boolean()
      .describe(
        "false while the day roll-ups are counted again after a change of zone (reports count from the facts meanwhile)",
      ),
  }),
});
export type TWorkspaceSettings = z.infer<typeof ZWorkspaceSettings>;

export const ZUpdateWorkspaceSettingsRequest = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    timeZone: z
      .string()
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin")
      .optional(),
  })
  .strict();
export type TUpdateWorkspaceSettingsRequest = z.infer<typeof ZUpdateWorkspaceSettingsRequest>;
