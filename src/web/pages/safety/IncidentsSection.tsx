import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { type ChannelKind, listIncidents, personalDataReport } from "../../api/safety.ts";
import { LoadFailed, Loading } from "../../components/Layout.tsx";
import { type MessageKey, useI18n } from "../../i18n/index.tsx";
import { ChannelFilter, LoadMore } from "./parts.tsx";

/** Public posts in which personal data was found: masked text, types and what hilft did. */
export function IncidentsSection() {
  const { t, formatDate } = useI18n();
  const [channel, setChannel] = useState<ChannelKind | undefined>();
  const report = useQuery({
    queryKey: ["safety", "personal-data-report"],
    queryFn: () => personalDataReport(),
  });
  const incidents = useInfiniteQuery({
    queryKey: ["safety", "incidents", channel ?? "all"],
    queryFn: ({ pageParam }) => listIncidents({ channel, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = incidents.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="panel" aria-labelledby="incidents-title">
      <div className="panel-head">
        <h2 id="incidents-title">{t("safety.incidents.title")}</h2>
        {report.data && (
          <span className="muted" data-testid="incidents-month-total">
            {t("safety.incidents.monthTotal", {
              count: report.data.total,
              month: report.data.month,
            })}
          </span>
        )}
      </div>
      <p className="muted">{t("safety.incidents.lead")}</p>
      {report.data && report.data.byType.length > 0 && (
        <ul className="safety-counts">
          {report.data.byType.map((b) => (
            <li key={b.type}>
              <span className="badge">{typeLabel(t, b.type)}</span> {b.count}
            </li>
          ))}
        </ul>
      )}
      <ChannelFilter value={channel} onChange={setChannel} />
      {incidents.isPending ? (
        <Loading />
      ) : incidents.isError ? (
        <LoadFailed onRetry={() => void incidents.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">{t("safety.incidents.empty")}</p>
      ) : (
        <ul className="safety-list">
          {items.map((i) => (
            <li key={i.id} className="safety-item" data-testid="incident-row">
              <div className="safety-item-head">
                <span className="muted nowrap">{formatDate(i.createdAt)}</span>
                <span>{i.channelName}</span>
                {i.author && <strong>{i.author}</strong>}
                {i.types.map((type) => (
                  <span key={type} className="badge">
                    {typeLabel(t, type)}
                  </span>
                ))}
              </div>
              <p className="safety-text">{i.text}</p>
              <p className="muted">
                {Object.entries(i.actions)
                  .map(([action, state]) =>
                    t("safety.incidents.action", {
                      action: actionLabel(t, action),
                      state: stateLabel(t, state),
                    }),
                  )
                  .join(" · ")}{" "}
                <Link to="/console" search={{ c: i.conversationId }}>
                  {t("safety.openConversation")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={incidents} />
    </section>
  );
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const KNOWN_TYPES = [
  "iban",
  "payment_card",
  "phone",
  "email",
  "postal_address",
  "date_of_birth",
  "password",
  "tax_id",
];

export function typeLabel(t: T, type: string): string {
  if (KNOWN_TYPES.includes(type)) return t(`safety.type.${type}` as MessageKey);
  return type.startsWith("custom:") ? type.slice(7) : type;
}

function actionLabel(t: T, action: string): string {
  return action === "hide" || action === "privateMessage"
    ? t(`safety.incidents.${action}` as MessageKey)
    : action;
}

function stateLabel(t: T, state: string): string {
  return ["queued", "unavailable", "off"].includes(state)
    ? t(`safety.incidents.state.${state}` as MessageKey)
    : state;
}
