import { useQueryClient } from "@tanstack/react-query";
import { updateMe } from "../api/account.ts";
import type { Locale } from "../api/auth.ts";
import { sessionQuery, useSession } from "../auth/session.ts";
import { useI18n } from "../i18n/index.tsx";
import { isLocale, LOCALES } from "../i18n/locale.ts";

const NAMES: Record<Locale, string> = { de: "Deutsch", en: "English" };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const session = useSession();
  const queryClient = useQueryClient();

  function change(value: string) {
    if (!isLocale(value)) return;
    setLocale(value);
    if (session && session.user.locale !== value) {
      // Best effort: the profile language decides the language of e-mails we send.
      updateMe({ locale: value })
        .then((user) =>
          queryClient.setQueryData(sessionQuery.queryKey, (old) =>
            old ? { ...old, user: { ...old.user, locale: user.locale } } : old,
          ),
        )
        .catch(() => undefined);
    }
  }

  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t("nav.language")}</span>
      <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
        <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path
          d="M2 10h16M10 2c2.5 2.4 2.5 13.6 0 16M10 2c-2.5 2.4-2.5 13.6 0 16"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        />
      </svg>
      <select
        value={locale}
        onChange={(event) => change(event.target.value)}
        data-testid="lang-switch"
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
