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
] as const;

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
  }
  return created;
}
