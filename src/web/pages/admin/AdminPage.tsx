import { Link } from "@tanstack/react-router";
import { canAdminister } from "../../auth/session.ts";
import { Guard } from "../../components/Guard.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useT } from "../../i18n/index.tsx";
import { ChannelsSection } from "./ChannelsSection.tsx";
import { RewardsSection } from "./RewardsSection.tsx";
import { TokensSection } from "./TokensSection.tsx";
import { UsersSection } from "./UsersSection.tsx";

export function AdminPage() {
  return (
    <Guard allow={canAdminister}>
      <AdminShell />
    </Guard>
  );
}

function AdminShell() {
  const t = useT();
  useDocumentTitle(t("admin.title"));
  return (
    <div className="page" data-testid="admin-shell">
      <h1>{t("admin.title")}</h1>
      <p>
        <Link to="/admin/reports">{t("reports.open")}</Link>
      </p>
      <UsersSection />
      <ChannelsSection />
      <TokensSection />
      <RewardsSection />
    </div>
  );
}
