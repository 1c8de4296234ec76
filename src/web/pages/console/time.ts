import { useMemo } from "react";
import type { Locale } from "../../api/auth.ts";

/**
 * Times in the agent's zone: their profile setting, else the browser's. The list shows
 * short times (today: 14:05, earlier: 3 Mar), the thread full date and time.
 */
export function useAgentTime(locale: Locale, timeZone: string | null | undefined) {
  return useMemo(() => {
    const tag = locale === "de" ? "de-DE" : "en-GB";
    const zone = timeZone || undefined;
    const time = new Intl.DateTimeFormat(tag, { timeStyle: "short", timeZone: zone });
    const day = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", timeZone: zone });
    const dayKey = new Intl.DateTimeFormat("en-CA", { dateStyle: "short", timeZone: zone });
    const full = new Intl.DateTimeFormat(tag, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: zone,
    });
    const zoneName = zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    return {
      zoneName,
      short(iso: string): string {
        const at = new Date(iso);
        return dayKey.format(at) === dayKey.format(new Date()) ? time.format(at) : day.format(at);
      },
      full: (iso: string) => full.format(new Date(iso)),
    };
  }, [locale, timeZone]);
}
