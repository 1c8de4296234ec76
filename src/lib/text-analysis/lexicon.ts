/**
 * Hand-written sentiment and praise lexicons for German and English customer messages.
 * Entries are word stems matched at the start of a lower-cased token ("enttäusch" covers
 * "enttäuscht", "enttäuschend"); a `=` suffix asks for the whole token. Weights are -3..3.
 * Used directly for English (there is no honestly labelled English training data here)
 * and as extra features for the German model.
 */

export type Lang = "de" | "en";

const DE_POSITIVE: Record<string, number> = {
  "danke=": 2,
  dankesch: 2,
  "vielen dank": 2,
  dankbar: 2,
  super: 2,
  "toll=": 2,
  tolle: 2,
  toller: 2,
  tolles: 2,
  klasse: 2,
  spitze: 2,
  prima: 2,
  genial: 2,
  großartig: 3,
  grossartig: 3,
  hervorragend: 3,
  ausgezeichnet: 3,
  perfekt: 3,
  wunderbar: 3,
  wundervoll: 3,
  fantastisch: 3,
  phantastisch: 3,
  "top=": 2,
  "gut=": 1,
  gute: 1,
  guter: 1,
  gutes: 1,
  besten: 2,
  "beste=": 2,
  "bester=": 2,
  schön: 2,
  schoen: 2,
  freundlich: 2,
  "nett=": 2,
  nette: 2,
  netten: 2,
  hilfreich: 2,
  kompetent: 2,
  schnell: 1,
  zuverlässig: 2,
  pünktlich: 2,
  "lob=": 2,
  loben: 2,
  gelobt: 2,
  freu: 2,
  glücklich: 2,
  zufrieden: 2,
  begeistert: 3,
  "liebe=": 2,
  lieben: 2,
  love: 2,
  geil: 2,
  mega: 1,
  "cool=": 2,
  "hammer=": 2,
  bravo: 2,
  respekt: 2,
  gelöst: 2,
  geklappt: 2,
  "funktioniert wieder": 2,
  "läuft wieder": 2,
  empfehl: 2,
  angenehm: 2,
  entspannt: 1,
  bequem: 1,
  komfortabel: 2,
  sauber: 1,
  günstig: 1,
  preiswert: 1,
  lecker: 2,
  süß: 2,
  suess: 2,
  hübsch: 2,
  witzig: 1,
  lustig: 1,
  herzlich: 2,
  gratul: 2,
  glückwunsch: 2,
  yay: 2,
  juhu: 2,
  endlich: 1,
  "❤": 2,
  "♥": 2,
  "😍": 3,
  "😊": 2,
  "🙂": 1,
  "😀": 2,
  "😃": 2,
  "😄": 2,
  "👍": 2,
  "👏": 2,
  "🙏": 1,
  "🥰": 3,
  "💪": 1,
  behoben: 2,
  beendet: 1,
  aufatmen: 2,
  erleichter: 2,
  einigung: 1,
  geeinigt: 1,
  kostenlos: 1,
  gratis: 1,
  "froh=": 2,
  "zum glück": 2,
  "glück=": 1,
  problemlos: 2,
  reibungslos: 2,
  kundenfreundlich: 2,
  kundenorientiert: 2,
  pünktlichkeit: 1,
  lob: 2,
  genieß: 2,
  idyll: 2,
  gemütlich: 2,
  "warm=": 1,
  mollig: 1,
  bestens: 2,
  "wow=": 1,
  hurra: 2,
  prompt: 1,
  gefällt: 2,
  gefallen: 1,
  spaß: 2,
  spass: 2,
  "lieb=": 2,
  liebsten: 2,
  hilfsbereit: 2,
  cool: 1,
  easy: 1,
};

