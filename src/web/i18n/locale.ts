import type { Locale } from "../api/auth.ts";

export const LOCALES: readonly Locale[] = ["de", "en"];
export const LOCALE_STORAGE_KEY = "hilft.locale";

export function isLocale(value: unknown): value is Locale {
  return value === "de" || value === "en";
}

export function savedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    // Storage can be unavailable (privacy modes); fall back to the browser language.
    return null;
  }
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not persisted; the choice still holds for this page view.
  }
}

/** Saved choice first, then the browser's preferred languages; German only if asked for. */
export function detectLocale(): Locale {
  const saved = savedLocale();
  if (saved) return saved;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return preferred[0]?.toLowerCase().startsWith("de") ? "de" : "en";
}

export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale;
}
