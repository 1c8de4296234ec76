import type { ErrorComponentProps } from "@tanstack/react-router";
import { Link } from "@tanstack/react-router";
import { useT } from "../i18n/index.tsx";
import { describeError } from "./errors.ts";

export function RouteError({ error, reset }: ErrorComponentProps) {
  const t = useT();
  return (
    <section className="status-page" role="alert">
      <h1>{t("app.loadFailed")}</h1>
      <p>{describeError(t, error)}</p>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={reset}>
          {t("app.retry")}
        </button>
        <Link to="/" className="button button-quiet">
          {t("notFound.home")}
        </Link>
      </div>
    </section>
  );
}
