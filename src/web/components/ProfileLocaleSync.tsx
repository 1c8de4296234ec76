import { useEffect } from "react";
import { useSession } from "../auth/session.ts";
import { useI18n } from "../i18n/index.tsx";
import { savedLocale } from "../i18n/locale.ts";

/** Follows the signed-in user's profile language unless this browser has an explicit choice. */
export function ProfileLocaleSync() {
  const profileLocale = useSession()?.user.locale;
  const { locale, setLocale } = useI18n();
  useEffect(() => {
    if (profileLocale && profileLocale !== locale && !savedLocale()) {
      setLocale(profileLocale, { persist: false });
    }
  }, [profileLocale, locale, setLocale]);
  return null;
}
