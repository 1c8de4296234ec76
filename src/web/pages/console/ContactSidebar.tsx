import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { type ContactPatch, type ConversationDetail, consoleApi } from "../../api/console.ts";
import { useT } from "../../i18n/index.tsx";
import { ChannelIcon } from "./ChannelIcon.tsx";
import { queryKeys } from "./queries.ts";
import type { useAgentTime } from "./time.ts";

/** Who the customer is: identities on every channel, earlier conversations, tags. */
export function ContactSidebar({
  c,
  time,
  onOpen,
  onTags,
}: {
  c: ConversationDetail;
  time: ReturnType<typeof useAgentTime>;
  onOpen: (id: string) => void;
  onTags: (tags: string[]) => void;
}) {
  const t = useT();
  const [tag, setTag] = useState("");
  const contact = c.contactDetail;
  const queryClient = useQueryClient();
  const [contactTag, setContactTag] = useState("");
  const [notes, setNotes] = useState(contact.notes ?? "");
  useEffect(() => setNotes(contact.notes ?? ""), [contact.notes]);
  const saveContact = useMutation({
    mutationFn: (patch: ContactPatch) => consoleApi.updateContact(contact.id, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.conversation(c.id) }),
  });
  return (
    <aside
      className="contact-sidebar"
      aria-label={t("console.contact.label")}
      data-testid="contact-sidebar"
    >
      <div className="contact-card">
        <span className="avatar avatar-large" aria-hidden="true">
          {initials(contact.name)}
        </span>
        <div>
          <h3>{contact.name}</h3>
        </div>
      </div>

      <h4 className="side-title">{t("console.contact.identities")}</h4>
      <ul className="identity-list">
        {contact.identities.map((i) => (
          <li key={`${i.channel}:${i.platformUserId}`}>
            <ChannelIcon channel={i.channel} />
            <span>
              {i.handle ? `@${i.handle}` : (i.displayName ?? "—")}
              <span className="mono muted small"> {i.platformUserId}</span>
            </span>
          </li>
        ))}
      </ul>

      <h4 className="side-title">{t("console.contact.contactTags")}</h4>
      <ul className="tag-list" data-testid="contact-tags">
        {contact.tags.map((x) => (
          <li key={x} className="chip">
            {x}
            <button
              type="button"
              className="chip-remove"
              aria-label={t("console.contact.removeTag", { tag: x })}
              onClick={() => saveContact.mutate({ tags: contact.tags.filter((y) => y !== x) })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="tag-add"
        onSubmit={(e) => {
          e.preventDefault();
          const value = contactTag.trim().toLowerCase();
          if (value && !contact.tags.includes(value))
            saveContact.mutate({ tags: [...contact.tags, value] });
          setContactTag("");
        }}
      >
        <input
          value={contactTag}
          maxLength={64}
          onChange={(e) => setContactTag(e.target.value)}
          placeholder={t("console.contact.addContactTag")}
          aria-label={t("console.contact.addContactTag")}
        />
      </form>
      <label className="side-title" htmlFor={`contact-notes-${contact.id}`}>
        {t("console.contact.notes")}
      </label>
      <textarea
        id={`contact-notes-${contact.id}`}
        className="contact-notes"
        rows={3}
        maxLength={10_000}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
        onBlur={() => {
          if (notes !== (contact.notes ?? "")) saveContact.mutate({ notes: notes || null });
        }}
      />

      <h4 className="side-title">{t("console.contact.tags")}</h4>
      <ul className="tag-list">
        {c.tags.map((x) => (
          <li key={x} className="chip">
            #{x}
            <button
              type="button"
              className="chip-remove"
              aria-label={t("console.contact.removeTag", { tag: x })}
              onClick={() => onTags(c.tags.filter((y) => y !== x))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="tag-add"
        onSubmit={(e) => {
          e.preventDefault();
          const value = tag.trim().toLowerCase();
          if (value && !c.tags.includes(value)) onTags([...c.tags, value]);
          setTag("");
        }}
      >
        <input
          value={tag}
          maxLength={64}
          onChange={(e) => setTag(e.target.value)}
          placeholder={t("console.contact.addTag")}
          aria-label={t("console.contact.addTag")}
        />
      </form>

      <h4 className="side-title">{t("console.contact.history")}</h4>
      {c.history.length === 0 ? (
        <p className="muted small">{t("console.contact.noHistory")}</p>
      ) : (
        <ul className="history-list">
          {c.history.map((h) => (
            <li key={h.id}>
              <button type="button" className="history-item" onClick={() => onOpen(h.id)}>
                <ChannelIcon channel={h.channel} />
                <span>{time.short(h.lastMessageAt)}</span>
                <span className={`status-chip status-${h.status}`}>
                  {t(`console.status.${h.status}`)}
                </span>
                <span className="muted small">
                  {t("console.contact.messages", { count: h.messageCount })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function initials(name: string): string {
  const parts = name.replace(/^@/, "").trim().split(/\s+/).filter(Boolean);
  const picked = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return picked
    .map((p) => (p ? [...p][0] : ""))
    .join("")
    .toUpperCase();
}
