import type { Messages } from "./en.ts";

/** German messages. Typed as Messages, so a missing or extra key is a compile error. */
export const de: Messages = {
  "app.tagline": "Open-Source-Kundenservice",
  "app.loading": "Wird geladen …",
  "app.loadFailed": "Das konnte nicht geladen werden.",
  "app.retry": "Erneut versuchen",
  "app.footer":
    "hilft — Open-Source-Kundenservice: Hilfe-Community, Wissensdatenbank und Social-Media-Service.",

  "nav.label": "Hauptnavigation",
  "nav.skip": "Zum Inhalt springen",
  "nav.home": "Start",
  "nav.console": "Konsole",
  "nav.admin": "Verwaltung",
  "nav.account": "Konto",
  "nav.signIn": "Anmelden",
  "nav.signUp": "Registrieren",
  "nav.signOut": "Abmelden",
  "nav.language": "Sprache",
  "nav.signedInAs": "Angemeldet als {name}",

  "role.customer": "Kunde",
  "role.agent": "Agent",
  "role.moderator": "Moderator",
  "role.admin": "Admin",

  "field.name": "Name",
  "field.email": "E-Mail-Adresse",
  "field.password": "Passwort",
  "field.token": "Link zum Zurücksetzen",
  "field.role": "Rolle",
  "field.locale": "Sprache",

  "home.title": "Kundenservice, der wirklich hilft",
  "home.lead":
    "hilft vereint Hilfe-Community, Wissensdatenbank und Social-Media-Service an einem ruhigen Ort — quelloffen und in Ihrer Hand.",
  "home.community.title": "Hilfe-Community",
  "home.community.body":
    "Kundinnen und Kunden beantworten sich gegenseitig Fragen, Ihr Team greift ein, wo es zählt.",
  "home.knowledge.title": "Wissensdatenbank",
  "home.knowledge.body":
    "Verständliche Artikel auf Deutsch und Englisch, damit Antworten schnell selbst gefunden werden.",
  "home.social.title": "Social-Media-Service",
  "home.social.body":
    "Fragen aus sozialen Netzwerken landen in einem gemeinsamen Posteingang statt in fünf Browser-Tabs.",
  "home.signIn": "Anmelden",
  "home.signUp": "Konto erstellen",
  "home.welcome": "Hallo, {name}.",
  "home.openConsole": "Zur Agenten-Konsole",
  "home.openAdmin": "Zur Verwaltung",
  "home.openAccount": "Ihr Konto",
  "home.customerNote":
    "Hilfe-Community und Wissensdatenbank sind in Arbeit. Bis dahin können Sie hier Ihr Konto verwalten.",

  "signin.title": "Anmelden",
  "signin.lead": "Willkommen zurück. Melden Sie sich mit Ihrer E-Mail-Adresse an.",
  "signin.submit": "Anmelden",
  "signin.submitting": "Anmeldung läuft …",
  "signin.forgot": "Passwort vergessen?",
  "signin.noAccount": "Neu hier?",
  "signin.signUp": "Konto erstellen",

  "signup.title": "Konto erstellen",
  "signup.lead": "Mit einem Konto können Sie Fragen stellen und Ihre Anliegen verfolgen.",
  "signup.passwordHint": "Mindestens {min} Zeichen. Ein paar zufällige Wörter eignen sich gut.",
  "signup.submit": "Konto erstellen",
  "signup.submitting": "Konto wird erstellt …",
  "signup.haveAccount": "Sie haben schon ein Konto?",
  "signup.signIn": "Anmelden",

  "forgot.title": "Passwort vergessen?",
  "forgot.lead":
    "Geben Sie Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort wählen können.",
  "forgot.submit": "Link senden",
  "forgot.submitting": "Wird gesendet …",
  "forgot.sent":
    "Falls ein Konto für {email} existiert, haben wir einen Link zum Zurücksetzen des Passworts geschickt. Bitte sehen Sie in Ihrem Posteingang nach.",
  "forgot.backToSignIn": "Zurück zur Anmeldung",

  "reset.title": "Neues Passwort wählen",
  "reset.newPassword": "Neues Passwort",
  "reset.submit": "Passwort ändern",
  "reset.submitting": "Wird geändert …",
  "reset.done": "Ihr Passwort wurde geändert, und alle Ihre Sitzungen wurden abgemeldet.",
  "reset.signIn": "Mit dem neuen Passwort anmelden",
  "reset.missingToken":
    "Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus der E-Mail erneut oder fordern Sie einen neuen an.",
  "reset.requestNew": "Neuen Link anfordern",

  "console.title": "Agenten-Konsole",
  "console.views": "Ansichten",
  "console.view.mine": "Meine",
  "console.view.unassigned": "Nicht zugewiesen",
  "console.view.open": "Alle offenen",
  "console.view.pending": "Wartend",
  "console.view.solved": "Gelöst",
  "console.soon": "bald verfügbar",
  "console.empty.title": "Noch keine Unterhaltungen",
  "console.empty.body":
    "Sobald Kundinnen und Kunden schreiben, erscheinen ihre Unterhaltungen hier.",

  "admin.title": "Verwaltung",
  "admin.users.title": "Benutzer",
  "admin.users.search": "Suche",
  "admin.users.searchPlaceholder": "Name oder E-Mail-Adresse",
  "admin.users.allRoles": "Alle Rollen",
  "admin.users.created": "Erstellt",
  "admin.users.empty": "Keine passenden Benutzer.",
  "admin.users.you": "Sie",
  "admin.users.roleOf": "Rolle von {name}",
  "admin.users.roleChanged": "{name} hat jetzt die Rolle {role}.",
  "admin.users.selfHint": "Ihre eigene Rolle kann nur ein anderer Admin ändern.",
  "admin.users.count": "{count} Benutzer",
  "admin.channels.title": "Kanäle",
  "admin.channels.lead":
    "X-Konten und Facebook-Seiten, deren Nachrichten im Posteingang landen. Webhooks: /webhooks/x und /webhooks/facebook.",
  "admin.channels.empty": "Noch ist kein Kanal verbunden.",
  "admin.channels.name": "Name",
  "admin.channels.kind": "Plattform",
  "admin.channels.accountId": "Konto-ID",
  "admin.channels.status": "Status",
  "admin.channels.actions": "Aktionen",
  "admin.channels.active": "Aktiv",
  "admin.channels.disabled": "Deaktiviert",
  "admin.channels.disable": "Deaktivieren",
  "admin.channels.enable": "Aktivieren",
  "admin.channels.connect": "Kanal verbinden",
  "admin.channels.connectButton": "Verbinden",
  "admin.channels.connecting": "Wird verbunden …",
  "admin.channels.field.handle": "X-Handle",
  "admin.channels.field.userId": "X-Nutzer-ID (for_user_id)",
  "admin.channels.field.consumerSecret": "Consumer Secret",
  "admin.channels.field.accessToken": "Access Token",
  "admin.channels.field.pageId": "Seiten-ID",
  "admin.channels.field.appSecret": "App Secret",
  "admin.channels.field.verifyToken": "Verify Token",
  "admin.channels.field.pageToken": "Seiten-Zugriffstoken",
  "admin.channels.field.apiBaseUrl": "API-Basis-URL (optional)",
  "admin.channels.field.apiBaseUrlHint":
    "Leer lassen für die Plattform; für einen Simulator setzen.",
  "admin.alerts.title": "Warnungen",
  "admin.alerts.empty": "Keine Warnungen.",
  "admin.deadLetters.title": "Nicht verarbeitbare Webhook-Ereignisse",
  "admin.deadLetters.empty": "Alle empfangenen Ereignisse wurden verarbeitet.",
  "admin.deadLetters.received": "Empfangen",
  "admin.deadLetters.reason": "Grund",
  "admin.deadLetters.replay": "Erneut verarbeiten",

  "tokens.title": "Persönliche API-Tokens",
  "tokens.lead":
    "Mit Tokens nutzen Skripte und Integrationen die API in Ihrem Namen. Behandeln Sie sie wie Passwörter.",
  "tokens.name": "Name des Tokens",
  "tokens.namePlaceholder": "z. B. Auswertungs-Skript",
  "tokens.expires": "Läuft ab",
  "tokens.expiry.never": "Nie",
  "tokens.expiry.days": "In {days} Tagen",
  "tokens.create": "Token erstellen",
  "tokens.creating": "Wird erstellt …",
  "tokens.createdTitle": "Token „{name}“ erstellt",
  "tokens.createdHint": "Kopieren Sie es jetzt — es wird nicht noch einmal angezeigt.",
  "tokens.copy": "Kopieren",
  "tokens.copied": "Kopiert",
  "tokens.dismiss": "Fertig",
  "tokens.prefix": "Beginnt mit",
  "tokens.createdAt": "Erstellt",
  "tokens.lastUsed": "Zuletzt benutzt",
  "tokens.never": "nie",
  "tokens.empty": "Sie haben noch keine API-Tokens.",
  "tokens.revoke": "Widerrufen",
  "tokens.revokeLabel": "Token {name} widerrufen",
  "tokens.revokeConfirm":
    "Das Token „{name}“ widerrufen? Alles, was es benutzt, funktioniert danach nicht mehr.",

  "account.title": "Ihr Konto",
  "account.profile": "Profil",
  "account.role": "Rolle",
  "account.locale": "Sprache für E-Mails",
  "account.localeUnset": "Nicht festgelegt",
  "account.save": "Speichern",
  "account.saving": "Wird gespeichert …",
  "account.saved": "Gespeichert.",
  "account.sessions": "Wo Sie angemeldet sind",
  "account.sessions.current": "Dieses Gerät",
  "account.sessions.started": "Angemeldet",
  "account.sessions.lastSeen": "Zuletzt aktiv",
  "account.sessions.unknownDevice": "Unbekanntes Gerät",
  "account.sessions.revoke": "Abmelden",
  "account.sessions.revokeLabel": "Sitzung auf {device} abmelden",
  "account.signOutEverywhere": "Überall abmelden",
  "account.signOutEverywhereHint": "Beendet alle Sitzungen, auch diese.",

  "forbidden.title": "403 — Kein Zugriff",
  "forbidden.body":
    "Ihr Konto ({role}) darf diese Seite nicht öffnen. Falls das ein Irrtum ist, wenden Sie sich bitte an einen Admin.",
  "forbidden.home": "Zur Startseite",

  "notFound.title": "404 — Seite nicht gefunden",
  "notFound.body":
    "Unter dieser Adresse gibt es nichts. Prüfen Sie den Link oder beginnen Sie auf der Startseite.",
  "notFound.home": "Zur Startseite",

  "error.invalid_credentials": "E-Mail-Adresse oder Passwort ist falsch.",
  "error.rate_limited":
    "Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es erneut.",
  "error.rate_limited_seconds":
    "Zu viele Versuche. Bitte versuchen Sie es in {seconds} Sekunden erneut.",
  "error.rate_limited_minutes":
    "Zu viele Versuche. Bitte versuchen Sie es in {minutes} Minuten erneut.",
  "error.email_taken":
    "Es gibt bereits ein Konto mit dieser E-Mail-Adresse. Möchten Sie sich stattdessen anmelden?",
  "error.invalid_reset_token":
    "Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt. Bitte fordern Sie einen neuen an.",
  "error.last_admin":
    "Der Arbeitsbereich braucht mindestens einen Admin. Ernennen Sie zuerst jemand anderen.",
  "error.validation_failed": "Bitte prüfen Sie Ihre Eingaben.",
  "error.network_error":
    "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  "error.unauthorized": "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
  "error.forbidden": "Dazu fehlt Ihnen die Berechtigung.",
  "error.not_found": "Das gibt es nicht mehr.",
  "error.csrf_failed":
    "Die Anfrage wurde aus Sicherheitsgründen abgelehnt. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
  "error.unknown": "Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.",

  "detail.too_short": "Muss mindestens {min} Zeichen lang sein.",
  "detail.too_long": "Darf höchstens {max} Zeichen lang sein.",
  "detail.too_common":
    "Zu leicht zu erraten. Wählen Sie ein längeres oder ungewöhnlicheres Passwort.",
  "detail.contains_email": "Darf Ihre E-Mail-Adresse nicht enthalten.",
  "detail.email": "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
  "detail.required": "Bitte füllen Sie dieses Feld aus.",
};
