import type { Candidate } from "./types.ts";

/**
 * "Passwort: …", "WLAN-Kennwort ist …", "password is …", "pw: …": the cue, then a
 * separator, then the value (quoted, or one run without spaces).
 */
const PASSWORD =
  /(?:passwort|kennwort|password|passwd|passcode|\bpwd|\bpw)(?:\s+(?:für|for|vom|von|of|zum|to)\s+(?:\S+\s+){0,2}?\S+?)?(?<sep>\s*(?::|=|->)\s*(?:(?:ist|is|lautet)\s+)?|\s+(?:ist|is|lautet|was|war|wäre|would be)\s*:?\s*(?:(?:jetzt|now|immer noch|still|nach wie vor|also|auch)\s+)?)(?:(?<q>["'„“”‚‘’`«»])(?<quoted>[^"'„“”‚‘’`«»\n]{1,64})\k<q>|(?:["'„“”‚‘’`«»](?<quoted2>[^"'„“”‚‘’`«»\n]{1,64})["'„“”‚‘’`«»])|(?<bare>[^\s"'„“”‚‘’`«»]{1,64}))/giu;

/** Words that follow "Passwort ist" / "password is" but are not a password. */
const NOT_A_PASSWORD = new Set(
  (
    "falsch richtig korrekt inkorrekt ungültig gültig vergessen geändert abgelaufen gesperrt " +
    "nicht kein keine zu sehr immer noch jetzt mein meine dein das der die ein eine neu neues " +
    "alt altes leer weg unbekannt sicher unsicher zurückgesetzt geheim ok okay auch also " +
    "wrong incorrect correct right invalid valid forgotten forgot changed expired locked not " +
    "too the a an my your new old empty gone unknown safe secure reset still also just " +
    "definitely definitiv required erforderlich needed nötig notwendig same gleich identisch " +
    "set gesetzt bitte please hier here da there und and oder or mit with für for"
  ).split(" "),
);

export function findPasswords(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of text.matchAll(PASSWORD)) {
    const g = m.groups ?? {};
    const quoted = g.quoted ?? g.quoted2;
    const value = quoted ?? g.bare ?? "";
    let offset = m[0].length - value.length - (quoted !== undefined ? 1 : 0);
    let trimmed = value;
    if (quoted === undefined) {
      trimmed = value.replace(/[.,;:)\]]+$/u, "");
      if (!looksLikeBarePassword(trimmed, /:|=|->/.test(g.sep ?? ""))) continue;
    } else if (!quoted.trim() || /^[*•x]+$/i.test(quoted.trim())) {
      continue;
    }
    offset += m.index;
    found.push({ type: "password", start: offset, end: offset + trimmed.length });
  }
  return found;
}

function looksLikeBarePassword(value: string, afterColon: boolean): boolean {
  if (value.length < 3) return false;
  if (/^[*•.x]+$/i.test(value)) return false; // already masked
  if (NOT_A_PASSWORD.has(value.toLowerCase())) return false;
  // A link or an address is shared as such, not as a password.
  if (/^(?:https?:|www\.)/i.test(value) || value.includes("@")) return false;
  // "Passwort ist falsch": after a verb, a plain lower-case word is usually not the password.
  if (!afterColon && /^\p{Ll}+$/u.test(value)) return false;
  return true;
}
