import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitsInTweet } from "../lib/x-text.ts";
import { guessLang, serialize } from "./payloads.ts";
import { generateScenario, MESSAGES_PER_DAY, type ScenarioEvent } from "./scenarios.ts";
import {
  anonymiseDatasetText,
  BUILTIN_TEXTS,
  defaultDatasetPath,
  loadDatasetTexts,
  loadTextPool,
} from "./texts.ts";

const builtin = loadTextPool({ useDataset: false });
const base = {
  texts: builtin,
  xUserId: "3001",
  fbPageId: "1001",
  start: new Date("2024-05-14T00:00:00Z"),
};

// biome-ignore lint/suspicious/noExplicitAny: the tests walk webhook bodies of every shape
type Json = any;

const messages = (events: ScenarioEvent[]) => events.filter((e) => e.expectedMessages > 0);
const textOf = (e: ScenarioEvent): string | undefined => {
  const b = e.body as Json;
  return (
    b.tweet_create_events?.[0]?.extended_tweet?.full_text ??
    b.tweet_create_events?.[0]?.text ??
    b.direct_message_events?.[0]?.message_create.message_data.text ??
    b.entry?.[0]?.messaging?.[0]?.message?.text ??
    b.entry?.[0]?.changes?.[0]?.value?.message
  );
};

