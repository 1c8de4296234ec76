import { Link } from "@tanstack/react-router";
import type { Session } from "../../api/auth.ts";
import { canAdminister, canUseConsole, useSession } from "../../auth/session.ts";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { type MessageKey, useT } from "../../i18n/index.tsx";

const FEATURES: { key: string; title: MessageKey; body: MessageKey; icon: string }[] = [
  {
    key: "community",
    title: "home.community.title",
    body: "home.community.body",
    icon: "M4 5h9v6H8l-3 3v-3H4zM15 8h1v6h-1v3l-3-3H9",
  },
  {
    key: "knowledge",
    title: "home.knowledge.title",
    body: "home.knowledge.body",
    icon: "M3 4h6a2 2 0 0 1 2 2v11a2 2 0 0 0-2-2H3zM17 4h-6a2 2 0 0 0-2 2v11a2 2 0 0 1 2-2h6z",
  },
  {
    key: "social",
    title: "home.social.title",
    body: "home.social.body",
    icon: "M6 10a2 2 0 1 1-4 0 2 2 0 0 1 4 0zM18 5a2 2 0 1 1-4 0 2 2 0 0 1 4 0zM18 15a2 2 0 1 1-4 0 2 2 0 0 1 4 0zM6 9l8-3M6 11l8 3",
  },
];

export function HomePage() {
  const t = useT();
  const session = useSession();
  useDocumentTitle("");

  return (
    <div className="home" data-testid="home">
      <section className="hero" aria-labelledby="home-title">
        <p className="eyebrow">{t("app.tagline")}</p>
        <h1 id="home-title" data-testid="home-title">
          {t("home.title")}
        </h1>
        <p className="lead">{t("home.lead")}</p>
        {session === undefined ? null : session ? (
          <SignedInActions session={session} />
        ) : (
          <div className="actions">
            <Link to="/signup" className="button button-primary button-large">
              {t("home.signUp")}
            </Link>
            <Link to="/signin" className="button button-quiet button-large">
              {t("home.signIn")}
            </Link>
          </div>
        )}
      </section>

      <ul className="features">
        {FEATURES.map((feature) => (
          <li key={feature.key} className="feature">
            <svg
              aria-hidden="true"
              viewBox="0 0 20 20"
              width="28"
              height="28"
              className="feature-icon"
            >
              <path
                d={feature.icon}
                fill="none"
                stroke="currentColor"
                strokeWidth="1.5"
                strokeLinejoin="round"
                strokeLinecap="round"
              />
            </svg>
            <h2>{t(feature.title)}</h2>
            <p>{t(feature.body)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SignedInActions({ session }: { session: Session }) {
  const t = useT();
  const { role, name } = session.user;
  return (
    <div className="signed-in">
      <p className="welcome">{t("home.welcome", { name })}</p>
      {!canUseConsole(role) && <p className="muted">{t("home.customerNote")}</p>}
      <div className="actions">
        {canUseConsole(role) && (
          <Link to="/console" className="button button-primary button-large">
            {t("home.openConsole")}
          </Link>
        )}
        {canAdminister(role) && (
          <Link to="/admin" className="button button-quiet button-large">
            {t("home.openAdmin")}
          </Link>
        )}
        <Link to="/account" className="button button-quiet button-large">
          {t("home.openAccount")}
        </Link>
      </div>
    </div>
  );
}
