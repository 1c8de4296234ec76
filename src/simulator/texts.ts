import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * What simulated customers write. Real customer-care tweets from
 * `../shared/data/twitter-customer-care/dev.json` when that file is there (handles and
 * e-mail addresses replaced, never copied into the repo), else the samples below.
 */

export interface TextPool {
  source: "dataset" | "builtin";
  texts: string[];
}

/** Written for the model case: a German telecom's customers, in German and English. */
export const BUILTIN_TEXTS: readonly string[] = [
  // outages and faults
  "Seit heute Morgen kein Internet. Router neu gestartet, hilft nichts. Was ist los?",
  "Mein DSL bricht alle paar Minuten ab, und das seit drei Tagen. Homeoffice ist so unmöglich.",
  "Festnetz tot, Internet geht aber. Wie kann das sein?",
  "Die Leitung ist seit Freitag gestört, der Techniker kommt erst nächste Woche?! Das ist nicht euer Ernst.",
  "Gibt es in Leipzig-Connewitz gerade eine Störung? Bei mir blinkt die Info-LED.",
  "Mobiles Internet in der Bahn zwischen Hannover und Göttingen ist eine Katastrophe.",
  "Kein LTE mehr seit dem Update auf dem Handy, nur noch Edge. Hat noch jemand das Problem?",
  "My internet has been down since last night and nobody at the hotline could tell me why.",
  "Connection keeps dropping every evening around 8pm. Speed test shows 3 Mbit instead of 100.",
  "Is there an outage in Frankfurt? TV and internet both gone.",
  "No mobile data since this morning, calls work fine. Already restarted the phone twice.",
  "WLAN ist super langsam, obwohl ich 250 Mbit gebucht habe. Messprotokoll kann ich schicken.",
  // technician and installation
  "Der Techniker sollte heute zwischen 8 und 12 Uhr kommen. Es ist 13 Uhr und niemand war da.",
  "Glasfaser-Anschluss seit sechs Wochen beauftragt, immer noch kein Termin. Wer kann helfen?",
  "Bekomme ständig SMS mit neuem Technikertermin, aber keiner passt. Kann man das selbst wählen?",
  "Technician never showed up and I took a day off for it. Who pays for that?",
  "The installation guy said the line is fine, but still no sync on the router. What now?",
  // billing and contracts
  "Warum wurden mir diesen Monat 89,95 € abgebucht? Mein Tarif kostet 39,95 €.",
  "Ich habe fristgerecht gekündigt und trotzdem kam wieder eine Rechnung.",
  "Wie kann ich meine Bankverbindung ändern? Im Kundencenter finde ich das nicht.",
  "Meine IBAN ist DE89 3704 0044 0532 0130 00, bitte bucht die Rechnung von diesem Konto ab.",
  "Seit der Preiserhöhung zahle ich mehr für weniger. Gibt es ein Sonderkündigungsrecht?",
  "I was charged twice for roaming in Austria although I have the EU option. Please check.",
  "Can you tell me when my contract ends? The app shows two different dates.",
  "Rechnung als PDF lässt sich nicht herunterladen, Fehlermeldung 500.",
  "Vertragsverlängerung online gemacht, Bestätigung kam aber nie an. Ist das durch?",
  // moving and orders
  "Ich ziehe am 1. Juli nach Hamburg. Kann ich meinen Anschluss mitnehmen und ab wann?",
  "Umzug beauftragt, aber am neuen Wohnort ist der Anschluss noch nicht geschaltet.",
  'Router bestellt, Sendungsverfolgung zeigt seit einer Woche "in Bearbeitung".',
  "Moving to Munich next month. How early should I request the move of my DSL line?",
  "Ordered a new SIM card two weeks ago, still nothing in the mailbox.",
  // app, account, login
  "Ich komme nicht mehr ins Kundencenter, Passwort zurücksetzen schickt keine Mail.",
  "Die MeinMagenta-App stürzt bei jedem Start ab (Android 14).",
  "How do I activate eSIM on my new phone? The QR code says already used.",
  "Login to the customer portal says my account is locked. I didn't do anything.",
  "Meine Handynummer ist 0171 2345678, bitte ruft mich zurück, ich komme in der Hotline nicht durch.",
  "Bitte meldet euch per DM, ich möchte meine Vertragsdaten nicht öffentlich posten.",
  // TV and products
  "MagentaTV zeigt seit gestern nur noch schwarzes Bild auf allen Sendern.",
  "Wann kommt die Bundesliga wieder in die App? Letzte Saison ging es noch.",
  "The TV box keeps rebooting during live football. Very annoying.",
  "Hat jemand Erfahrung mit dem Speedport Smart 4 und Mesh? Lohnt sich das?",
  "Wie viel Datenvolumen ist im Tarif M wirklich drin? Die Angaben widersprechen sich.",
  // praise
  "Danke an Sandra von der Hotline, die sich eine Stunde Zeit genommen hat. Super Service!",
  "Problem in 10 Minuten gelöst, so muss das sein. Danke!",
  "Großes Lob an den Techniker heute, sehr freundlich und alles sauber verlegt.",
  "Thanks for the quick help yesterday, everything works perfectly now!",
  "You guys rock, fibre finally arrived and it's blazing fast. 🚀",
  "Ich muss auch mal was Positives sagen: Der Chat-Support war heute richtig gut. 👍",
  // angry and escalation
  "Dritte Woche ohne Internet. Ich zahle jeden Monat und bekomme nichts. Ich wechsle!",
  "Zum fünften Mal in der Warteschleife, 45 Minuten. Das ist einfach nur frech.",
  "Worst customer service ever. Nobody calls back, nobody cares.",
  "Wenn das bis Freitag nicht läuft, gehe ich zur Verbraucherzentrale.",
  "Ihr habt mir versprochen, dass jemand zurückruft. Das war vor 10 Tagen.",
  // questions
  "Gibt es für Studenten einen Rabatt auf den Mobilfunktarif?",
  "Kann ich mein altes Handy bei euch in Zahlung geben?",
  "Is 5G available in Dresden already? My phone only shows LTE.",
  "Does the prepaid plan work in Switzerland or do I need an extra option?",
  "Funktioniert WLAN Call auch im Ausland? Ich bin nächste Woche in Spanien.",
  "Wie lange dauert die Portierung meiner Rufnummer von einem anderen Anbieter?",
  "Kann ich die Drosselung aufheben, ohne gleich den Tarif zu wechseln?",
  "Hi, my parents (both 80+) need a simple phone plan. What would you recommend?",
];

