import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type RefObject, useEffect, useRef, useState } from "react";
import type { User } from "../../api/auth.ts";
import { ApiError } from "../../api/client.ts";
import {
  type ConversationDetail,
  type ConversationStatus,
  consoleApi,
  type Message,
} from "../../api/console.ts";
import { LoadFailed } from "../../components/Layout.tsx";
import { useT } from "../../i18n/index.tsx";
import { typeLabel } from "../safety/IncidentsSection.tsx";
import { ChannelIcon } from "./ChannelIcon.tsx";
import { Composer, type ComposerHandle } from "./Composer.tsx";
import { ContactSidebar } from "./ContactSidebar.tsx";
import { ImpostorBadge } from "./ImpostorBadge.tsx";
import { PresenceAvatars } from "./PresenceAvatars.tsx";
import { othersIn, type PresenceMap } from "./presence.ts";
import { agentsQuery, conversationQuery, queryKeys } from "./queries.ts";
import type { useAgentTime } from "./time.ts";

export type ConversationPatch = {
  status?: ConversationStatus;
  assigneeId?: string | null;
  priority?: number;
  tags?: string[];
};

const STATUSES: ConversationStatus[] = ["new", "open", "pending", "solved", "closed"];

interface PaneProps {
  id: string;
  me: User;
  time: ReturnType<typeof useAgentTime>;
  onUpdate: (id: string, patch: ConversationPatch) => void;
  updating: boolean;
  onOpen: (id: string) => void;
  composerRef: RefObject<ComposerHandle | null>;
  presence: { map: PresenceMap | undefined; now: number };
  /** Called on each key in the composer (announces "typing" to the others). */
  onTyping: (active: boolean) => void;
}

export function ConversationPane({
  id,
  me,
  time,
  onUpdate,
  updating,
  onOpen,
  composerRef,
  presence,
  onTyping,
}: PaneProps) {
  const t = useT();
  const detail = useQuery(conversationQuery(id));
  if (detail.isPending) {
    return (
      <section className="console-pane pane-state" aria-busy="true">
        <p className="muted">{t("app.loading")}</p>
      </section>
    );
  }
  if (detail.isError) {
    return (
      <section className="console-pane pane-state">
        <LoadFailed onRetry={() => void detail.refetch()} />
      </section>
    );
  }
  const c = detail.data;
  const others = othersIn(presence.map, c.id, me.id, presence.now);
  return (
    <section className="console-pane" aria-labelledby="pane-title" data-testid="conversation-pane">
      <PaneHeader c={c} me={me} onUpdate={(patch) => onUpdate(c.id, patch)} updating={updating} />
      <div className="pane-presence-bar">
        <PresenceAvatars people={others} detailed />
      </div>
      <div className="pane-body">
        <div className="pane-thread">
          <Thread c={c} time={time} />
          <Composer
            key={c.id}
            conversation={c}
            me={me}
            handleRef={composerRef}
            onTyping={onTyping}
          />
        </div>
        <ContactSidebar
          c={c}
          time={time}
          onOpen={onOpen}
          onTags={(tags) => onUpdate(c.id, { tags })}
        />
      </div>
    </section>
  );
}

