import { Link, useSearch } from "@tanstack/react-router";
import { canAdminister, canUseConsole, useSession } from "../../auth/session.ts";
import { Guard } from "../../components/Guard.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { type MessageKey, useT } from "../../i18n/index.tsx";
import { AuditSection } from "./AuditSection.tsx";
import { ImpostorsSection } from "./ImpostorsSection.tsx";
import { IncidentsSection } from "./IncidentsSection.tsx";
import { PraiseSection } from "./PraiseSection.tsx";

export const SAFETY_TABS = ["incidents", "praise", "impostors", "audit"] as const;
export type SafetyTab = (typeof SAFETY_TABS)[number];
export interface SafetySearch {
  tab?: SafetyTab;
}

export const isSafetyTab = (value: unknown): value is SafetyTab =>
  (SAFETY_TABS as readonly unknown[]).includes(value);

/** Impostor decisions and the audit log are for admins (so are their APIs). */
const ADMIN_TABS: readonly SafetyTab[] = ["impostors", "audit"];

/** Trust and safety for the team: personal data, praise, impostors and the audit log. */
export function SafetyPage() {
  const search = useSearch({ from: "/safety" });
  return (
    <Guard allow={canUseConsole}>
      <SafetyShell tab={search.tab ?? "incidents"} />
    </Guard>
  );
}

function SafetyShell({ tab }: { tab: SafetyTab }) {
  const t = useT();
  const role = useSession()?.user.role;
  const admin = canAdminister(role);
  const tabs = SAFETY_TABS.filter((x) => admin || !ADMIN_TABS.includes(x));
  const current = tabs.includes(tab) ? tab : "incidents";
  useDocumentTitle(t("safety.title"));
  return (
    <div className="page" data-testid="safety-page">
      <h1>{t("safety.title")}</h1>
      <nav className="safety-tabs" aria-label={t("safety.tabs")}>
        {tabs.map((x) => (
          <Link
            key={x}
            to="/safety"
            search={{ tab: x }}
            aria-current={x === current ? "page" : undefined}
            data-testid={`safety-tab-${x}`}
          >
            {t(`safety.tab.${x}` as MessageKey)}
          </Link>
        ))}
      </nav>
      {current === "incidents" && <IncidentsSection />}
      {current === "praise" && <PraiseSection />}
      {current === "impostors" && <ImpostorsSection />}
      {current === "audit" && <AuditSection />}
    </div>
  );
}
