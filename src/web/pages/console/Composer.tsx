import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RefObject, useEffect, useId, useRef, useState } from "react";
import { renderMacro } from "../../../lib/render-macro.ts";
import { appendSignature } from "../../../lib/signature.ts";
import { MAX_WEIGHTED_TWEET_LENGTH, xWeightedLength } from "../../../lib/x-text.ts";
import type { User } from "../../api/auth.ts";
import { ApiError } from "../../api/client.ts";
import {
  type ConversationChanged,
  type ConversationDetail,
  consoleApi,
  type Macro,
} from "../../api/console.ts";
import { kbApi, type SuggestedArticle } from "../../api/kb.ts";
import { describeError } from "../../components/errors.ts";
import { type TFunction, useT } from "../../i18n/index.tsx";
import { KbSuggestions, useKbSuggestions } from "./KbSuggestions.tsx";
import { MacroPicker } from "./MacroPicker.tsx";
import { refreshConversations } from "./useConsoleEvents.ts";

export interface ComposerHandle {
  focus(mode: "reply" | "note"): void;
}

const FACEBOOK_LIMIT = 2000;

/** Error codes of the reply API that deserve a sentence in the agent's language. */
const REPLY_ERRORS: Record<string, Parameters<TFunction>[0]> = {
  messaging_window_closed: "console.error.messaging_window_closed",
  private_reply_window_closed: "console.error.private_reply_window_closed",
  public_reply_unavailable: "console.error.public_reply_unavailable",
  channel_disabled: "console.error.channel_disabled",
  no_recipient: "console.error.no_recipient",
};

function describeReplyError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = REPLY_ERRORS[error.code];
    if (key) return t(key);
    const field = error.details.find((d) => d.field === "text");
    if (field) return t("console.error.textRefused", { reason: field.message });
  }
  return describeError(t, error);
}

/**
 * Reply (public or private, as the channel allows) or internal note. The signature is
 * appended by the server; the counter counts it, as X will.
 */
