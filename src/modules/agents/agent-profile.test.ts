import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFactory, userFactory } from "../../../test/factories.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";

/** An agent's profile: skills, consents, a resized photo, and what /team shows of it. */
let t: TestApp;
let anna: { id: string; token: string };
let colleague: string;
let customer: string;
let teamId: string;

const call = (
  token: string | null,
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method: method as "GET",
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#e20074" } })
    .png()
    .toBuffer();

beforeAll(async () => {
  t = await buildTestApp();
  const a = await userFactory(t.services, { role: "agent", name: "Anna Berger" });
  anna = { id: a.user.id, token: await tokenFactory(t.services, a.user) };
  const admin = await userFactory(t.services, { role: "admin", name: "Jonas Keller" });
  colleague = await tokenFactory(t.services, admin.user);
  customer = await tokenFactory(t.services, (await userFactory(t.services)).user);
  const team = await call(colleague, "POST", "/api/v1/teams", {
    name: "Social Care",
    weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "20:00" })),
  });
  teamId = team.json().id;
  await call(colleague, "PUT", `/api/v1/teams/${teamId}/members/${anna.id}`, {});
});
afterAll(() => t?.close());

describe("agent profile", () => {
  it("keeps skills and both consents, off by default, and names bad input", async () => {
    const me = (await call(anna.token, "PATCH", "/api/v1/me", { skills: [] })).json();
    expect(me).toMatchObject({
      skills: [],
      showPhotoPublicly: false,
      showFullNamePublicly: false,
      photoUrl: null,
    });
    const set = await call(anna.token, "PATCH", "/api/v1/me", {
      skills: ["lang:de", "Product:Mobile"],
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().skills).toEqual(["lang:de", "product:mobile"]);
    const bad = await call(anna.token, "PATCH", "/api/v1/me", { skills: ["deutsch"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("skills.0");
    const badConsent = await call(anna.token, "PATCH", "/api/v1/me", { showPhotoPublicly: "yes" });
    expect(badConsent.json().error.details[0].field).toBe("showPhotoPublicly");
  });

  it("stores an uploaded photo as a 256 px square WebP, for colleagues only until the agent agrees", async () => {
    const upload = await call(anna.token, "PUT", "/api/v1/me/photo", await png(800, 600), {
      "content-type": "image/png",
    });
    expect(upload.statusCode).toBe(200);
    const photoUrl: string = upload.json().photoUrl;
    expect(photoUrl).toMatch(new RegExp(`^/api/v1/agents/${anna.id}/photo\\?v=\\d+$`));

    const seen = await call(colleague, "GET", photoUrl);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers["content-type"]).toBe("image/webp");
    const meta = await sharp(seen.rawPayload).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 256, height: 256 });
    expect(
      (
        await call(colleague, "GET", photoUrl, undefined, {
          "if-none-match": String(seen.headers.etag),
        })
      ).statusCode,
    ).toBe(304);
    // The public and customers see nothing without consent.
    expect((await call(null, "GET", photoUrl)).statusCode).toBe(404);
    expect((await call(customer, "GET", photoUrl)).statusCode).toBe(404);
    expect((await call(null, "GET", "/team?lang=en")).body).not.toContain("<img");

    await call(anna.token, "PATCH", "/api/v1/me", { showPhotoPublicly: true });
    const publicPhoto = await call(null, "GET", photoUrl);
    expect(publicPhoto.statusCode).toBe(200);
    expect(publicPhoto.headers["cache-control"]).toContain("public");
  });

  it("refuses other formats, fakes, oversized uploads and customers, with the field named", async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } })
      .gif()
      .toBuffer();
    const asGif = await call(anna.token, "PUT", "/api/v1/me/photo", gif, {
      "content-type": "image/gif",
    });
    expect(asGif.statusCode).toBe(415);
    expect(asGif.json().error.details[0].field).toBe("photo");
    // A GIF that claims to be a PNG is still a GIF.
    const disguised = await call(anna.token, "PUT", "/api/v1/me/photo", gif, {
      "content-type": "image/png",
    });
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().error).toMatchObject({
      details: [{ field: "photo", message: "must be a JPEG, PNG or WebP image" }],
    });
    const garbage = await call(anna.token, "PUT", "/api/v1/me/photo", Buffer.from("not an image"), {
      "content-type": "image/jpeg",
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.details[0].field).toBe("photo");
    const huge = await call(
      anna.token,
      "PUT",
      "/api/v1/me/photo",
      Buffer.alloc(6 * 1024 * 1024, 1),
      {
        "content-type": "image/png",
      },
    );
    expect(huge.statusCode).toBe(413);
    const asCustomer = await call(customer, "PUT", "/api/v1/me/photo", await png(10, 10), {
      "content-type": "image/png",
    });
    expect(asCustomer.statusCode).toBe(403);
    // The earlier photo is untouched by the refused uploads.
    const me = (await call(anna.token, "PATCH", "/api/v1/me", { skills: ["lang:de"] })).json();
    expect(me.photoUrl).toMatch(/photo\?v=/);
    expect((await call(colleague, "GET", me.photoUrl)).statusCode).toBe(200);
  });

  it("shows the team on /team by consent: first name and initial, or the full name and photo", async () => {
    await call(anna.token, "PATCH", "/api/v1/me", {
      showPhotoPublicly: false,
      showFullNamePublicly: false,
    });
    const plain = (await call(null, "GET", "/team?lang=de")).body;
    expect(plain).toContain("<span>Anna B.</span>");
    expect(plain).toContain('<span class="initials" aria-hidden="true">AB</span>');
    expect(plain).not.toContain("Berger");
    expect(plain).not.toContain("<img");

    await call(anna.token, "PATCH", "/api/v1/me", {
      showPhotoPublicly: true,
      showFullNamePublicly: true,
    });
    const shown = (await call(null, "GET", "/team?lang=de")).body;
    expect(shown).toContain("<span>Anna Berger</span>");
    expect(shown).toMatch(new RegExp(`<img src="/api/v1/agents/${anna.id}/photo\\?v=\\d+"`));

    const removed = await call(anna.token, "DELETE", "/api/v1/me/photo");
    expect(removed.json().photoUrl).toBeNull();
    expect((await call(null, "GET", "/team?lang=de")).body).not.toContain("<img");
    expect((await call(colleague, "GET", `/api/v1/agents/${anna.id}/photo`)).statusCode).toBe(404);
  });
});
