import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import {
  consoleApi,
  type SavedView,
  type SavedViewQuery,
  type TeamSummary,
} from "../../api/console.ts";
import { describeError } from "../../components/errors.ts";
import { useT } from "../../i18n/index.tsx";
import { ChannelIcon } from "./ChannelIcon.tsx";
import { queryKeys } from "./queries.ts";
import type { LiveState } from "./useConsoleEvents.ts";
import { VIEW_KEYS, VIEW_LABELS, type ViewKey } from "./views.ts";

interface ViewsSidebarProps {
  view: ViewKey;
  counts: Record<string, number> | undefined;
  teams: readonly TeamSummary[] | undefined;
  saved: readonly SavedView[] | undefined;
  /** The current list as a saved view's query (view filter, search, order). */
  current: SavedViewQuery;
  live: LiveState;
  onSelect: (view: ViewKey) => void;
  onHelp: () => void;
}

/** The views with live counts: fixed ones, channels, teams, and saved views. */
export function ViewsSidebar(props: ViewsSidebarProps) {
  const t = useT();
  const { view, counts, onSelect } = props;
  const link = (key: ViewKey, label: React.ReactNode) => (
    <button
      type="button"
      className="view-link"
      aria-current={key === view ? "page" : undefined}
      onClick={() => onSelect(key)}
      data-testid={`view-${key}`}
    >
      <span className="view-name">{label}</span>
      <span className="count" data-testid={`count-${key}`}>
        {counts?.[key] ?? 0}
      </span>
    </button>
  );
  return (
    <nav className="console-sidebar" aria-label={t("console.views")}>
      <ViewGroup title={t("console.views")}>
        {VIEW_KEYS.filter((v) => !v.startsWith("channel:")).map((v) => (
          <li key={v}>{link(v, t(VIEW_LABELS[v]))}</li>
        ))}
      </ViewGroup>
      <ViewGroup title={t("console.channels")}>
        {VIEW_KEYS.filter((v) => v.startsWith("channel:")).map((v) => (
          <li key={v}>
            {link(
              v,
              <>
                <ChannelIcon channel={v.slice(8)} />
                {t(VIEW_LABELS[v])}
              </>,
            )}
          </li>
        ))}
      </ViewGroup>
      {props.teams && props.teams.length > 0 && (
        <ViewGroup title={t("console.teams")}>
          {props.teams.map((team) => (
            <li key={team.id}>{link(`team:${team.id}`, team.name)}</li>
          ))}
        </ViewGroup>
      )}
      <SavedViews {...props} link={link} />
      <div className="sidebar-foot">
        <span className={`live live-${props.live}`} role="status" data-testid="live-state">
          <span className="live-dot" aria-hidden="true" />
          {t(`console.live.${props.live}`)}
        </span>
        <button type="button" className="link-button small" onClick={props.onHelp}>
          {t("console.shortcuts.open")}
        </button>
      </div>
    </nav>
  );
}

function ViewGroup({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <div className="view-group">
      <h2 className="sidebar-title" id={id}>
        {title}
      </h2>
      <ul className="view-list" aria-labelledby={id}>
        {children}
      </ul>
    </div>
  );
}

function SavedViews({
  saved,
  current,
  view,
  onSelect,
  link,
}: ViewsSidebarProps & { link: (key: ViewKey, label: React.ReactNode) => React.ReactNode }) {
  const t = useT();
  const queryClient = useQueryClient();
  const formId = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.views }),
      queryClient.invalidateQueries({ queryKey: queryKeys.counts }),
    ]);
  const create = useMutation({
    mutationFn: () =>
      consoleApi.createView({ name, scope: shared ? "shared" : "personal", query: current }),
    onSuccess: async (created) => {
      await refresh();
      setOpen(false);
      setName("");
      setShared(false);
      onSelect(`view:${created.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => consoleApi.deleteView(id),
    onSuccess: async (_data, id) => {
      if (view === `view:${id}`) onSelect("mine");
      await refresh();
    },
  });
  return (
    <div className="saved-views">
      <ViewGroup title={t("console.saved.title")}>
        {saved?.map((v) => (
          <li key={v.id} className="saved-view">
            {link(
              `view:${v.id}`,
              <>
                {v.name}
                {v.scope === "shared" && (
                  <span className="visually-hidden"> ({t("console.saved.shared")})</span>
                )}
              </>,
            )}
            {v.editable && (
              <button
                type="button"
                className="saved-view-delete"
                aria-label={t("console.saved.delete", { name: v.name })}
                title={t("console.saved.delete", { name: v.name })}
                disabled={remove.isPending}
                onClick={() => remove.mutate(v.id)}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ViewGroup>
      {open ? (
        <form
          className="saved-view-form"
          aria-labelledby={`${formId}-title`}
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <p id={`${formId}-title`} className="visually-hidden">
            {t("console.saved.save")}
          </p>
          <label htmlFor={`${formId}-name`} className="small">
            {t("console.saved.name")}
          </label>
          <input
            id={`${formId}-name`}
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            data-testid="saved-view-name"
            // biome-ignore lint/a11y/noAutofocus: the form opens on request, to type a name
            autoFocus
          />
          <label className="small saved-view-share">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
            {t("console.saved.shareWithTeam")}
          </label>
          {create.error && (
            <p className="is-error small" role="alert">
              {describeError(t, create.error)}
            </p>
          )}
          <span className="saved-view-buttons">
            <button
              type="submit"
              className="button button-primary button-small"
              disabled={!name.trim() || create.isPending}
              data-testid="saved-view-submit"
            >
              {t("console.saved.submit")}
            </button>
            <button type="button" className="link-button small" onClick={() => setOpen(false)}>
              {t("console.saved.cancel")}
            </button>
          </span>
        </form>
      ) : (
        <button
          type="button"
          className="link-button small saved-view-add"
          onClick={() => setOpen(true)}
          data-testid="saved-view-add"
        >
          {t("console.saved.save")}
        </button>
      )}
    </div>
  );
}
