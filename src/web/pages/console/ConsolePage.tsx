import { canUseConsole } from "../../auth/session.ts";
import { Guard } from "../../components/Guard.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { type MessageKey, useT } from "../../i18n/index.tsx";

const VIEWS: { key: string; label: MessageKey }[] = [
  { key: "mine", label: "console.view.mine" },
  { key: "unassigned", label: "console.view.unassigned" },
  { key: "open", label: "console.view.open" },
  { key: "pending", label: "console.view.pending" },
  { key: "solved", label: "console.view.solved" },
];

export function ConsolePage() {
  return (
    <Guard allow={canUseConsole}>
      <ConsoleShell />
    </Guard>
  );
}

function ConsoleShell() {
  const t = useT();
  useDocumentTitle(t("console.title"));
  return (
    <div className="console" data-testid="console-shell">
      <aside className="console-sidebar" aria-labelledby="console-views">
        <h2 id="console-views" className="sidebar-title">
          {t("console.views")}
        </h2>
        <ul className="view-list">
          {VIEWS.map((view) => (
            <li key={view.key}>
              {/* Placeholder until conversations exist: visible, but not yet a link. */}
              <span className="view-link" aria-disabled="true">
                <span>{t(view.label)}</span>
                <span className="count" aria-hidden="true">
                  0
                </span>
              </span>
            </li>
          ))}
        </ul>
        <p className="sidebar-note">{t("console.soon")}</p>
      </aside>
      <section className="console-main" aria-labelledby="console-title">
        <h1 id="console-title" className="visually-hidden">
          {t("console.title")}
        </h1>
        <div className="empty-state">
          <svg aria-hidden="true" viewBox="0 0 48 48" width="56" height="56">
            <path
              d="M8 12h32v20H22l-8 7v-7H8z"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinejoin="round"
            />
          </svg>
          <h2>{t("console.empty.title")}</h2>
          <p className="muted">{t("console.empty.body")}</p>
        </div>
      </section>
    </div>
  );
}
