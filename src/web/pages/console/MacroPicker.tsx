import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { Macro } from "../../api/console.ts";
import { useT } from "../../i18n/index.tsx";
import { MacroManager } from "./MacroManager.tsx";
import { macrosQuery } from "./queries.ts";

/** Canned responses to choose from: type to filter, arrows and Enter to pick. */
export function MacroPicker({
  onChoose,
  onClose,
}: {
  onChoose: (m: Macro) => void;
  onClose: () => void;
}) {
  const t = useT();
  const macros = useQuery(macrosQuery);
  const [filter, setFilter] = useState("");
  const [active, setActive] = useState(0);
  const [managing, setManaging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const needle = filter.trim().toLowerCase();
  const matches = (macros.data ?? []).filter(
    (m) =>
      !needle || m.title.toLowerCase().includes(needle) || m.body.toLowerCase().includes(needle),
  );

  if (managing) return <MacroManager onClose={() => setManaging(false)} />;

  return (
    <div className="macro-picker" data-testid="macro-picker">
      <input
        ref={input}
        value={filter}
        placeholder={t("console.macros.filter")}
        aria-label={t("console.macros.filter")}
        role="combobox"
        aria-expanded="true"
        aria-controls="macro-options"
        aria-activedescendant={matches[active] ? `macro-${matches[active].id}` : undefined}
        onChange={(e) => {
          setFilter(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, matches.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter") {
            e.preventDefault();
            const m = matches[active];
            if (m) onChoose(m);
          } else if (e.key === "Escape") {
            e.preventDefault();
            onClose();
          }
        }}
      />
      {macros.isPending ? (
        <p className="muted small">{t("app.loading")}</p>
      ) : matches.length === 0 ? (
        <p className="muted small">{t("console.macros.none")}</p>
      ) : (
        <div
          id="macro-options"
          role="listbox"
          className="macro-options"
          aria-label={t("console.macros.button")}
        >
          {matches.map((m, i) => (
            <div
              key={m.id}
              id={`macro-${m.id}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={i === active ? "is-active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                onChoose(m);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="macro-title">{m.title}</span>
              <span className="macro-body muted small">{m.body}</span>
              {m.scope === "shared" && <span className="chip">{t("console.macros.shared")}</span>}
            </div>
          ))}
        </div>
      )}
      <div className="macro-picker-foot">
        <button type="button" className="link-button" onClick={() => setManaging(true)}>
          {t("console.macros.manage")}
        </button>
        <button type="button" className="link-button" onClick={onClose}>
          {t("console.dismiss")}
        </button>
      </div>
    </div>
  );
}
