import { renderMarkdown } from "../../lib/markdown.ts";
import type { Services } from "../../server/services.ts";

/** The demo community's boards, in display order (German first: the demo is a German telecom). */
export const DEMO_BOARDS = [
  {
    slug: "mobilfunk",
    name: "Mobilfunk",
    description: "Tarife, SIM, eSIM, Roaming und Empfang / Mobile plans, SIM, roaming and coverage",
  },
  {
    slug: "internet-festnetz",
    name: "Internet & Festnetz",
    description: "DSL, Glasfaser, Router und Telefonie / Broadband, fibre, routers and landline",
  },
  {
    slug: "rechnung-vertrag",
    name: "Rechnung & Vertrag",
    description:
      "Rechnungen, Kündigung, Umzug und Kundenkonto / Bills, contracts, moving and account",
  },
  {
    slug: "geraete",
    name: "Geräte",
    description: "Smartphones, Tablets und Zubehör / Phones, tablets and accessories",
  },
  {
    slug: "ideen",
    name: "Ideen & Wünsche",
    description:
      "Was sollen wir besser machen? Stimmt ab, wir antworten mit einem Status / Ideas: vote, and the team answers with a status",
    kind: "ideas",
  },
] as const;

/** Two demo ideas on a freshly created ideas board; one already has the team's answer. */
const DEMO_IDEAS = [
  {
    title: "Rechnung jeden Monat automatisch als PDF per E-Mail",
    body: "Ich lade die Rechnung jeden Monat im Kundencenter herunter. Schöner wäre sie **direkt im Postfach**.",
    status: {
      to: "planned" as const,
      comment: "Danke! Der PDF-Versand ist für das nächste Release des Kundencenters eingeplant.",
    },
  },
  {
    title: "Dark mode for the customer app",
    body: "The app is very bright at night. A dark theme that follows the system setting would be great.",
    status: undefined,
  },
];

/** Creates the demo boards that do not exist yet; returns the slugs it created. */
export async function seedCommunityBoards(
  services: Services,
  workspaceId: string,
): Promise<string[]> {
  const created: string[] = [];
  for (const [position, board] of DEMO_BOARDS.entries()) {
    const result = await services.community.posts.ensureBoard({
      workspaceId,
      ...board,
      position: position * 10,
    });
    if (result.created) created.push(board.slug);
    if (result.created && board.slug === "ideen") await seedDemoIdeas(services, result.board.id);
  }
  return created;
}

async function seedDemoIdeas(services: Services, boardId: string) {
  const [customer, agent] = await Promise.all([
    services.accounts.findUserByEmail("kunde@demo.hilft.example"),
    services.accounts.findUserByEmail("anna.berger@demo.hilft.example"),
  ]);
  if (!customer || !agent) return;
  for (const demo of DEMO_IDEAS) {
    const idea = await services.community.ideas.create({
      workspaceId: customer.workspaceId,
      boardId,
      authorId: customer.id,
      title: demo.title,
      body: demo.body,
      bodyHtml: renderMarkdown(demo.body),
    });
    if (demo.status) {
      await services.community.ideas.changeStatus({
        ideaId: idea.id,
        expected: "new",
        to: demo.status.to,
        comment: demo.status.comment,
        commentHtml: renderMarkdown(demo.status.comment),
        byId: agent.id,
      });
    }
  }
}
