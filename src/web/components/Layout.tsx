import { Outlet } from "@tanstack/react-router";
import { useT } from "../i18n/index.tsx";
import { Header } from "./Header.tsx";
import { ProfileLocaleSync } from "./ProfileLocaleSync.tsx";

export function Layout() {
  const t = useT();
  return (
    <div className="app">
      <ProfileLocaleSync />
      <Header />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t("app.loading")}
    </p>
  );
}

export function LoadFailed({ onRetry }: { onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="notice notice-error" role="alert">
      <p>{t("app.loadFailed")}</p>
      {onRetry && (
        <button type="button" className="button button-quiet" onClick={onRetry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}
