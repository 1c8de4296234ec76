import { Link } from "@tanstack/react-router";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useT } from "../../i18n/index.tsx";

export function NotFoundPage() {
  const t = useT();
  useDocumentTitle(t("notFound.title"));
  return (
    <section className="status-page" data-testid="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <Link to="/" className="button button-primary">
        {t("notFound.home")}
      </Link>
    </section>
  );
}