export function Composer({
  conversation: c,
  me,
  handleRef,
  onTyping,
}: {
  conversation: ConversationDetail;
  me: User;
  handleRef: RefObject<ComposerHandle | null>;
  onTyping?: (active: boolean) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const area = useRef<HTMLTextAreaElement>(null);
  const counterId = useId();
  const canPublic = c.visibility === "public";
  const [mode, setMode] = useState<"reply" | "note">("reply");
  const [visibility, setVisibility] = useState<"public" | "private">(
    canPublic ? "public" : "private",
  );
  const [text, setText] = useState("");
  const [sign, setSign] = useState(true);
  const [macro, setMacro] = useState<{ macro: Macro; unresolved: string[] } | null>(null);
  const [picker, setPicker] = useState(false);
  // Collision check: the last message on screen when the agent started writing. If
  // someone else replies after it, the server asks (409) and so do we.
  const lastId = c.messages.at(-1)?.id;
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!text) seen.current = undefined;
    else seen.current ??= lastId;
  }, [text, lastId]);
  const [collision, setCollision] = useState<{ names: string; solve: boolean } | null>(null);

  useEffect(() => {
    handleRef.current = {
      focus(next) {
        setMode(next);
        requestAnimationFrame(() => area.current?.focus());
      },
    };
    return () => {
      handleRef.current = null;
    };
  }, [handleRef]);

  const signature = me.effectiveSignature ?? "";
  const signing = mode === "reply" && sign && signature !== "";
  const final = signing ? appendSignature(text, signature) : text.trimEnd();
  const limit =
    mode === "note"
      ? null
      : c.channel === "x"
        ? MAX_WEIGHTED_TWEET_LENGTH
        : c.channel === "facebook"
          ? FACEBOOK_LIMIT
          : null;
  const count = c.channel === "x" ? xWeightedLength(final) : [...final].length;
  const over = limit !== null && count > limit;

  const send = useMutation({
    mutationFn: async (opts: { solve: boolean; confirm?: boolean }) => {
      if (mode === "note") return consoleApi.note(c.id, text);
      const seenMessageId = seen.current ?? lastId;
      return consoleApi.reply(c.id, {
        text,
        visibility,
        signature: sign,
        ...(macro ? { macroId: macro.macro.id } : {}),
        ...(opts.solve ? { status: "solved" as const } : {}),
        ...(seenMessageId ? { seenMessageId } : {}),
        ...(opts.confirm ? { confirm: true } : {}),
      });
    },
    onMutate: () => setCollision(null),
    onSuccess: async () => {
      setText("");
      setMacro(null);
      onTyping?.(false);
      await refreshConversations(queryClient, [c.id], me.id);
    },
    onError: (error, opts) => {
      if (error instanceof ApiError && error.code === "conversation_changed") {
        const data = error.data as ConversationChanged | undefined;
        const names = data?.repliedBy?.map((r) => r.name).join(", ") ?? "";
        setCollision({ names, solve: opts.solve });
        // Show what they wrote, so the agent can decide.
        void refreshConversations(queryClient, [c.id], me.id);
      }
    },
  });

  // Help articles for the latest inbound message; Alt+1…3 inserts one as a short link
  // made for this conversation, so the customer's click is counted against it.
  const lastInboundAt = c.messages.findLast((m) => m.direction === "inbound")?.createdAt;
  const suggestions = useKbSuggestions(c.id, lastInboundAt);
  const articles = mode === "reply" ? (suggestions.data?.articles ?? []) : [];
  const insertLink = useMutation({
    mutationFn: (a: SuggestedArticle) => kbApi.shortLink(a.id, c.id),
    onSuccess: (link) => {
      setText((old) => (old.trim() ? `${old.trimEnd()} ${link.url}` : link.url));
      requestAnimationFrame(() => area.current?.focus());
    },
  });

  const blocked = !text.trim() || over || send.isPending;
  const submit = (solve: boolean) => {
    if (!blocked) send.mutate({ solve });
  };

  const choose = (m: Macro) => {
    const rendered = renderMacro(m.body, {
      contact: { name: c.contact.name },
      agent: { name: me.name },
    });
    setText((old) => (old.trim() ? `${old.trimEnd()} ${rendered.text}` : rendered.text));
    setMacro({ macro: m, unresolved: rendered.unresolved });
    setMode("reply");
    setPicker(false);
    requestAnimationFrame(() => area.current?.focus());
  };

  return (
    <div className={`composer composer-${mode}`} data-testid="composer">
      <div className="composer-tabs">
        {/* Only the two tabs in the tablist: ARIA allows nothing else inside one. */}
        <div className="composer-tablist" role="tablist" aria-label={t("console.composer.label")}>
          <button
            type="button"
            role="tab"
            aria-selected={mode === "reply"}
            onClick={() => setMode("reply")}
            data-testid="composer-mode-reply"
          >
            {t("console.composer.reply")}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={mode === "note"}
            onClick={() => setMode("note")}
            data-testid="composer-mode-note"
          >
            {t("console.composer.note")}
          </button>
        </div>
        {mode === "reply" && (
          <fieldset
            className="segmented segmented-small"
            aria-label={t("console.composer.visibility")}
          >
            <button
              type="button"
              aria-pressed={visibility === "public"}
              disabled={!canPublic}
              onClick={() => setVisibility("public")}
              title={canPublic ? undefined : t("console.composer.publicUnavailable")}
            >
              {t("console.visibility.public")}
            </button>
            <button
              type="button"
              aria-pressed={visibility === "private"}
              onClick={() => setVisibility("private")}
            >
              {t(c.channel === "x" ? "console.composer.dm" : "console.visibility.private")}
            </button>
          </fieldset>
        )}
        <button
          type="button"
          className="link-button composer-macros"
          onClick={() => setPicker((v) => !v)}
          aria-expanded={picker}
          data-testid="macro-button"
        >
          {t("console.macros.button")}
        </button>
      </div>
      {picker && <MacroPicker onChoose={choose} onClose={() => setPicker(false)} />}
      <KbSuggestions
        articles={articles}
        busy={insertLink.isPending}
        onInsert={(a) => insertLink.mutate(a)}
      />
      <label htmlFor={`${counterId}-text`} className="visually-hidden">
        {t(mode === "note" ? "console.composer.note" : "console.composer.reply")}
      </label>
      <textarea
        id={`${counterId}-text`}
        ref={area}
        className="composer-text"
        value={text}
        rows={3}
        aria-describedby={counterId}
        aria-invalid={over || undefined}
        placeholder={t(
          mode === "note"
            ? "console.composer.notePlaceholder"
            : "console.composer.replyPlaceholder",
        )}
        onChange={(e) => {
          setText(e.target.value);
          onTyping?.(e.target.value !== "");
          if (!e.target.value) setMacro(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit(e.shiftKey);
          } else if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-3]$/.test(e.code)) {
            // By key position: on many layouts Alt+digit types a special character.
            const article = articles[Number(e.code.slice(5)) - 1];
            if (article) {
              e.preventDefault();
              insertLink.mutate(article);
            }
          } else if (e.key === "/" && !text) {
            e.preventDefault();
            setPicker(true);
          } else if (e.key === "Escape") {
            (e.target as HTMLTextAreaElement).blur();
          }
        }}
        data-testid="composer-text"
      />
      {macro && (macro.unresolved.length > 0 || hasActions(macro.macro)) && (
        <div className="composer-macro-info" role="status">
          {macro.unresolved.length > 0 && (
            <p className="is-warning" data-testid="macro-unresolved">
              {t("console.macros.unresolved", {
                names: macro.unresolved.map((v) => `{{${v}}}`).join(", "),
              })}
            </p>
          )}
          {hasActions(macro.macro) && (
            <p className="muted small">
              {t("console.macros.onSend", { actions: describeActions(t, macro.macro) })}
            </p>
          )}
        </div>
      )}
      {insertLink.error && (
        <p className="composer-error" role="alert">
          {describeError(t, insertLink.error)}
        </p>
      )}
      {collision ? (
        <div className="composer-collision" role="alert" data-testid="composer-collision">
          <p>{t("console.collision.ask", { names: collision.names })}</p>
          <span className="composer-buttons">
            <button
              type="button"
              className="button button-primary button-small"
              disabled={send.isPending}
              onClick={() => send.mutate({ solve: collision.solve, confirm: true })}
              data-testid="composer-send-anyway"
            >
              {t("console.collision.sendAnyway")}
            </button>
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => {
                // They have now seen the other reply: the next send goes without asking.
                seen.current = lastId;
                setCollision(null);
                area.current?.focus();
              }}
              data-testid="composer-collision-cancel"
            >
              {t("console.collision.cancel")}
            </button>
          </span>
        </div>
      ) : (
        send.error && (
          <p className="composer-error" role="alert" data-testid="composer-error">
            {describeReplyError(t, send.error)}
          </p>
        )
      )}
      <div className="composer-foot">
        {mode === "reply" && signature && (
          <label className="composer-sign">
            <input type="checkbox" checked={sign} onChange={(e) => setSign(e.target.checked)} />
            {t("console.composer.signature", { signature })}
          </label>
        )}
        {mode === "note" && <span className="muted small">{t("console.composer.noteHint")}</span>}
        <span
          id={counterId}
          className={`composer-count${over ? " is-over" : ""}`}
          data-testid="composer-count"
          data-count={count}
        >
          {limit !== null
            ? t(c.channel === "x" ? "console.composer.countX" : "console.composer.count", {
                count,
                limit,
              })
            : ""}
          {over && ` — ${t("console.composer.tooLong")}`}
        </span>
        <span className="composer-buttons">
          {mode === "reply" ? (
            <>
              <button
                type="button"
                className="button button-quiet button-small"
                disabled={blocked}
                onClick={() => submit(true)}
                title="Ctrl+Shift+Enter"
                data-testid="composer-send-solve"
              >
                {t("console.composer.sendSolve")}
              </button>
              <button
                type="button"
                className="button button-primary button-small"
                disabled={blocked}
                onClick={() => submit(false)}
                title="Ctrl+Enter"
                data-testid="composer-send"
              >
                {send.isPending ? t("console.composer.sending") : t("console.composer.send")}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button-primary button-small"
              disabled={blocked}
              onClick={() => submit(false)}
              title="Ctrl+Enter"
              data-testid="composer-add-note"
            >
              {t("console.composer.addNote")}
            </button>
          )}
        </span>
      </div>
    </div>
  );
}

function hasActions(m: Macro): boolean {
  return Boolean(m.actions.status || m.actions.addTags?.length);
}

export function describeActions(t: TFunction, m: Macro): string {
  const parts: string[] = [];
  if (m.actions.status)
    parts.push(t("console.macros.setStatus", { status: t(`console.status.${m.actions.status}`) }));
  for (const tag of m.actions.addTags ?? []) parts.push(`#${tag}`);
  return parts.join(", ");
}
