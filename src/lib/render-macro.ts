/**
 * Renders a canned response: `{{contact.first_name}}`-style variables are replaced by
 * what is known. A variable that is unknown, or known but empty, stays visible in the
 * text and is reported, so an agent never sends "Hallo ," by accident.
 */

export interface MacroContext {
  contact: { name: string | null | undefined };
  agent: { name: string | null | undefined };
}

export interface RenderedMacro {
  text: string;
  /** Variables left in the text (unknown names or no value), once each, in order. */
  unresolved: string[];
}

export const MACRO_VARIABLES = [
  "contact.name",
  "contact.first_name",
  "agent.name",
  "agent.first_name",
] as const;
export type MacroVariable = (typeof MACRO_VARIABLES)[number];

const VARIABLE = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

/** The first word of a display name; handles (`@fan_1`) and empty names give nothing. */
export function firstName(name: string | null | undefined): string {
  const trimmed = (name ?? "").trim();
  if (!trimmed || trimmed.startsWith("@")) return "";
  return trimmed.split(/\s+/)[0] ?? "";
}

function lookUp(variable: string, ctx: MacroContext): string | undefined {
  switch (variable) {
    case "contact.name":
      return (ctx.contact.name ?? "").trim();
    case "contact.first_name":
      return firstName(ctx.contact.name);
    case "agent.name":
      return (ctx.agent.name ?? "").trim();
    case "agent.first_name":
      return firstName(ctx.agent.name);
    default:
      return undefined;
  }
}

export function renderMacro(body: string, ctx: MacroContext): RenderedMacro {
  const unresolved: string[] = [];
  const text = body.replace(VARIABLE, (match, name: string) => {
    const value = lookUp(name, ctx);
    if (value) return value;
    if (!unresolved.includes(name)) unresolved.push(name);
    return match;
  });
  return { text, unresolved };
}

/** Variables a macro body uses that hilft does not know (checked when macros are saved). */
export function unknownVariables(body: string): string[] {
  const unknown: string[] = [];
  for (const [, name] of body.matchAll(VARIABLE)) {
    if (!(MACRO_VARIABLES as readonly string[]).includes(name!) && !unknown.includes(name!)) {
      unknown.push(name!);
    }
  }
  return unknown;
}
