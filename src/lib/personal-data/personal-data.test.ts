import { describe, expect, it } from "vitest";
import { detectPersonalData } from "./detect-personal-data.ts";
import { maskPersonalData } from "./mask-personal-data.ts";
import { isCardNumber } from "./payment-card.ts";
import { isGermanTaxId } from "./tax-id.ts";
import type { DetectOptions } from "./types.ts";

const found = (text: string, options: DetectOptions = {}) =>
  detectPersonalData(text, options).map((f) => [f.type, f.value]);

describe("detectPersonalData: offsets", () => {
  it("reports JS string indices into the original text, also after emoji", () => {
    const text = "😡😡 IBAN DE89 3704 0044 0532 0130 00!";
    const [f] = detectPersonalData(text);
    expect(f).toMatchObject({ type: "iban", value: "DE89 3704 0044 0532 0130 00" });
    expect(text.slice(f!.start, f!.end)).toBe("DE89 3704 0044 0532 0130 00");
  });

  it("returns findings sorted by position and never overlapping", () => {
    const text = "Tel 0171 2345678, Mail a.b@web.de, IBAN DE89370400440532013000";
    const list = detectPersonalData(text);
    expect(list.map((f) => f.type)).toEqual(["phone", "email", "iban"]);
    for (let i = 1; i < list.length; i++)
      expect(list[i]!.start).toBeGreaterThanOrEqual(list[i - 1]!.end);
  });

  it("finds nothing in an empty text", () => {
    expect(detectPersonalData("")).toEqual([]);
  });
});

describe("iban", () => {
  it.each([
    ["DE89 3704 0044 0532 0130 00"],
    ["DE89370400440532013000"],
    ["de89 3704 0044 0532 0130 00"],
    ["GB29 NWBK 6016 1331 9268 19"],
    ["AT61 1904 3002 3457 3201"],
    ["NL91ABNA0417164300"],
    ["FR14 2004 1010 0505 0001 3M02 606"],
  ])("finds %s", (iban) => {
    expect(found(`Meine IBAN: ${iban} danke`)).toEqual([["iban", iban]]);
  });

  it("does not take the next word into the IBAN", () => {
    expect(found("DE89 3704 0044 0532 0130 00 bitte")).toEqual([
      ["iban", "DE89 3704 0044 0532 0130 00"],
    ]);
  });

  it("ignores an IBAN with a wrong check digit", () => {
    expect(found("IBAN DE89 3704 0044 0532 0130 01")).toEqual([]);
  });
});

describe("payment_card", () => {
  it.each(["4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005", "6011111111111117"])(
    "finds %s",
    (card) => {
      expect(found(`card ${card} please`)).toEqual([["payment_card", card]]);
    },
  );

  it("checks Luhn and brand", () => {
    expect(isCardNumber("4111111111111111")).toBe(true);
    expect(isCardNumber("4111111111111112")).toBe(false);
    expect(isCardNumber("0000000000000000")).toBe(false);
    expect(isCardNumber("123")).toBe(false);
  });

  it("finds the card inside a run of numbers", () => {
    expect(found("Karte 4111 1111 1111 1111 12 25")).toEqual([
      ["payment_card", "4111 1111 1111 1111"],
    ]);
  });

  it("ignores card-like digits in links and after an order cue", () => {
    expect(found("https://example.com/a/4111111111111111")).toEqual([]);
    expect(found("Bestellnummer 4111111111111111")).toEqual([]);
  });
});

