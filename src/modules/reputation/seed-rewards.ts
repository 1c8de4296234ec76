import type { Services } from "../../server/services.ts";

/** The demo's rewards: one bought with points, one for the month's top helpers. */
const DEMO_REWARDS = [
  {
    name: "Testgerät: neuer WLAN-Router / Test device: new Wi-Fi router",
    description:
      "Teste den nächsten Router vor allen anderen und erzähl der Community davon. / Try the next router before anyone else and tell the community about it.",
    stock: 5,
    pricePoints: 500,
    topHelpersOfMonth: null,
  },
  {
    name: "Backstage-Pass / Backstage pass",
    description:
      "Ein Tag hinter den Kulissen des Kundenservice. / A day behind the scenes of customer care.",
    stock: 2,
    pricePoints: null,
    topHelpersOfMonth: 10,
  },
];

/** Adds the demo rewards to a workspace that has none yet (safe to run again). */
export async function seedDemoRewards(services: Services, workspaceId: string): Promise<number> {
  const { rewards } = services.reputation;
  if ((await rewards.list(workspaceId, { activeOnly: false })).length) return 0;
  await services.db.transaction(async (tx) => {
    for (const r of DEMO_REWARDS) await rewards.create(tx, { workspaceId, ...r });
  });
  return DEMO_REWARDS.length;
}