const DE_NEGATIVE: Record<string, number> = {
  schlecht: -2,
  schlimm: -2,
  mies: -2,
  miserabel: -3,
  katastroph: -3,
  katastrophal: -3,
  chaos: -2,
  chaotisch: -2,
  desaster: -3,
  frech: -2,
  unverschämt: -3,
  unfreundlich: -2,
  unfähig: -3,
  inkompetent: -3,
  ärger: -2,
  ärgerlich: -2,
  verärgert: -2,
  wütend: -3,
  "sauer=": -2,
  genervt: -2,
  nervig: -2,
  nervt: -2,
  enttäusch: -2,
  frust: -2,
  peinlich: -2,
  lächerlich: -2,
  zumutung: -3,
  skandal: -3,
  abzocke: -3,
  betrug: -3,
  beschwer: -2,
  verspät: -2,
  verspätung: -2,
  ausfall: -2,
  ausgefallen: -2,
  "fällt aus": -2,
  störung: -2,
  gestört: -2,
  defekt: -2,
  kaputt: -2,
  "funktioniert nicht": -2,
  "geht nicht": -2,
  überfüllt: -2,
  stinkt: -2,
  dreckig: -2,
  schmutzig: -2,
  teuer: -1,
  streik: -2,
  warten: -1,
  wartezeit: -1,
  warteschleife: -2,
  verpasst: -2,
  gestrichen: -2,
  hass: -3,
  scheiß: -3,
  scheiss: -3,
  kacke: -3,
  "mist=": -2,
  müll: -2,
  unmöglich: -2,
  furchtbar: -3,
  schrecklich: -3,
  grauenhaft: -3,
  unzumutbar: -3,
  leider: -1,
  traurig: -2,
  angst: -2,
  gefährlich: -2,
  tödlich: -3,
  unfall: -2,
  verletzt: -2,
  "tot=": -2,
  problem: -1,
  fehler: -1,
  "nie wieder": -3,
  kündig: -1,
  schade: -1,
  sorry: -1,
  "😡": -3,
  "😠": -3,
  "🤬": -3,
  "😤": -2,
  "😞": -2,
  "😢": -2,
  "😭": -2,
  "👎": -2,
  "🙄": -2,
  "💩": -3,
  "danke für nichts": -3,
  "toll gemacht": -1,
  empör: -2,
  idiot: -3,
  verrott: -2,
  aggressiv: -2,
  schaden: -1,
  "zu spät": -2,
  verdammt: -2,
  fuck: -3,
  fml: -2,
  wtf: -2,
  "ohne antwort": -2,
  "keine antwort": -2,
  "keine ahnung": -1,
  überrascht: -1,
  nervenaufreibend: -2,
  umständlich: -2,
  kompliziert: -1,
  unpünktlich: -2,
  "voll=": -1,
  dauert: -1,
  ewig: -2,
  stunden: -1,
  "schon wieder": -2,
  "immer wieder": -1,
  "jedes mal": -1,
  gekündigt: -1,
  verloren: -2,
  gestohlen: -2,
  hängt: -1,
  "hängen geblieben": -2,
  liegengeblieben: -2,
  notarzt: -2,
  polizei: -1,
  ausschreitung: -2,
  betrunken: -2,
  randal: -2,
};

const EN_POSITIVE: Record<string, number> = {
  thank: 2,
  thanks: 2,
  thx: 2,
  "ty=": 1,
  great: 2,
  awesome: 3,
  amazing: 3,
  excellent: 3,
  fantastic: 3,
  brilliant: 3,
  wonderful: 3,
  perfect: 3,
  love: 2,
  loving: 2,
  "good=": 1,
  "nice=": 2,
  "best=": 2,
  happy: 2,
  glad: 2,
  pleased: 2,
  helpful: 2,
  "kind=": 2,
  friendly: 2,
  quick: 1,
  "fast=": 1,
  resolved: 2,
  fixed: 2,
  sorted: 1,
  "works now": 2,
  "working again": 2,
  appreciat: 2,
  grateful: 2,
  impress: 2,
  recommend: 2,
  superb: 3,
  outstanding: 3,
  kudos: 3,
  cheers: 1,
  legend: 2,
  "rock=": 2,
  rocks: 2,
  "star=": 2,
  stars: 1,
  hero: 2,
  smooth: 1,
  easy: 1,
  "cool=": 1,
  yay: 2,
  "wow=": 1,
  "❤": 2,
  "♥": 2,
  "😍": 3,
  "😊": 2,
  "🙂": 1,
  "😀": 2,
  "😃": 2,
  "😄": 2,
  "👍": 2,
  "👏": 2,
  "🙏": 1,
  "🥰": 3,
  "💯": 2,
};

