import { useT } from "../../i18n/index.tsx";
import type { LivePresence } from "./presence.ts";

/**
 * The other agents in a conversation, as initials: a ring for viewing, filled and
 * pulsing for typing. `detailed` adds the sentence ("Jonas Keller is typing…") for the
 * conversation pane; in the list the names are in the tooltip and for screen readers.
 */
export function PresenceAvatars({
  people,
  detailed = false,
}: {
  people: readonly LivePresence[];
  detailed?: boolean;
}) {
  const t = useT();
  if (!people.length && !detailed) return null;
  const describe = (p: LivePresence) =>
    t(p.state === "typing" ? "console.presence.typing" : "console.presence.viewing", {
      name: p.name,
    });
  const sentence = people.map(describe).join(" · ");
  return (
    <span
      className={`presence${detailed ? " presence-detailed" : ""}`}
      data-testid={detailed ? "pane-presence" : "row-presence"}
      // The pane announces arrivals; the list would be too chatty for a screen reader.
      {...(detailed ? { role: "status", "aria-live": "polite" } : {})}
    >
      {people.map((p) => (
        <span
          key={p.userId}
          className={`presence-avatar presence-${p.state}`}
          title={describe(p)}
          data-state={p.state}
          data-user={p.userId}
          aria-hidden="true"
        >
          {p.initials}
        </span>
      ))}
      {detailed ? (
        <span className="presence-text small">{sentence}</span>
      ) : (
        <span className="visually-hidden">{sentence}</span>
      )}
    </span>
  );
}