function PaneHeader({
  c,
  me,
  onUpdate,
  updating,
}: {
  c: ConversationDetail;
  me: User;
  onUpdate: (patch: ConversationPatch) => void;
  updating: boolean;
}) {
  const t = useT();
  const agents = useQuery(agentsQuery);
  const handle = c.contactDetail.identities.find((i) => i.channel === c.channel)?.handle;
  return (
    <header className="pane-header">
      <div className="pane-title">
        <h2 id="pane-title">
          {c.contact.name}
          {c.contact.impostor && <ImpostorBadge />}
        </h2>
        <p className="muted small">
          <ChannelIcon channel={c.channel} /> {handle ? `@${handle} · ` : ""}
          {t(c.visibility === "private" ? "console.thread.private" : "console.thread.public")}
        </p>
      </div>
      <div className="pane-actions">
        <label className="compact-field">
          <span>{t("console.field.status")}</span>
          <select
            value={c.status}
            disabled={updating}
            onChange={(e) => onUpdate({ status: e.target.value as ConversationStatus })}
            data-testid="pane-status"
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`console.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="compact-field">
          <span>{t("console.field.assignee")}</span>
          <select
            value={c.assigneeId ?? ""}
            disabled={updating}
            onChange={(e) => onUpdate({ assigneeId: e.target.value || null })}
            data-testid="pane-assignee"
          >
            <option value="">{t("console.assignee.none")}</option>
            {c.assigneeId && !agents.data?.some((a) => a.id === c.assigneeId) && (
              <option value={c.assigneeId}>{t("console.assignee.unknown")}</option>
            )}
            {agents.data?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id === me.id ? t("console.assignee.me", { name: a.name }) : a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="compact-field">
          <span>{t("console.field.priority")}</span>
          <select
            value={c.priority}
            disabled={updating}
            onChange={(e) => onUpdate({ priority: Number(e.target.value) })}
          >
            {[0, 1, 2, 3].map((p) => (
              <option key={p} value={p}>
                {t(`console.priority.${p as 0 | 1 | 2 | 3}`)}
              </option>
            ))}
          </select>
        </label>
        {c.assigneeId !== me.id && (
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={updating}
            onClick={() => onUpdate({ assigneeId: me.id })}
            title={t("console.shortcut.hint", { key: "a" })}
          >
            {t("console.action.assignMe")}
          </button>
        )}
        {c.status !== "solved" && (
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={updating}
            onClick={() => onUpdate({ status: "solved" })}
            title={t("console.shortcut.hint", { key: "e" })}
            data-testid="pane-solve"
          >
            {t("console.action.solve")}
          </button>
        )}
      </div>
    </header>
  );
}

function Thread({ c, time }: { c: ConversationDetail; time: ReturnType<typeof useAgentTime> }) {
  const t = useT();
  const end = useRef<HTMLDivElement>(null);
  const count = c.messages.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when messages arrive
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [count, c.id]);
  return (
    <section className="thread" aria-label={t("console.thread.label")} data-testid="thread">
      <ol className="thread-list">
        {c.messages.map((m) => (
          <MessageItem
            key={m.id}
            m={m}
            conversationId={c.id}
            channel={c.channel}
            contact={c.contact.name}
            time={time}
          />
        ))}
      </ol>
      <div ref={end} />
    </section>
  );
}

/** Facebook hides any comment on the page; X hides replies only. */
function isHideable(m: Message, channel: string): boolean {
  if (m.direction !== "inbound" || m.visibility !== "public" || m.hidden || m.deleted) return false;
  if (!m.platformId) return false;
  return channel === "facebook" || (channel === "x" && m.parentPlatformId !== null);
}

function MessageItem({
  m,
  conversationId,
  channel,
  contact,
  time,
}: {
  m: Message;
  conversationId: string;
  channel: string;
  contact: string;
  time: ReturnType<typeof useAgentTime>;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => consoleApi.reveal(conversationId, m.id),
    onSuccess: (r) => setRevealed(r.text),
  });
  const hide = useMutation({
    mutationFn: () => consoleApi.hide(conversationId, m.id),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) }),
  });
  const failure = reveal.error ?? hide.error;
  const kind = m.direction === "note" ? "note" : m.direction;
  const author = m.author ?? (m.direction === "inbound" ? contact : "");
  const hideable = isHideable(m, channel);
  return (
    <li className={`message message-${kind}`} data-testid="message" data-direction={m.direction}>
      <div className="message-head">
        {m.direction !== "note" && <ChannelIcon channel={channel} size={12} />}
        <span className="message-author">{author}</span>
        <span className={`visibility visibility-${m.visibility}`}>
          {t(
            m.visibility === "internal"
              ? "console.visibility.internal"
              : m.visibility === "private"
                ? "console.visibility.private"
                : "console.visibility.public",
          )}
        </span>
        <time dateTime={m.createdAt} className="message-time">
          {time.full(m.createdAt)}
        </time>
      </div>
      {m.deleted ? (
        <p className="message-text is-deleted">{t("console.message.deleted")}</p>
      ) : (
        <p className="message-text" data-testid="message-text">
          {revealed ?? m.text}
        </p>
      )}
      {(m.delivery || m.hidden || m.editedAt || m.masked || m.praise || hideable) && (
        <div className="message-foot">
          {m.editedAt && <span className="muted">{t("console.message.edited")}</span>}
          {m.praise && <span className="chip chip-accent">{t("console.message.praise")}</span>}
          {m.hidden && <span className="chip">{t("console.message.hidden")}</span>}
          {m.masked && (
            <span className="chip chip-danger" data-testid="personal-data">
              {t("console.message.personalData", {
                types: m.personalDataTypes.map((type) => typeLabel(t, type)).join(", "),
              })}
            </span>
          )}
          {m.masked && revealed === null && (
            <button
              type="button"
              className="link-button"
              disabled={reveal.isPending}
              onClick={() => reveal.mutate()}
              data-testid="reveal"
            >
              {t("console.message.reveal")}
            </button>
          )}
          {revealed !== null && (
            <span className="muted small">{t("console.message.revealed")}</span>
          )}
          {hideable && (
            <button
              type="button"
              className="link-button is-danger"
              disabled={hide.isPending}
              onClick={() => hide.mutate()}
              data-testid="hide"
            >
              {t("console.message.hide")}
            </button>
          )}
          {m.delivery && (
            <span
              className={`delivery delivery-${m.delivery.status}`}
              data-testid="delivery"
              data-status={m.delivery.status}
            >
              {t(`console.delivery.${m.delivery.status}`)}
              {m.delivery.status === "failed" && m.delivery.error ? `: ${m.delivery.error}` : ""}
              {m.delivery.status === "queued" && m.delivery.attempts > 0
                ? ` · ${t("console.delivery.retrying", { attempts: m.delivery.attempts })}`
                : ""}
            </span>
          )}
          {failure && (
            <span className="message-error" role="alert">
              {failure instanceof ApiError ? failure.message : t("app.loadFailed")}
            </span>
          )}
        </div>
      )}
    </li>
  );
}
