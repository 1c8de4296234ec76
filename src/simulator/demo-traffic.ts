import type { Logger } from "pino";
import type { ChannelRow } from "../db/schema/index.ts";
import { openJson } from "../lib/secret-box.ts";
import type { FacebookCredentials, XCredentials } from "../modules/channels/channels.schemas.ts";
import { DEMO_FB_PAGE_ID, DEMO_X_USER_ID } from "../modules/workspaces/seed-demo.ts";
import type { Services } from "../server/services.ts";
import { deliver } from "./deliver.ts";
import { generateScenario } from "./scenarios.ts";
import { loadTextPool } from "./texts.ts";

/**
 * Keeps the demo workspace's inbox alive: plays the model case's normal day (420
 * messages, 2/3 Facebook) into this server's own webhooks, `speed` times faster, with
 * correctly signed deliveries, again and again with new seeds. The demo channels send
 * their replies to the simulator mounted at /simulator, so a new user can answer too.
 */
export async function startDemoTraffic(
  services: Services,
  opts: { target: string; speed: number; log: Logger },
): Promise<(() => Promise<void>) | undefined> {
  const workspace = await services.workspaces.findBySlug("demo");
  if (!workspace) return undefined;
  const channels = await services.channels.listByWorkspace(workspace.id);
  const isDemo = (c: ChannelRow) => c.status === "active" && c.apiBaseUrl?.endsWith("/simulator");
  const x = channels.find((c) => c.kind === "x" && c.externalId === DEMO_X_USER_ID && isDemo(c));
  const fb = channels.find(
    (c) => c.kind === "facebook" && c.externalId === DEMO_FB_PAGE_ID && isDemo(c),
  );
  if (!x || !fb) return undefined;
  const key = services.config.secretKey;
  const secrets = {
    x: { consumerSecret: openJson<XCredentials>(key, x.credentials).consumerSecret },
    facebook: { appSecret: openJson<FacebookCredentials>(key, fb.credentials).appSecret },
  };
  const controller = new AbortController();
  const texts = loadTextPool({ useDataset: false });
  const loop = async () => {
    let seed = Date.now() % 1_000_000;
    while (!controller.signal.aborted) {
      const scenario = generateScenario({
        scenario: "normal",
        seed: seed++,
        speed: opts.speed,
        xUserId: x.externalId,
        xScreenName: x.handle ?? "telekom_hilft",
        fbPageId: fb.externalId,
        texts,
        start: new Date(),
      });
      const result = await deliver({
        target: opts.target,
        events: scenario.events,
        secrets,
        concurrency: 2,
        signal: controller.signal,
      }).catch((err: unknown) => {
        if (!controller.signal.aborted) opts.log.warn({ err }, "demo traffic stopped early");
        return undefined;
      });
      if (result) opts.log.info({ delivered: result.acknowledged }, "demo day replayed");
      if (!result) await new Promise((r) => setTimeout(r, 5_000));
    }
  };
  const running = loop();
  opts.log.info({ speed: opts.speed }, "demo traffic started");
  return async () => {
    controller.abort();
    await running;
  };
}
