import type { Candidate } from "./types.ts";

const UP = "A-ZÄÖÜ";
const WORD = `[${UP}][\\p{L}ß'’]*`;
const HYPHENATED = `${WORD}(?:-${WORD}|-[\\p{Ll}ß]+)*`;

/** Either case for the first letter: "straße" ends "Hauptstraße", "Straße" ends "Berliner Straße". */
const bothCases = (words: string[]) =>
  words.map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1).replace(/\./g, "\\.")}`).join("|");

const STREET_SUFFIXES = bothCases([
  "straße",
  "strasse",
  "str.",
  "weg",
  "gasse",
  "platz",
  "allee",
  "ring",
  "damm",
  "ufer",
  "chaussee",
  "steig",
  "stieg",
  "pfad",
  "markt",
  "graben",
  "wall",
  "kamp",
  "zeile",
  "park",
  "brücke",
  "tor",
  "feld",
  "anger",
  "winkel",
  "höhe",
  "grund",
  "bogen",
  "redder",
  "twiete",
  "hang",
  "wiese",
  "heide",
  "deich",
  "kai",
  "promenade",
  "passage",
  "hof",
  "berg",
  "garten",
  "tal",
  "siedlung",
  "gürtel",
  "kreuz",
  "stein",
  "koppel",
  "acker",
  "mühle",
]);
const STANDALONE =
  "Straße|Strasse|Str\\.|Weg|Allee|Platz|Ring|Gasse|Damm|Ufer|Chaussee|Markt|Promenade|Steig|Pfad|Landstraße|Hof";
const PREFIXES =
  "Am|An der|An den|An dem|Auf der|Auf dem|Auf den|Im|In der|In den|Zum|Zur|Unter den|Hinter der|Hinter dem|Vor dem|Vor der|Bei der|Beim|Alt|Alte|Neue|Große|Kleine|Obere|Untere|Lange";

const STREET_DE = [
  `(?:${PREFIXES})\\s${HYPHENATED}(?:\\s${HYPHENATED})?`, // Am Markt, Unter den Linden
  `${WORD}\\s(?:${STANDALONE})`, // Berliner Straße
  `${WORD}(?:-${WORD}|-[\\p{Ll}ß]+)*-?(?:${STREET_SUFFIXES})`, // Hauptstraße, Friedrich-Ebert-Allee, Hauptstr.
].join("|");
const LETTER = "(?:\\s?[a-zA-Z](?![\\p{L}\\p{N}]))?";
const HOUSE_NO = `\\d{1,4}${LETTER}(?:\\s?[-–/]\\s?\\d{1,4}${LETTER})?(?![\\p{L}\\p{N}])`;
const PLZ = "(?:D-\\s?)?\\d{5}";
/** "Halle (Saale)", "Frankfurt (Oder)": only these, so "(Hinterhaus)" stays outside. */
const CITY_QUALIFIERS =
  "Saale|Oder|Oberpfalz|Westf\\.|Westfalen|Elbe|Rhein|Main|Donau|Ostfriesland|Lahn|Pfalz|Sachsen|Holstein|Ruhr|Württ\\.|Mosel|Neckar|Havel|Spree|Opf\\.|Allgäu|Eifel|Taunus";
const CITY = `(?:(?:Bad|Sankt|St\\.)\\s)?${HYPHENATED}(?:\\s(?:am|an der|im|in der|ob der|vor der|bei|an|auf der)\\s${WORD})?(?:\\s?\\/\\s?${WORD}|\\s\\((?:${CITY_QUALIFIERS})\\))?`;
const SEP = "(?:\\s*[,;]\\s*|\\s*\\n\\s*|\\s+in\\s+|\\s+)";

/** Street + number, PLZ + city ("Hauptstraße 5, 10115 Berlin"), and the other way round. */
const GERMAN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:${STREET_DE})\\s?${HOUSE_NO}${SEP}${PLZ}\\s${CITY}|${PLZ}\\s${CITY}${SEP}(?:${STREET_DE})\\s?${HOUSE_NO})`,
  "gu",
);

const EN_STREET_TYPES =
  "Road|Rd\\.?|Street|St\\.?|Avenue|Ave\\.?|Lane|Ln\\.?|Drive|Dr\\.?|Close|Way|Crescent|Cres\\.?|Place|Pl\\.?|Terrace|Gardens|Court|Ct\\.?|Square|Sq\\.?|Hill|Grove|Park|Row|Mews|Walk|Boulevard|Blvd\\.?|Highway|Hwy\\.?|Parkway|Pkwy\\.?|Circle|Cir\\.?|Trail|Green|Rise|View|Parade";
const EN_STREET = `\\d{1,5}[A-Za-z]?,?\\s(?:[NSEW]\\.?\\s|North\\s|South\\s|East\\s|West\\s)?(?:${WORD}\\s){1,3}(?:${EN_STREET_TYPES})(?![\\p{L}])`;
const EN_UNIT = "(?:,?\\s(?:Apt|Apartment|Flat|Suite|Ste|Unit|#)\\.?\\s?#?[A-Za-z0-9-]+)?";
const EN_PLACE = `${WORD}(?:\\s${WORD}){0,2}`;
const UK_POSTCODE = "[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}";
const US_STATES =
  "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY";

/** "10 Downing Street, London SW1A 2AA"; "1600 Pennsylvania Ave NW, Washington, DC 20500". */
const UK = new RegExp(
  `(?<![\\p{L}\\p{N}])${EN_STREET}${EN_UNIT}(?:,?\\s${EN_PLACE}){0,3},?\\s${UK_POSTCODE}(?![\\p{L}\\p{N}])`,
  "gu",
);
const US = new RegExp(
  `(?<![\\p{L}\\p{N}])${EN_STREET}(?:\\s(?:NW|NE|SW|SE|N|S|E|W))?${EN_UNIT}(?:,?\\s${EN_PLACE}){1,2},?\\s(?:${US_STATES})\\s\\d{5}(?:-\\d{4})?(?![\\p{L}\\p{N}])`,
  "gu",
);

/** Postal addresses: German (street, number, PLZ, city), British and US forms. */
export function findPostalAddresses(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const re of [GERMAN, UK, US]) {
    for (const m of text.matchAll(re)) {
      found.push({ type: "postal_address", start: m.index, end: m.index + m[0].length });
    }
  }
  return found;
}
