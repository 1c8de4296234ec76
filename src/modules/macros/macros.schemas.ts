import { z } from "zod";

export const ZMacroScope = z.enum(["personal", "shared"], { error: "must be personal or shared" });

export const ZMacroActions = z
  .object({
    status: z
      .enum(["open", "pending", "solved"], { error: "must be open, pending or solved" })
      .optional(),
    addTags: z
      .array(z.string().trim().toLowerCase().min(1, "must not be empty").max(64))
      .max(10, "must be at most 10 tags")
      .optional(),
  })
  .strict();
export type TMacroActions = z.infer<typeof ZMacroActions>;

export const ZMacro = z
  .object({
    id: z.uuid(),
    title: z.string(),
    body: z.string(),
    scope: ZMacroScope,
    actions: ZMacroActions,
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    /** Whether the asking agent may change or delete it. */
    editable: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Macro" });
export type TMacro = z.infer<typeof ZMacro>;

const ZTitle = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(120, "must be at most 120 characters");
const ZBody = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(5000, "must be at most 5000 characters");

export const ZCreateMacroRequest = z.object({
  title: ZTitle,
  body: ZBody,
  scope: ZMacroScope.default("personal"),
  actions: ZMacroActions.default({}),
});
export type TCreateMacroRequest = z.infer<typeof ZCreateMacroRequest>;

export const ZUpdateMacroRequest = z
  .object({
    title: ZTitle.optional(),
    body: ZBody.optional(),
    scope: ZMacroScope.optional(),
    actions: ZMacroActions.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "send at least one of title, body, scope, actions",
  });
export type TUpdateMacroRequest = z.infer<typeof ZUpdateMacroRequest>;

export const ZMacroParams = z.object({ id: z.uuid({ message: "must be a macro id" }) });

export const ZListMacrosQuery = z.object({
  q: z.string().trim().max(120).optional(),
});