describe("phone", () => {
  it.each([
    "0171 2345678",
    "+49 151 23456789",
    "030/12345678",
    "0221-4711234",
    "(0171) 2345678",
    "+49 (0)40 7654321",
    "0049 172 3456789",
    "+44 20 7946 0958",
    "+1 (415) 555-2671",
  ])("finds %s", (phone) => {
    expect(found(`Ruf an: ${phone}, danke`)).toEqual([["phone", phone]]);
  });

  it.each([
    "Bestellnummer 4056489123",
    "Router 192.168.178.1 und fritz.box",
    "iOS 17.2.1",
    "Preis 49,99 €",
    "am 02.01.2024",
    "um 14:30",
    "Auftragsnummer 0123456789",
    "Sendungsnummer 00340434161234567890",
  ])("does not flag %s", (text) => {
    expect(found(text)).toEqual([]);
  });

  it("skips numbers on the allowlist, in any spelling", () => {
    const options = { allowlist: ["+49 800 3301000"] };
    expect(found("Hotline 0800 330 1000 anrufen", options)).toEqual([]);
    expect(found("Hotline 0800 330 1000 anrufen")).toEqual([["phone", "0800 330 1000"]]);
  });

  it("uses the default region for national numbers", () => {
    expect(found("call 0207 946 0958", { defaultRegion: "GB" })).toEqual([
      ["phone", "0207 946 0958"],
    ]);
    expect(found("call (415) 555-2671", { defaultRegion: "US" })).toEqual([
      ["phone", "(415) 555-2671"],
    ]);
    expect(found("call (415) 555-2671", { defaultRegion: "DE" })).toEqual([]);
  });
});

describe("email", () => {
  it.each(["max.mustermann@gmx.de", "a+b@x.co.uk", "jürgen.groß@posteo.de", "UP@CASE.NET"])(
    "finds %s",
    (email) => {
      expect(found(`Mail: ${email}.`)).toEqual([["email", email]]);
    },
  );

  it("does not take handles for addresses", () => {
    expect(found("Folgt @telekom_hilft oder schreibt an telekom.de/hilfe")).toEqual([]);
  });
});

describe("postal_address", () => {
  it.each([
    "Hauptstraße 5, 10115 Berlin",
    "Berliner Straße 12a, 80331 München",
    "Friedrich-Ebert-Allee 140, 53113 Bonn",
    "Goethestr. 27, 60313 Frankfurt am Main",
    "Unter den Linden 77, 10117 Berlin",
    "Kastanienallee 9/11, 14050 Berlin",
    "Am Markt 3\n53111 Bonn",
    "50667 Köln, Hohe Straße 88",
    "Große Ulrichstraße 5, 06108 Halle (Saale)",
    "10 Downing Street, London SW1A 2AA",
    "1600 Pennsylvania Ave NW, Washington, DC 20500",
    "742 Evergreen Terrace, Springfield, OR 97403",
  ])("finds %s", (address) => {
    expect(found(`Adresse: ${address} (Hinterhaus)`)).toEqual([["postal_address", address]]);
  });

  it("needs street, number, postcode and city", () => {
    expect(found("Hauptstraße ist gesperrt")).toEqual([]);
    expect(found("Störung in 50667 Köln?")).toEqual([]);
    expect(found("Hauptstraße 5 ist gemeint")).toEqual([]);
  });
});

describe("date_of_birth", () => {
  it.each([
    ["geb. 12.03.1985", "12.03.1985"],
    ["geboren am 1.9.1958", "1.9.1958"],
    ["Geburtsdatum: 3. April 1977", "3. April 1977"],
    ["Geb.-Datum 05.11.2001", "05.11.2001"],
    ["DOB: 07/15/1982", "07/15/1982"],
    ["date of birth is 14 February 1995", "14 February 1995"],
    ["born on March 3rd, 1969", "March 3rd, 1969"],
    ["Ich bin am 24.12.1990 geboren", "24.12.1990"],
    ["Geburtsdatum: 1988-06-30", "1988-06-30"],
  ])("finds %s", (text, date) => {
    expect(found(text)).toEqual([["date_of_birth", date]]);
  });

  it("ignores dates without a birth cue", () => {
    expect(found("Am 12.03.2024 war der Techniker da, Vertrag seit 01.04.2023")).toEqual([]);
    expect(found("Ich bin 1985 geboren")).toEqual([]);
  });
});

