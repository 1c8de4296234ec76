import { useInfiniteQuery, useQueries } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { type ChannelKind, praiseFeed, praiseReport } from "../../api/safety.ts";
import { LoadFailed, Loading } from "../../components/Layout.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { lastMonths } from "./helpers.ts";
import { ChannelFilter, LoadMore } from "./parts.tsx";

/** Customers' thanks and compliments for the team, with the count per month. */
export function PraiseSection() {
  const { t, formatDate } = useI18n();
  const [channel, setChannel] = useState<ChannelKind | undefined>();
  const months = lastMonths(6);
  const reports = useQueries({
    queries: months.map((month) => ({
      queryKey: ["safety", "praise-report", month],
      queryFn: () => praiseReport(month),
    })),
  });
  const feed = useInfiniteQuery({
    queryKey: ["safety", "praise", channel ?? "all"],
    queryFn: ({ pageParam }) => praiseFeed({ channel, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="panel" aria-labelledby="praise-title">
      <div className="panel-head">
        <h2 id="praise-title">{t("safety.praise.title")}</h2>
      </div>
      <p className="muted">{t("safety.praise.lead")}</p>
      <div className="table-wrap">
        <table className="table" data-testid="praise-months">
          <thead>
            <tr>
              <th scope="col">{t("safety.praise.month")}</th>
              <th scope="col">{t("safety.praise.count")}</th>
              <th scope="col">{t("safety.praise.byChannel")}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((month, i) => {
              const r = reports[i]!;
              return (
                <tr key={month}>
                  <td className="nowrap">{month}</td>
                  <td>{r.data ? r.data.total : r.isError ? "!" : "…"}</td>
                  <td className="muted">
                    {r.data?.byChannel.map((c) => `${c.name}: ${c.count}`).join(", ")}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ChannelFilter value={channel} onChange={setChannel} />
      {feed.isPending ? (
        <Loading />
      ) : feed.isError ? (
        <LoadFailed onRetry={() => void feed.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">{t("safety.praise.empty")}</p>
      ) : (
        <ul className="safety-list">
          {items.map((p) => (
            <li key={p.id} className="safety-item" data-testid="praise-row">
              <div className="safety-item-head">
                <span className="muted nowrap">{formatDate(p.createdAt)}</span>
                <span>{p.channel === "x" ? "X" : p.channel}</span>
                {p.author && <strong>{p.author}</strong>}
              </div>
              <p className="safety-text">{p.text}</p>
              <Link to="/console" search={{ c: p.conversationId }}>
                {t("safety.openConversation")}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={feed} />
    </section>
  );
}