describe("generateScenario", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = generateScenario({ ...base, scenario: "normal", seed: 42 });
    const b = generateScenario({ ...base, scenario: "normal", seed: 42 });
    const c = generateScenario({ ...base, scenario: "normal", seed: 43 });
    expect(serialize(a.events)).toBe(serialize(b.events));
    expect(serialize(a.events)).not.toBe(serialize(c.events));
  });

  it("plays the model case's day: 420 messages, 2/3 Facebook, with deletes, edits and likes", () => {
    const day = generateScenario({ ...base, scenario: "normal", seed: 1 });
    expect(day.textSource).toBe("builtin");
    expect(day.expectedMessages).toBe(MESSAGES_PER_DAY);
    const fb = messages(day.events).filter((e) => e.platform === "facebook").length;
    expect(fb / day.expectedMessages).toBeGreaterThan(0.6);
    expect(fb / day.expectedMessages).toBeLessThan(0.73);
    const kinds = new Set(day.events.map((e) => e.kind));
    for (const kind of [
      "x.mention",
      "x.reply",
      "x.dm",
      "facebook.message",
      "facebook.comment",
      "facebook.comment_reply",
      "facebook.post",
    ]) {
      expect(kinds).toContain(kind);
    }
    const others = day.events.filter((e) => e.expectedMessages === 0);
    expect(others.length).toBeGreaterThan(0);
    expect(others.length).toBeLessThan(day.events.length * 0.1);
    // A day in a minute at the default speed, in delivery order.
    expect(day.durationMs).toBeLessThanOrEqual(61_000);
    expect(day.events.map((e) => e.at)).toEqual(
      [...day.events.map((e) => e.at)].sort((x, y) => x - y),
    );
  });

  it("multiplies the volume on launch and outage days", () => {
    expect(generateScenario({ ...base, scenario: "launch" }).expectedMessages).toBe(
      3 * MESSAGES_PER_DAY,
    );
    const outage = generateScenario({ ...base, scenario: "outage" });
    expect(outage.expectedMessages).toBe(6 * MESSAGES_PER_DAY);
    const complaints = messages(outage.events).filter((e) =>
      /Kein Internet seit|kein internet seit|no signal since|Störung in|Internet down|outage in|kein Netz|offline|tot in|Totalausfall|Router blinkt rot/.test(
        textOf(e) ?? "",
      ),
    );
    expect(complaints.length / outage.expectedMessages).toBeGreaterThan(0.55);
    // Small variations of the same complaint, not copies of one text.
    expect(new Set(complaints.map(textOf)).size).toBeGreaterThan(50);
  });

  it("scales with hours and speed and honours count", () => {
    const half = generateScenario({ ...base, scenario: "normal", hours: 12, speed: 720 });
    expect(half.expectedMessages).toBe(210);
    expect(half.durationMs).toBeLessThanOrEqual(60_000);
    expect(generateScenario({ ...base, scenario: "outage", count: 25 }).events).toHaveLength(25);
  });

  it("sends a burst at a constant rate", () => {
    const burst = generateScenario({ ...base, scenario: "burst", rate: 20, count: 60 });
    expect(burst.events).toHaveLength(60);
    expect(burst.events[1]!.at - burst.events[0]!.at).toBe(50);
    expect(burst.durationMs).toBe(59 * 50);
  });

  it("builds valid, unique, brand-addressed events", () => {
    const { events } = generateScenario({ ...base, scenario: "launch", seed: 9 });
    const ids = new Set<string>();
    for (const event of events) {
      const body = event.body as Json;
      if (event.platform === "x") {
        expect(body.for_user_id).toBe("3001");
        const tweet = body.tweet_create_events?.[0];
        if (tweet) {
          expect(fitsInTweet(tweet.extended_tweet?.full_text ?? tweet.text)).toBe(true);
          expect(
            tweet.entities.user_mentions.some((m: { id_str: string }) => m.id_str === "3001"),
          ).toBe(true);
          expect(ids.has(tweet.id_str)).toBe(false);
          ids.add(tweet.id_str);
        }
        const dm = body.direct_message_events?.[0];
        if (dm) {
          expect(body.users[dm.message_create.sender_id]).toBeDefined();
          expect(body.users[dm.message_create.target.recipient_id]).toBeDefined();
        }
      } else {
        expect(body.object).toBe("page");
        expect(body.entry[0].id).toBe("1001");
      }
    }
  });

  it("orders follow-ups after the message they change", () => {
    const { events } = generateScenario({ ...base, scenario: "outage", seed: 5 });
    const seenTweets = new Set<string>();
    const seenComments = new Set<string>();
    for (const event of events) {
      const body = event.body as Json;
      if (event.kind === "x.delete")
        expect(seenTweets.has(body.tweet_delete_events[0].status.id)).toBe(true);
      if (event.kind === "facebook.comment_edited" || event.kind === "facebook.comment_remove") {
        expect(seenComments.has(body.entry[0].changes[0].value.comment_id)).toBe(true);
      }
      const tweet = body.tweet_create_events?.[0];
      if (tweet) seenTweets.add(tweet.id_str);
      const value = body.entry?.[0]?.changes?.[0]?.value;
      if (value?.verb === "add" && value.comment_id) seenComments.add(value.comment_id);
    }
  });
});

describe("texts", () => {
  it("has about 60 built-in samples in German and English", () => {
    expect(BUILTIN_TEXTS.length).toBeGreaterThanOrEqual(60);
    const german = BUILTIN_TEXTS.filter((t) => guessLang(t) === "de").length;
    expect(german).toBeGreaterThan(30);
    expect(BUILTIN_TEXTS.length - german).toBeGreaterThan(15);
  });

  it("replaces handles and e-mail addresses in data set texts", () => {
    expect(
      anonymiseDatasetText(
        "@TeamYouTube @SomeUser my mail is jane.doe@gmail.com, see @Other",
        "TeamYouTube",
      ),
    ).toMatch(/^my mail is kunde_\d{5}@example\.com, see @kunde_\d{5}$/);
  });

  it.skipIf(!existsSync(defaultDatasetPath()))(
    "reads the customer-care data set when it is there",
    () => {
      const texts = loadDatasetTexts()!;
      expect(texts.length).toBeGreaterThan(300);
      expect(texts.some((t) => /(?<!\w)@(?!kunde_\d{5}\b)\w+/.test(t))).toBe(false);
    },
  );
});
