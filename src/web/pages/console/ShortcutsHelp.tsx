import { useEffect, useRef } from "react";
import { type MessageKey, useT } from "../../i18n/index.tsx";

const SHORTCUTS: [string, MessageKey][] = [
  ["j / k", "console.shortcuts.move"],
  ["r", "console.shortcuts.reply"],
  ["n", "console.shortcuts.note"],
  ["e", "console.shortcuts.solve"],
  ["a", "console.shortcuts.assign"],
  ["/", "console.shortcuts.search"],
  ["Ctrl/⌘ + Enter", "console.shortcuts.send"],
  ["Ctrl/⌘ + Shift + Enter", "console.shortcuts.sendSolve"],
  ["/ (im Editor)", "console.shortcuts.macro"],
  ["Alt + 1…3", "console.shortcuts.insertArticle"],
  ["?", "console.shortcuts.help"],
];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      data-testid="shortcuts"
    >
      <h2 id="shortcuts-title">{t("console.shortcuts.title")}</h2>
      <dl>
        {SHORTCUTS.map(([keys, label]) => (
          <div key={label}>
            <dt>
              <kbd>
                {keys === "/ (im Editor)" ? `/ — ${t("console.shortcuts.inEditor")}` : keys}
              </kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" className="button button-quiet button-small">
          {t("console.dismiss")}
        </button>
      </form>
    </dialog>
  );
}
