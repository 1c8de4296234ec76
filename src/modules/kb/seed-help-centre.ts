import { renderMarkdown } from "../../lib/markdown.ts";
import { slugify } from "../../lib/slug.ts";
import type { Services } from "../../server/services.ts";

/** The demo help centre's categories (German and English names). */
const CATEGORIES = [
  { slug: "mobilfunk", nameDe: "Mobilfunk", nameEn: "Mobile", position: 0 },
  {
    slug: "rechnung-vertrag",
    nameDe: "Rechnung & Vertrag",
    nameEn: "Bills & contract",
    position: 10,
  },
] as const;

/** A few published articles, German with an English version, so the demo has something to link. */
const ARTICLES = [
  {
    category: "mobilfunk",
    faq: false,
    de: {
      title: "eSIM aktivieren",
      summary: "So lädst du deine eSIM mit dem QR-Code auf dein Smartphone.",
      body: "1. Öffne die Einstellungen deines Smartphones.\n2. Wähle **Mobilfunk → eSIM hinzufügen**.\n3. Scanne den QR-Code aus deinem Kundencenter.\n\nDie eSIM ist nach wenigen Minuten aktiv.",
    },
    en: {
      title: "Activate your eSIM",
      summary: "How to load your eSIM onto your phone with the QR code.",
      body: "1. Open your phone's settings.\n2. Choose **Mobile data → Add eSIM**.\n3. Scan the QR code from your customer centre.\n\nThe eSIM is active within minutes.",
    },
  },
  {
    category: "rechnung-vertrag",
    faq: true,
    de: {
      title: "Wo finde ich meine Rechnung?",
      summary: "Rechnungen der letzten 24 Monate als PDF im Kundencenter.",
      body: "Im Kundencenter unter **Rechnungen** findest du alle Rechnungen der letzten 24 Monate als PDF.",
    },
    en: {
      title: "Where do I find my bill?",
      summary: "Bills of the last 24 months as PDF in the customer centre.",
      body: "In the customer centre under **Bills** you find every bill of the last 24 months as a PDF.",
    },
  },
] as const;

/** Seeds the demo help centre once: categories always, articles only into an empty one. */
export async function seedHelpCentre(
  services: Services,
  workspaceId: string,
  authorId: string,
): Promise<void> {
  for (const c of CATEGORIES) await services.kb.insertCategory({ workspaceId, ...c });
  const existing = await services.kb.listArticles({
    workspaceId,
    publicOnly: false,
    limit: 1,
    offset: 0,
  });
  if (existing.length) return;
  for (const a of ARTICLES) {
    const category = await services.kb.findCategory(workspaceId, { slug: a.category });
    let group: string | undefined;
    for (const language of ["de", "en"] as const) {
      const text = a[language];
      const row = await services.kb.insertArticle({
        workspaceId,
        language,
        translationGroup: group,
        authorId,
        ...text,
        bodyHtml: renderMarkdown(text.body),
        tags: [],
        slug: slugify(text.title),
        categoryId: category?.id ?? null,
        faq: a.faq,
        status: "published",
        publishAt: new Date(),
      });
      group = row.translationGroup;
    }
  }
}
