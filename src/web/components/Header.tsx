import { Link } from "@tanstack/react-router";
import { canAdminister, canUseConsole, useSession } from "../auth/session.ts";
import { useSignOut } from "../auth/useAuthActions.ts";
import { useT } from "../i18n/index.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

export function Header() {
  const t = useT();
  const session = useSession();
  const role = session?.user.role;

  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <div className="header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            h
          </span>
          <span className="brand-name">hilft</span>
        </Link>
        <nav aria-label={t("nav.label")} className="main-nav">
          {canUseConsole(role) && <Link to="/console">{t("nav.console")}</Link>}
          {canUseConsole(role) && <Link to="/safety">{t("nav.safety")}</Link>}
          {canUseConsole(role) && <Link to="/knowledge">{t("nav.knowledge")}</Link>}
          {canAdminister(role) && <Link to="/admin">{t("nav.admin")}</Link>}
        </nav>
        <div className="header-tools">
          <LanguageSwitch />
          {session === undefined ? null : session ? (
            <UserMenu name={session.user.name} />
          ) : (
            <Guest />
          )}
        </div>
      </div>
    </header>
  );
}

function UserMenu({ name }: { name: string }) {
  const t = useT();
  const signOut = useSignOut();
  return (
    <div className="user-menu">
      <Link to="/account" className="user-name" title={t("nav.signedInAs", { name })}>
        <span className="avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span data-testid="current-user">{name}</span>
      </Link>
      <button
        type="button"
        className="button button-quiet"
        onClick={() => void signOut()}
        data-testid="nav-signout"
      >
        {t("nav.signOut")}
      </button>
    </div>
  );
}

function Guest() {
  const t = useT();
  return (
    <div className="user-menu">
      <Link to="/signin" className="button button-quiet" data-testid="nav-signin">
        {t("nav.signIn")}
      </Link>
      <Link to="/signup" className="button button-primary" data-testid="nav-signup">
        {t("nav.signUp")}
      </Link>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return letters
    .map((p) => (p ? [...p][0] : ""))
    .join("")
    .toUpperCase();
}