const EN_NEGATIVE: Record<string, number> = {
  "thanks for nothing": -3,
  "bad=": -2,
  worst: -3,
  worse: -2,
  terrible: -3,
  horrible: -3,
  awful: -3,
  useless: -3,
  pathetic: -3,
  ridiculous: -2,
  disgrace: -3,
  disgust: -3,
  shame: -2,
  annoy: -2,
  angry: -3,
  furious: -3,
  frustrat: -2,
  disappoint: -2,
  upset: -2,
  unhappy: -2,
  rude: -2,
  incompetent: -3,
  scam: -3,
  fraud: -3,
  "rip off": -3,
  ripoff: -3,
  broken: -2,
  "broke=": -2,
  fail: -2,
  failed: -2,
  failing: -2,
  error: -1,
  issue: -1,
  problem: -1,
  "not working": -2,
  "doesn't work": -2,
  "does not work": -2,
  "won't work": -2,
  "still waiting": -2,
  waiting: -1,
  delay: -1,
  "late=": -1,
  outage: -2,
  "down=": -1,
  crash: -2,
  slow: -1,
  unacceptable: -3,
  nightmare: -3,
  hate: -3,
  sucks: -3,
  crap: -3,
  shit: -3,
  wtf: -2,
  "never again": -3,
  cancel: -1,
  complain: -2,
  "lost=": -1,
  missing: -1,
  wrong: -1,
  sorry: -1,
  unfortunately: -1,
  "😡": -3,
  "😠": -3,
  "🤬": -3,
  "😤": -2,
  "😞": -2,
  "😢": -2,
  "😭": -2,
  "👎": -2,
  "🙄": -2,
  "💩": -3,
};

/** Praise cues: thanks and compliments addressed to the team. */
const PRAISE: Record<Lang, string[]> = {
  de: [
    "danke",
    "vielen dank",
    "dankesch",
    "herzlichen dank",
    "lob",
    "super service",
    "toller service",
    "klasse service",
    "top service",
    "ihr seid",
    "ihr wart",
    "großartig",
    "hervorragend",
    "weiter so",
    "macht weiter",
    "respekt",
    "daumen hoch",
    "kompliment",
    "👏",
    "👍",
    "❤",
    "♥",
  ],
  en: [
    "thank",
    "thanks",
    "thx",
    "kudos",
    "great job",
    "great service",
    "amazing service",
    "excellent service",
    "well done",
    "you guys rock",
    "you rock",
    "you're the best",
    "you are the best",
    "shout out",
    "shoutout",
    "props to",
    "appreciate",
    "legend",
    "hero",
    "👏",
    "👍",
    "❤",
    "♥",
  ],
};

const NEGATORS: Record<Lang, Set<string>> = {
  de: new Set([
    "nicht",
    "kein",
    "keine",
    "keinen",
    "keiner",
    "keinem",
    "nie",
    "niemals",
    "nix",
    "nichts",
    "ohne",
  ]),
  en: new Set([
    "not",
    "no",
    "never",
    "dont",
    "don't",
    "didnt",
    "didn't",
    "isnt",
    "isn't",
    "wasnt",
    "wasn't",
    "cant",
    "can't",
    "won't",
    "without",
    "hardly",
  ]),
};

const LEX_TOKEN =
  /[:;=8]['\-^o]?[()[\]DdPp/|*3]+|<3|xD+|[\p{L}\p{M}]+(?:['’][\p{L}]+)?|\p{Extended_Pictographic}|[♥❤]|[.!?;]/gu;

/** Emoticons, after dropping noses: ":-)" is ":)". */
const EMOTICONS: Record<string, number> = {
  ":)": 2,
  ":))": 2,
  ";)": 1,
  ":d": 2,
  ":p": 1,
  "<3": 2,
  ":*": 2,
  "=)": 2,
  xd: 1,
  ":(": -2,
  ":((": -2,
  ":/": -1,
  ":|": -1,
};

interface Entry {
  words: string[];
  whole: boolean;
  weight: number;
}

/** Longer phrases first, so "danke für nichts" wins over "danke". */
function compile(table: Record<string, number>): Entry[] {
  return Object.entries(table)
    .map(([key, weight]) => {
      const whole = key.endsWith("=");
      return { words: (whole ? key.slice(0, -1) : key).split(" "), whole, weight };
    })
    .sort((a, b) => b.words.length - a.words.length);
}

function wholeWords(table: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [`${k}=`, v]));
}

const LEXICONS: Record<Lang, Entry[]> = {
  de: compile({ ...DE_POSITIVE, ...DE_NEGATIVE, ...wholeWords(EMOTICONS) }),
  en: compile({ ...EN_POSITIVE, ...EN_NEGATIVE, ...wholeWords(EMOTICONS) }),
};

