import { Link } from "@tanstack/react-router";
import type { Role } from "../../api/auth.ts";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useT } from "../../i18n/index.tsx";

export function ForbiddenPage({ role }: { role: Role }) {
  const t = useT();
  useDocumentTitle(t("forbidden.title"));
  return (
    <section className="status-page" data-testid="forbidden" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">{t("forbidden.title")}</h1>
      <p>{t("forbidden.body", { role: t(`role.${role}`) })}</p>
      <Link to="/" className="button button-primary">
        {t("forbidden.home")}
      </Link>
    </section>
  );
}
