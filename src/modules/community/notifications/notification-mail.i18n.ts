import type { Locale } from "../pages/i18n.ts";

/** Texts of the community's notification e-mails and unsubscribe page, German and English. */
const de = {
  greeting: (name: string) => `Hallo ${name},`,
  newAnswer: (actor: string, title: string) => `${actor} hat auf „${title}“ geantwortet.`,
  answerAccepted: (actor: string, title: string) =>
    `${actor} hat deine Antwort auf „${title}“ als Lösung markiert.`,
  mention: (actor: string, title: string) => `${actor} hat dich in „${title}“ erwähnt.`,
  newQuestion: (actor: string, title: string) =>
    `${actor} hat eine neue Frage gestellt: „${title}“.`,
  badge: (badge: string) => `Du hast das Abzeichen „${badge}“ erhalten.`,
  ideaStatus: (title: string, status: string, actor: string) =>
    `Die Idee „${title}“ ist jetzt: ${status} (${actor}).`,
  someone: "Jemand",
  open: "Ansehen",
  digestSubject: (n: number, site: string) =>
    n === 1
      ? `1 Neuigkeit aus der ${site}-Community`
      : `${n} Neuigkeiten aus der ${site}-Community`,
  digestIntro: "das ist seit deiner letzten Zusammenfassung passiert:",
  footer: (settings: string) =>
    `Du bekommst diese E-Mail, weil du in der Community etwas folgst oder erwähnt wurdest. Einstellungen: ${settings}`,
  unsubscribe: "Keine Benachrichtigungen mehr per E-Mail",
  unsubscribeTitle: "Benachrichtigungen abbestellen",
  unsubscribeQuestion:
    "Möchtest du keine Benachrichtigungen aus der Community mehr per E-Mail bekommen? In der App siehst du sie weiterhin.",
  unsubscribeButton: "Abbestellen",
  unsubscribed:
    "Erledigt: Du bekommst keine Benachrichtigungen mehr per E-Mail. Du kannst sie in deinem Konto wieder einschalten.",
  invalidLink: "Dieser Abmeldelink ist ungültig. Öffne den Link aus der E-Mail vollständig.",
};

const en: typeof de = {
  greeting: (name) => `Hello ${name},`,
  newAnswer: (actor, title) => `${actor} answered "${title}".`,
  answerAccepted: (actor, title) => `${actor} accepted your answer to "${title}" as the solution.`,
  mention: (actor, title) => `${actor} mentioned you in "${title}".`,
  newQuestion: (actor, title) => `${actor} asked a new question: "${title}".`,
  badge: (badge) => `You earned the badge "${badge}".`,
  ideaStatus: (title, status, actor) => `The idea "${title}" is now: ${status} (${actor}).`,
  someone: "Someone",
  open: "Open",
  digestSubject: (n, site) =>
    n === 1 ? `1 update from the ${site} community` : `${n} updates from the ${site} community`,
  digestIntro: "here is what happened since your last summary:",
  footer: (settings) =>
    `You get this e-mail because you follow something in the community or were mentioned. Settings: ${settings}`,
  unsubscribe: "Stop notification e-mails",
  unsubscribeTitle: "Unsubscribe from notifications",
  unsubscribeQuestion:
    "Stop getting community notifications by e-mail? You will still see them in the app.",
  unsubscribeButton: "Unsubscribe",
  unsubscribed:
    "Done: you will no longer get notification e-mails. You can turn them on again in your account.",
  invalidLink: "This unsubscribe link is not valid. Open the complete link from the e-mail.",
};

export type MailMessages = typeof de;
export const MAIL_MESSAGES: Record<Locale, MailMessages> = { de, en };