/** For launch days: orders, delivery and availability of the new phone. */
export const LAUNCH_TEXTS: readonly string[] = [
  "Vorbestellung am Freitag gemacht, wann wird das neue iPhone geliefert?",
  "Im Shop hieß es, das Gerät ist erst in vier Wochen verfügbar. Online steht sofort lieferbar?",
  "Pre-ordered the new phone at 9am sharp, order status still says 'pending'.",
  "Bekomme ich das neue Smartphone auch mit Vertragsverlängerung zum Aktionspreis?",
  "Order confirmation came, but the price is 100 € higher than advertised.",
  "Lieferung angeblich zugestellt, hier ist aber nichts angekommen!",
  "Is the trade-in bonus for the new model also valid for a broken screen?",
  "Wann gibt es das neue Modell in 256 GB wieder? Seit Stunden ausverkauft.",
];

const CITIES: ReadonlyArray<readonly [string, string]> = [
  ["50667", "Köln"],
  ["50823", "Köln-Ehrenfeld"],
  ["50937", "Köln-Sülz"],
  ["51063", "Köln-Mülheim"],
  ["50733", "Köln-Nippes"],
  ["53111", "Bonn"],
  ["50354", "Hürth"],
  ["51373", "Leverkusen"],
];
const SINCE_DE = ["heute Morgen", "6 Uhr", "halb acht", "heute früh", "über zwei Stunden", "8 Uhr"];
const SINCE_EN = ["8am", "7:30", "this morning", "early this morning", "6 o'clock", "6am"];
const OUTAGE_TEMPLATES_DE = [
  "Kein Internet seit {sinceDe} in {plz} {city}",
  "Kein Internet seit {sinceDe} in {plz} {city}!!",
  "kein internet seit {sinceDe} in {city}",
  "Störung in {plz} {city}? Seit {sinceDe} geht gar nichts mehr.",
  "Internet und Telefon tot in {city}. Ist eine Störung bekannt?",
  "Totalausfall in {city} seit {sinceDe}. Homeoffice unmöglich 😤",
  "Auch bei mir in {plz} kein Netz. Wann geht es wieder?",
  "Router blinkt rot, kein Internet in {city}. Bei den Nachbarn das Gleiche.",
  "Großstörung in {city}?? Seit {sinceDe} offline.",
];
const OUTAGE_TEMPLATES_EN = [
  "no signal since {sinceEn}",
  "No internet since {sinceEn} in {city}, anyone else?",
  "Is there an outage in {city}? Internet down since {sinceEn}.",
  "no signal since {sinceEn} in {plz} {city} 😡",
  "Internet down in {city} since {sinceEn}, working from home is impossible.",
];

/** A complaint about the same outage, with the small variations real ones have. */
export function outageText(pick: <T>(list: readonly T[]) => T, english: boolean): string {
  const [plz, city] = pick(CITIES);
  const template = pick(english ? OUTAGE_TEMPLATES_EN : OUTAGE_TEMPLATES_DE);
  return template
    .replace("{plz}", plz)
    .replace("{city}", city)
    .replace("{sinceDe}", pick(SINCE_DE))
    .replace("{sinceEn}", pick(SINCE_EN));
}

interface DevConversation {
  dialogHeader?: { company?: string };
  dialogContent?: Array<{ client?: string; message?: string }>;
}

/** Where `../shared/data` is for this checkout. */
export function defaultDatasetPath(): string {
  return fileURLToPath(
    new URL("../../../shared/data/twitter-customer-care/dev.json", import.meta.url),
  );
}