describe("password", () => {
  it.each([
    ["Passwort: Sommer2024!", "Sommer2024!"],
    ["mein Kennwort ist hund123.", "hund123"],
    ["my password is Tr0ub4dor&3", "Tr0ub4dor&3"],
    ["pw: geheim123", "geheim123"],
    ["Passwort lautet „Blumen1987“", "Blumen1987"],
    ['password: "correct horse battery"', "correct horse battery"],
    ["WLAN-Passwort: 4711-hund-Katze", "4711-hund-Katze"],
    ["password=hunter2", "hunter2"],
  ])("finds the value in %s", (text, value) => {
    expect(found(text)).toEqual([["password", value]]);
  });

  it.each([
    "Mein Passwort ist falsch sagt die App",
    "password is not working",
    "Passwort vergessen",
    "Das Kennwort ist zu kurz",
    "my password is definitely correct",
    "Passwort: *********",
  ])("does not flag %s", (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe("tax_id", () => {
  it("validates the Steuer-ID rules", () => {
    expect(isGermanTaxId("86095742719")).toBe(true);
    expect(isGermanTaxId("86095742718")).toBe(false); // check digit
    expect(isGermanTaxId("06095742719")).toBe(false); // leading zero
    expect(isGermanTaxId("12345678903")).toBe(false); // no repeated digit
    expect(isGermanTaxId("1234567890")).toBe(false);
  });

  it("finds it plain and grouped", () => {
    expect(found("Steuer-ID 86095742719")).toEqual([["tax_id", "86095742719"]]);
    expect(found("IdNr 92 484 370 615")).toEqual([["tax_id", "92 484 370 615"]]);
  });

  it("does not flag a valid-looking number after an article-number cue", () => {
    expect(found("Artikelnummer 86095742719")).toEqual([]);
  });
});

describe("custom patterns and options", () => {
  const customPatterns = [{ name: "customer_no", regex: "\\bK-\\d{8}\\b" }];

  it("reports workspace patterns as custom:<name>", () => {
    expect(found("Kundennummer K-12345678", { customPatterns })).toEqual([
      ["custom:customer_no", "K-12345678"],
    ]);
  });

  it("accepts RegExp objects and flags, skipping empty matches", () => {
    const patterns = [
      { name: "ticket", regex: /tk-\d+/i },
      { name: "empty", regex: "x*" },
    ];
    expect(found("TK-991 offen", { customPatterns: patterns })).toEqual([
      ["custom:ticket", "TK-991"],
    ]);
  });

  it("names an invalid pattern", () => {
    expect(() =>
      detectPersonalData("x", { customPatterns: [{ name: "bad", regex: "(" }] }),
    ).toThrow(/bad/);
    expect(() =>
      detectPersonalData("x", { customPatterns: [{ name: "no spaces", regex: "x" }] }),
    ).toThrow(/name/);
  });

  it("drops allowlisted values of any type", () => {
    expect(
      found("Spenden an DE89 3704 0044 0532 0130 00", { allowlist: ["DE89370400440532013000"] }),
    ).toEqual([]);
  });

  it("limits detection to the requested types", () => {
    expect(found("a.b@web.de 0171 2345678", { types: ["email"] })).toEqual([
      ["email", "a.b@web.de"],
    ]);
  });
});

describe("maskPersonalData", () => {
  const text = "IBAN DE89 3704 0044 0532 0130 00, Karte 4111 1111 1111 1111, Mail a.b@web.de";

  it("replaces each span with its label", () => {
    expect(maskPersonalData(text, detectPersonalData(text))).toBe(
      "IBAN [IBAN], Karte [CARD], Mail [EMAIL]",
    );
  });

  it("keeps the ends of IBANs, cards and phones in partial style", () => {
    expect(maskPersonalData(text, detectPersonalData(text), "partial")).toBe(
      "IBAN DE89 •••• •••• •••• •••• 00, Karte •••• •••• •••• 1111, Mail [EMAIL]",
    );
  });

  it("labels custom types by name and leaves text without findings alone", () => {
    expect(maskPersonalData("K-1", [{ type: "custom:customer_no", start: 0, end: 3 }])).toBe(
      "[CUSTOMER_NO]",
    );
    expect(maskPersonalData("nichts", [])).toBe("nichts");
  });
});
