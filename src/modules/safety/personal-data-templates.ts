const TYPE_NAMES: Record<"de" | "en", Record<string, string>> = {
  de: {
    iban: "Bankverbindung (IBAN)",
    payment_card: "Kartennummer",
    phone: "Telefonnummer",
    email: "E-Mail-Adresse",
    postal_address: "Anschrift",
    date_of_birth: "Geburtsdatum",
    password: "Passwort",
    tax_id: "Steuer-ID",
  },
  en: {
    iban: "bank details (IBAN)",
    payment_card: "card number",
    phone: "phone number",
    email: "e-mail address",
    postal_address: "postal address",
    date_of_birth: "date of birth",
    password: "password",
    tax_id: "tax ID",
  },
};

const FALLBACK = { de: "Kunden- oder Vertragsdaten", en: "customer or contract data" };

export function personalDataTypeNames(types: readonly string[], lang: "de" | "en"): string {
  const names = [...new Set(types.map((t) => TYPE_NAMES[lang][t] ?? FALLBACK[lang]))];
  if (names.length < 2) return names[0] ?? FALLBACK[lang];
  const and = lang === "de" ? "und" : "and";
  return `${names.slice(0, -1).join(", ")} ${and} ${names.at(-1)}`;
}

/**
 * The private message a customer gets after posting personal data in public: what was
 * seen (by kind, never the value), to delete the post, and to go on here in private.
 */
export function personalDataPrivateMessage(input: {
  lang: "de" | "en";
  types: readonly string[];
  name?: string | null | undefined;
  hidden: boolean;
}): string {
  const what = personalDataTypeNames(input.types, input.lang);
  const first = input.name?.trim().split(/\s+/)[0]?.replace(/^@/, "");
  if (input.lang === "en") {
    return [
      `Hi${first ? ` ${first}` : ""}, your public post contains your ${what}.`,
      input.hidden
        ? "To protect you, we have hidden it; please delete it as well."
        : "To protect you, please delete it.",
      "Let's continue here in private – we are happy to help.",
    ].join(" ");
  }
  return [
    `Hallo${first ? ` ${first}` : ""}, Ihr öffentlicher Beitrag enthält Ihre ${what}.`,
    input.hidden
      ? "Zu Ihrem Schutz haben wir ihn ausgeblendet; bitte löschen Sie ihn auch."
      : "Bitte löschen Sie ihn zu Ihrem Schutz.",
    "Lassen Sie uns hier privat weiterschreiben – wir helfen Ihnen gern.",
  ].join(" ");
}

/** The internal note that carries the hide action and tells agents why. */
export function hideNote(types: readonly string[]): string {
  return `hilft hides this post on the platform: it contains personal data (${personalDataTypeNames(types, "en")}).`;
}
