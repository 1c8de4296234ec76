import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type RefObject, useState } from "react";
import type { BulkAction, ConversationItem, ConversationSort } from "../../api/console.ts";
import { consoleApi } from "../../api/console.ts";
import { describeError } from "../../components/errors.ts";
import { useT } from "../../i18n/index.tsx";
import { ChannelIcon } from "./ChannelIcon.tsx";
import { ImpostorBadge } from "./ImpostorBadge.tsx";
import { PresenceAvatars } from "./PresenceAvatars.tsx";
import { type LivePresence, othersIn, type PresenceMap } from "./presence.ts";
import { agentsQuery } from "./queries.ts";
import type { useAgentTime } from "./time.ts";
import { refreshConversations } from "./useConsoleEvents.ts";
import { WindowedList } from "./WindowedList.tsx";

const ROW_HEIGHT = 80;

interface ConversationListProps {
  items: ConversationItem[];
  total: number | undefined;
  title: string;
  loading: boolean;
  failed: boolean;
  onRetry: () => void;
  hasMore: boolean;
  loadMore: () => void;
  openId: string | undefined;
  onOpen: (id: string) => void;
  sort: ConversationSort;
  onSort: (sort: ConversationSort) => void;
  q: string;
  onSearch: (q: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  selected: ReadonlySet<string>;
  onSelect: (next: Set<string>) => void;
  meId: string;
  time: ReturnType<typeof useAgentTime>;
  presence: { map: PresenceMap | undefined; now: number };
}

export function ConversationList(props: ConversationListProps) {
  const t = useT();
  const { items, selected, onSelect, openId, time } = props;
  const activeIndex = openId ? items.findIndex((i) => i.id === openId) : -1;
  const [draft, setDraft] = useState(props.q);
  const [bulkNotice, setBulkNotice] = useState<string | null>(null);

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };

  return (
    <section className="console-list" aria-labelledby="list-title">
      <div className="list-toolbar">
        <div className="list-heading">
          <h2 id="list-title">{props.title}</h2>
          {props.total !== undefined && (
            <span className="muted small" data-testid="list-total">
              {t("console.list.count", { count: props.total })}
            </span>
          )}
        </div>
        <search className="list-search">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              props.onSearch(draft.trim());
            }}
          >
            <label htmlFor="console-search" className="visually-hidden">
              {t("console.search.label")}
            </label>
            <input
              id="console-search"
              ref={props.searchRef}
              type="search"
              value={draft}
              placeholder={t("console.search.placeholder")}
              onChange={(e) => {
                setDraft(e.target.value);
                if (!e.target.value) props.onSearch("");
              }}
              onKeyDown={(e) => {
                if (e.key === "Escape") (e.target as HTMLInputElement).blur();
              }}
            />
          </form>
        </search>
        <fieldset className="segmented" aria-label={t("console.sort.label")}>
          {(["newest", "urgent"] as const).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={props.sort === s}
              onClick={() => props.onSort(s)}
              data-testid={`sort-${s}`}
            >
              {t(s === "newest" ? "console.sort.newest" : "console.sort.urgent")}
            </button>
          ))}
        </fieldset>
      </div>
      {selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          meId={props.meId}
          onDone={(notice) => {
            setBulkNotice(notice);
            onSelect(new Set());
          }}
          onSelectAll={() => onSelect(new Set(items.map((i) => i.id)))}
          allSelected={selected.size === items.length}
        />
      )}
      {bulkNotice && selected.size === 0 && (
        <p className="bulk-notice" role="status" data-testid="bulk-notice">
          {bulkNotice}
          <button type="button" className="link-button" onClick={() => setBulkNotice(null)}>
            {t("console.dismiss")}
          </button>
        </p>
      )}
      {props.failed ? (
        <div className="list-state" role="alert">
          <p>{t("app.loadFailed")}</p>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={props.onRetry}
          >
            {t("app.retry")}
          </button>
        </div>
      ) : props.loading ? (
        <p className="list-state muted" role="status">
          {t("app.loading")}
        </p>
      ) : items.length === 0 ? (
        <div className="list-state empty-state" data-testid="list-empty">
          <h3>{t(props.q ? "console.list.noMatches" : "console.list.empty")}</h3>
          <p className="muted small">{t("console.list.emptyHint")}</p>
        </div>
      ) : (
        <WindowedList
          items={items}
          rowHeight={ROW_HEIGHT}
          getKey={(i) => i.id}
          activeIndex={activeIndex}
          label={props.title}
          onNearEnd={props.hasMore ? props.loadMore : undefined}
          renderRow={(item) => (
            <ConversationRow
              item={item}
              active={item.id === openId}
              checked={selected.has(item.id)}
              onToggle={() => toggle(item.id)}
              onOpen={() => props.onOpen(item.id)}
              when={time.short(item.lastMessageAt)}
              mine={item.assigneeId === props.meId}
              others={othersIn(props.presence.map, item.id, props.meId, props.presence.now)}
            />
          )}
          footer={
            props.hasMore ? (
              <p className="list-more muted small" role="status">
                {t("app.loading")}
              </p>
            ) : null
          }
        />
      )}
    </section>
  );
}

