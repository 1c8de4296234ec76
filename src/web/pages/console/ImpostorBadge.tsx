import { useT } from "../../i18n/index.tsx";

/** Marks an account an admin confirmed as posing as the brand, wherever it appears. */
export function ImpostorBadge() {
  const t = useT();
  return (
    <span
      className="chip chip-danger"
      title={t("console.contact.impostorHint")}
      data-testid="impostor"
    >
      {t("console.contact.impostor")}
    </span>
  );
}
