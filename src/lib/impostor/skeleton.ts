import table from "./confusables.json" with { type: "json" };

/** Code point → the prototype string it is confusable with (UTS #39, see confusables.json). */
const PROTOTYPES = new Map<number, string>(
  Object.entries(table.map as Record<string, string>).map(([from, to]) => [
    Number.parseInt(from, 16),
    String.fromCodePoint(...to.split(" ").map((hex) => Number.parseInt(hex, 16))),
  ]),
);

/**
 * The UTS #39 confusable skeleton: NFD, each character replaced by its prototype, NFD
 * again. Two strings look alike when their skeletons are equal: skeleton("TeIekom") and
 * skeleton("Telekom") are both "Telekom", Cyrillic "о" becomes Latin "o", "0" becomes "O".
 * The skeleton is for comparing only; it is not meant to be shown.
 */
export function skeleton(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFD")) {
    out += PROTOTYPES.get(ch.codePointAt(0)!) ?? ch;
  }
  return out.normalize("NFD");
}

export const confusablesCount = (): number => PROTOTYPES.size;

/** Unicode scripts of the letters in `text` (Common and Inherited ignored). */
export function scriptsOf(text: string): Set<string> {
  const scripts = new Set<string>();
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    const script = SCRIPT_TESTS.find(([, re]) => re.test(ch))?.[0] ?? "Other";
    scripts.add(script);
  }
  return scripts;
}

const SCRIPT_TESTS: [string, RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Han", /\p{Script=Han}/u],
];
