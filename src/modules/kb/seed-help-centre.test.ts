import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { seedDemo } from "../workspaces/seed-demo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe("demo help centre", () => {
  it("seeds published German and English versions once, linked to each other", async () => {
    const { workspace } = await seedDemo(t.services);
    await seedDemo(t.services);
    const articles = await t.services.kb.listArticles({
      workspaceId: workspace.id,
      publicOnly: true,
      limit: 50,
      offset: 0,
    });
    expect(articles).toHaveLength(4);
    const esim = articles.find((a) => a.title === "eSIM aktivieren")!;
    const versions = await t.services.kb.listTranslations(esim.translationGroup);
    expect(versions.map((v) => v.language)).toEqual(["de", "en"]);
    const page = await t.app.inject({ url: `/help/${esim.number}-${esim.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hreflang="en"');
  });
});