export function lexTokens(text: string): string[] {
  return [...text.normalize("NFKC").toLowerCase().matchAll(LEX_TOKEN)].map((m) => {
    const t = m[0].replace("’", "'");
    return /^\p{L}/u.test(t) ? t : t.replace(/['\-^o]/g, "");
  });
}

export interface LexiconScore {
  positive: number;
  negative: number;
  /** positive − negative, squashed to -1..1. */
  score: number;
  /** Praise cues found. */
  praise: number;
}

/**
 * Sums lexicon weights; a negator among the three tokens before an entry flips it and
 * halves it ("nicht gut" is mildly negative, "not bad" mildly positive).
 */
export function scoreLexicon(text: string, lang: Lang): LexiconScore {
  // The models read the lexicon as features and analyzeText reads it again: the text last
  // scored is kept per language.
  const last = lastScores[lang];
  if (last?.text === text) return { ...last.score };
  const score = computeLexiconScore(text, lang);
  lastScores[lang] = { text, score };
  return { ...score };
}

const lastScores: Partial<Record<Lang, { text: string; score: LexiconScore }>> = {};

function computeLexiconScore(text: string, lang: Lang): LexiconScore {
  const tokens = lexTokens(text);
  const index = INDEXES[lang];
  let positive = 0;
  let negative = 0;
  for (let i = 0; i < tokens.length; i++) {
    for (const e of candidatesFor(index, tokens[i]!)) {
      if (!matchesAt(tokens, i, e)) continue;
      const negated = negationBefore(tokens, i, lang);
      const w = negated ? -e.weight / 2 : e.weight;
      if (w > 0) positive += w;
      else negative -= w;
      break;
    }
  }
  const joined = ` ${tokens.join(" ")} `;
  const praise = PRAISE[lang].filter(
    (cue) => joined.includes(` ${cue}`) || (cue.length <= 2 && joined.includes(cue)),
  ).length;
  const raw = positive - negative;
  return { positive, negative, score: raw / Math.sqrt(raw * raw + 8), praise };
}

/**
 * The lexicon by first word, so scoring looks at the few entries that can start at a
 * token instead of all of them (this runs on every inbound message). `byWord` holds
 * entries whose first word must equal the token; `byPrefix` single-word entries that
 * match as a prefix ("enttäusch" → "enttäuscht"). Candidates keep the lexicon's order,
 * so the first match wins as before.
 */
interface LexiconIndex {
  byWord: Map<string, { order: number; entry: Entry }[]>;
  byPrefix: Map<string, { order: number; entry: Entry }[]>;
  prefixLengths: number[];
}

function indexLexicon(entries: Entry[]): LexiconIndex {
  const byWord = new Map<string, { order: number; entry: Entry }[]>();
  const byPrefix = new Map<string, { order: number; entry: Entry }[]>();
  entries.forEach((entry, order) => {
    const first = entry.words[0]!;
    const target = entry.words.length === 1 && !entry.whole ? byPrefix : byWord;
    const list = target.get(first) ?? [];
    list.push({ order, entry });
    target.set(first, list);
  });
  const prefixLengths = [...new Set([...byPrefix.keys()].map((k) => k.length))].sort(
    (a, b) => a - b,
  );
  return { byWord, byPrefix, prefixLengths };
}

const INDEXES: Record<Lang, LexiconIndex> = {
  de: indexLexicon(LEXICONS.de),
  en: indexLexicon(LEXICONS.en),
};

function candidatesFor(index: LexiconIndex, token: string): Entry[] {
  const found: { order: number; entry: Entry }[] = [...(index.byWord.get(token) ?? [])];
  for (const length of index.prefixLengths) {
    if (length > token.length) break;
    const list = index.byPrefix.get(token.slice(0, length));
    if (list) found.push(...list);
  }
  if (found.length > 1) found.sort((a, b) => a.order - b.order);
  return found.map((f) => f.entry);
}

/** A negator among the three tokens before `i`, within the same sentence. */
function negationBefore(tokens: string[], i: number, lang: Lang): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const t = tokens[j]!;
    if (/^[.!?;]$/.test(t)) return false;
    if (NEGATORS[lang].has(t)) return true;
  }
  return false;
}

function matchesAt(tokens: string[], i: number, e: Entry): boolean {
  for (let k = 0; k < e.words.length; k++) {
    const t = tokens[i + k];
    if (t === undefined) return false;
    const w = e.words[k]!;
    const last = k === e.words.length - 1;
    if (last && !e.whole ? !t.startsWith(w) : t !== w) return false;
  }
  return true;
}