function pseudonym(handle: string): string {
  let h = 0;
  for (const ch of handle.toLowerCase()) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `kunde_${(h % 100_000).toString().padStart(5, "0")}`;
}

/**
 * Customers' messages from the IBM customer-care set: @handles become pseudonyms (the
 * company's handle is dropped, the simulator adds the brand's), e-mail addresses become
 * example.com ones of the same shape.
 */
export function anonymiseDatasetText(message: string, company: string): string {
  return message
    .replace(/[\w.+-]+@([\w-]+\.)+[a-z]{2,}/gi, (email) => `${pseudonym(email)}@example.com`)
    .replace(/(?<!\w)@(\w{1,15})/g, (_whole, handle: string) =>
      handle.toLowerCase() === company.toLowerCase() ? "" : `@${pseudonym(handle)}`,
    )
    .replace(/^(?:\s*@\w+)+\s*/, "")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}

/** Reads the data set when present; `null` when it is absent or unreadable. */
export function loadDatasetTexts(path = defaultDatasetPath()): string[] | null {
  let conversations: DevConversation[];
  try {
    conversations = JSON.parse(readFileSync(path, "utf8")) as DevConversation[];
  } catch {
    return null;
  }
  const seen = new Set<string>();
  for (const conversation of conversations) {
    const company = conversation.dialogHeader?.company ?? "";
    for (const turn of conversation.dialogContent ?? []) {
      if (!turn.message) continue;
      const text = anonymiseDatasetText(turn.message, company);
      if (text.length >= 15) seen.add(text);
    }
  }
  return seen.size ? [...seen] : null;
}

/** The data set when it is there (`useDataset` defaults to true), else the samples. */
export function loadTextPool(options: { useDataset?: boolean; path?: string } = {}): TextPool {
  const dataset = options.useDataset === false ? null : loadDatasetTexts(options.path);
  return dataset
    ? { source: "dataset", texts: dataset }
    : { source: "builtin", texts: [...BUILTIN_TEXTS] };
}

/** What the brand's agents write back (for echoes of answers sent outside hilft). */
export const BRAND_REPLIES: readonly string[] = [
  "Hallo! Danke für deine Nachricht, wir schauen uns das sofort an. ^TS",
  "Das tut mir leid! Schick mir bitte deine Kundennummer und Anschrift per DM. ^MB",
  "Hi! Sorry for the trouble. Could you DM us your customer number? We'll check the line. ^SK",
  "Ich habe die Störung an die Technik weitergegeben und melde mich, sobald ich mehr weiß. ^AL",
  "Der neue Termin ist eingestellt, die Bestätigung kommt per SMS. Viele Grüße ^JK",
  "Thanks for your patience! The fault has been fixed, please restart your router. ^SK",
];

/** The brand's own posts that customers quote or comment on. */
export const BRAND_ANNOUNCEMENTS: readonly string[] = [
  "Heute Nacht von 0 bis 5 Uhr Wartungsarbeiten im Raum Köln/Bonn. Kurze Unterbrechungen sind möglich.",
  "Gute Nachrichten: Bis Ende Juni schließen wir weitere 12.000 Haushalte ans Glasfasernetz an.",
  "Ab sofort erreicht ihr uns auch sonntags von 8 bis 20 Uhr hier im Chat.",
  "Our new app update is live: bills, contracts and support in one place.",
  "Das neue Smartphone ist da! Jetzt vorbestellen und Tauschbonus sichern.",
];

/** Buttons of the page's Messenger menu. */
export const POSTBACK_MENU: ReadonlyArray<{ title: string; payload: string }> = [
  { title: "Störung melden", payload: "REPORT_OUTAGE" },
  { title: "Rechnung & Vertrag", payload: "BILLING" },
  { title: "Mit einem Menschen sprechen", payload: "HUMAN_AGENT" },
  { title: "Get started", payload: "GET_STARTED" },
];

export const FIRST_NAMES: readonly string[] = [
  "Anna",
  "Lukas",
  "Mia",
  "Leon",
  "Sophie",
  "Jonas",
  "Emma",
  "Felix",
  "Lea",
  "Paul",
  "Hannah",
  "Tim",
  "Laura",
  "Jan",
  "Sarah",
  "Ahmet",
  "Elif",
  "Marek",
  "Olga",
  "John",
  "Emily",
  "David",
  "Chloe",
  "Mehmet",
  "Katarzyna",
  "Giulia",
  "Tom",
  "Nina",
  "Ben",
  "Sven",
];
export const LAST_NAMES: readonly string[] = [
  "Müller",
  "Schmidt",
  "Schneider",
  "Fischer",
  "Weber",
  "Meyer",
  "Wagner",
  "Becker",
  "Hoffmann",
  "Schäfer",
  "Koch",
  "Richter",
  "Klein",
  "Wolf",
  "Yılmaz",
  "Kowalski",
  "Smith",
  "Brown",
  "Rossi",
  "Neumann",
  "Schwarz",
  "Zimmermann",
  "Krüger",
  "Hartmann",
];