function ConversationRow({
  item,
  active,
  checked,
  onToggle,
  onOpen,
  when,
  mine,
  others,
}: {
  item: ConversationItem;
  active: boolean;
  checked: boolean;
  onToggle: () => void;
  onOpen: () => void;
  when: string;
  mine: boolean;
  others: LivePresence[];
}) {
  const t = useT();
  const last = item.lastMessage;
  const preview = !last
    ? ""
    : last.deleted
      ? t("console.message.deleted")
      : `${last.direction === "outbound" ? `${t("console.list.you")}: ` : ""}${last.text}`;
  return (
    <div
      className={`conversation-row${active ? " is-active" : ""}${item.status === "new" ? " is-new" : ""}`}
      data-testid="conversation-row"
      data-id={item.id}
    >
      <input
        type="checkbox"
        className="row-check"
        checked={checked}
        onChange={onToggle}
        aria-label={t("console.list.select", { name: item.contact.name })}
      />
      <button
        type="button"
        className="row-open"
        onClick={onOpen}
        aria-current={active ? "true" : undefined}
      >
        <span className="row-top">
          <ChannelIcon channel={item.channel} />
          <span className="row-name">{item.contact.name}</span>
          {item.contact.impostor && <ImpostorBadge />}
          {item.priority > 0 && (
            <span className={`priority priority-${item.priority}`}>
              {t("console.priority.short", { level: item.priority })}
            </span>
          )}
          <PresenceAvatars people={others} />
          <time className="row-time" dateTime={item.lastMessageAt}>
            {when}
          </time>
        </span>
        <span className="row-preview">{preview}</span>
        <span className="row-meta">
          <span className={`status-chip status-${item.status}`}>
            {t(`console.status.${item.status}`)}
          </span>
          {item.visibility === "private" && (
            <span className="chip">{t("console.visibility.private")}</span>
          )}
          {mine && <span className="chip chip-accent">{t("console.list.mine")}</span>}
          {item.tags.slice(0, 2).map((tag) => (
            <span key={tag} className="chip">
              #{tag}
            </span>
          ))}
        </span>
      </button>
    </div>
  );
}

function BulkBar({
  ids,
  meId,
  onDone,
  onSelectAll,
  allSelected,
}: {
  ids: string[];
  meId: string;
  onDone: (notice: string | null) => void;
  onSelectAll: () => void;
  allSelected: boolean;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const agents = useQuery(agentsQuery);
  const [tag, setTag] = useState("");
  const bulk = useMutation({
    mutationFn: (action: BulkAction) => consoleApi.bulk(ids, action),
    onSuccess: async (res) => {
      const failed = res.results.filter((r) => !r.ok).length;
      await refreshConversations(queryClient, ids, meId);
      onDone(
        failed
          ? t("console.bulk.partial", { done: res.updated, failed })
          : t("console.bulk.done", { count: res.updated }),
      );
    },
  });
  return (
    <section className="bulk-bar" aria-label={t("console.bulk.label")} data-testid="bulk-bar">
      <span className="bulk-count">{t("console.bulk.selected", { count: ids.length })}</span>
      {!allSelected && (
        <button type="button" className="link-button" onClick={onSelectAll}>
          {t("console.bulk.selectAll")}
        </button>
      )}
      <button
        type="button"
        className="button button-quiet button-small"
        disabled={bulk.isPending}
        onClick={() => bulk.mutate({ type: "assign", assigneeId: meId })}
      >
        {t("console.action.assignMe")}
      </button>
      <select
        aria-label={t("console.bulk.assignTo")}
        value=""
        disabled={bulk.isPending}
        onChange={(e) => {
          const v = e.target.value;
          if (v) bulk.mutate({ type: "assign", assigneeId: v === "none" ? null : v });
        }}
      >
        <option value="">{t("console.bulk.assignTo")}</option>
        <option value="none">{t("console.assignee.none")}</option>
        {agents.data?.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <form
        className="bulk-tag"
        onSubmit={(e) => {
          e.preventDefault();
          if (tag.trim()) bulk.mutate({ type: "tag", tag: tag.trim() });
          setTag("");
        }}
      >
        <input
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          placeholder={t("console.bulk.tagPlaceholder")}
          aria-label={t("console.bulk.tag")}
          maxLength={64}
        />
      </form>
      <button
        type="button"
        className="button button-primary button-small"
        disabled={bulk.isPending}
        onClick={() => bulk.mutate({ type: "solve" })}
        data-testid="bulk-solve"
      >
        {t("console.action.solve")}
      </button>
      <button type="button" className="link-button" onClick={() => onDone(null)}>
        {t("console.bulk.clear")}
      </button>
      {bulk.error ? (
        <span className="bulk-result is-error" role="alert">
          {describeError(t, bulk.error)}
        </span>
      ) : null}
    </section>
  );
}
