import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { OpeningSchedule } from "./opening-hours/index.ts";
import { outOfHoursDecision, outOfHoursReplyText } from "./out-of-hours.ts";

const berlin = (local: string) => DateTime.fromISO(local, { zone: "Europe/Berlin" }).toJSDate();
const office: OpeningSchedule = {
  weekly: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: "08:00", end: "18:00" })),
  holidays: { country: "DE", state: "NW" },
};

describe("out-of-hours reply", () => {
  it("is not sent while open", () => {
    expect(
      outOfHoursDecision({
        schedule: office,
        at: berlin("2024-06-03T09:00"),
        lastAutoReplyAt: null,
      }),
    ).toEqual({ send: false, reason: "open" });
  });

  it("is sent once per closed period, again after the team was open", () => {
    const first = outOfHoursDecision({
      schedule: office,
      at: berlin("2024-06-07T19:00"),
      lastAutoReplyAt: null,
    });
    expect(first).toEqual({ send: true, backAt: berlin("2024-06-10T08:00") });
    const sameWeekend = outOfHoursDecision({
      schedule: office,
      at: berlin("2024-06-09T11:00"),
      lastAutoReplyAt: berlin("2024-06-07T19:00"),
    });
    expect(sameWeekend).toEqual({ send: false, reason: "already_sent" });
    const nextNight = outOfHoursDecision({
      schedule: office,
      at: berlin("2024-06-10T20:00"),
      lastAutoReplyAt: berlin("2024-06-07T19:00"),
    });
    expect(nextNight.send).toBe(true);
  });

  it("says when the team is back in the customer's language and clock", () => {
    const now = berlin("2024-12-24T20:00");
    const backAt = berlin("2024-12-27T08:00"); // after the Christmas holidays
    expect(outOfHoursReplyText({ language: "de", backAt, timeZone: "Europe/Berlin", now })).toBe(
      "Danke für deine Nachricht! Unser Team ist gerade nicht besetzt und ab Fr., 27. Dezember, 08:00 Uhr wieder für dich da.",
    );
    expect(
      outOfHoursReplyText({
        language: "en-US",
        backAt: berlin("2024-12-25T08:00"),
        timeZone: "Europe/Berlin",
        now,
      }),
    ).toBe("Thanks for your message! Our team is offline right now and back tomorrow 8:00 AM.");
    expect(
      outOfHoursReplyText({
        language: "en",
        backAt: berlin("2024-12-25T08:00"),
        timeZone: "Europe/Berlin",
        now,
      }),
    ).toBe("Thanks for your message! Our team is offline right now and back tomorrow 08:00.");
    expect(
      outOfHoursReplyText({ language: "tr", backAt: null, timeZone: "Europe/Berlin", now }),
    ).toMatch(/^Danke .* so bald wie möglich\.$/);
    expect(
      outOfHoursReplyText({
        language: "de",
        backAt: berlin("2024-12-24T22:00"),
        timeZone: "Europe/Berlin",
        now,
        templates: { de: "Wir sind {backAt} zurück." },
      }),
    ).toBe("Wir sind heute 22:00 Uhr zurück.");
  });
});
