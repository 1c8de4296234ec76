import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { Role } from "../../api/auth.ts";
import { type Bucket, csvUrl, type ReportFilter, reportsApi } from "../../api/reports.ts";
import { Guard } from "../../components/Guard.tsx";
import { LoadFailed, Loading } from "../../components/Layout.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useI18n, useT } from "../../i18n/index.tsx";
import { UPlotChart } from "./UPlotChart.tsx";

const canReadReports = (role: Role) => role === "admin" || role === "moderator";

export function ReportsPage() {
  return (
    <Guard allow={canReadReports}>
      <Reports />
    </Guard>
  );
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const toSeconds = (iso: string) => Date.parse(iso) / 1000;
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 10) / 10);

function Reports() {
  const t = useT();
  const { formatDate } = useI18n();
  useDocumentTitle(t("reports.title"));
  const [filter, setFilter] = useState<ReportFilter>(() => {
    const now = new Date();
    // `to` is exclusive (local midnight): tomorrow, so today counts.
    return {
      from: isoDate(new Date(now.getTime() - 30 * 86_400_000)),
      to: isoDate(new Date(now.getTime() + 86_400_000)),
    };
  });
  const [bucket, setBucket] = useState<Bucket>("day");
  const teams = useQuery({ queryKey: ["teams"], queryFn: reportsApi.teams });
  const volume = useQuery({
    queryKey: ["reports", "volume", filter, bucket],
    queryFn: () => reportsApi.volume(filter, bucket),
  });
  const speed = useQuery({
    queryKey: ["reports", "response-times", filter],
    queryFn: () => reportsApi.responseTimes(filter),
  });
  const backlog = useQuery({ queryKey: ["reports", "backlog"], queryFn: reportsApi.backlog });
  const overview = useQuery({
    queryKey: ["reports", "overview", filter],
    queryFn: () => reportsApi.overview(filter),
  });

  const volumeChart = useMemo(() => {
    const data = volume.data;
    if (!data) return null;
    return {
      x: data.items.map((i) => toSeconds(i.start)),
      series: data.channels.map((c) => ({
        label: c,
        values: data.items.map((i) => i.byChannel[c] ?? 0),
      })),
    };
  }, [volume.data]);

  const speedChart = useMemo(() => {
    const data = speed.data;
    if (!data) return null;
    const rows = [{ channel: t("reports.allChannels"), ...data }, ...data.byChannel];
    return {
      categories: rows.map((r) => r.channel),
      x: rows.map((_r, i) => i),
      series: [
        {
          label: t("reports.firstResponseMedian"),
          values: rows.map((r) => hours(r.firstResponse.medianMs)),
        },
        {
          label: t("reports.firstResponseP90"),
          values: rows.map((r) => hours(r.firstResponse.p90Ms)),
        },
        {
          label: t("reports.resolutionMedian"),
          values: rows.map((r) => hours(r.resolution.medianMs)),
        },
        { label: t("reports.resolutionP90"), values: rows.map((r) => hours(r.resolution.p90Ms)) },
      ],
    };
  }, [speed.data, t]);

  const months = useMemo(() => {
    const data = overview.data;
    if (!data) return null;
    return {
      x: data.months.map((m) => toSeconds(m.month)),
      series: [
        { label: t("reports.praise"), values: data.months.map((m) => m.praise) },
        { label: t("reports.personalData"), values: data.months.map((m) => m.personalData) },
        { label: t("reports.impostors"), values: data.months.map((m) => m.impostors) },
      ],
    };
  }, [overview.data, t]);

  const slaChart = useMemo(() => {
    const sla = overview.data?.sla;
    if (!sla) return null;
    return {
      categories: [t("reports.firstResponse"), t("reports.resolution")],
      x: [0, 1],
      series: [
        { label: t("reports.met"), values: [sla.firstResponse.met, sla.resolution.met] },
        {
          label: t("reports.breached"),
          values: [sla.firstResponse.breached, sla.resolution.breached],
        },
      ],
    };
  }, [overview.data, t]);

  const backlogChart = useMemo(() => {
    const b = backlog.data;
    if (!b) return null;
    const statuses = ["new", "open", "pending"];
    return {
      categories: statuses.map((s) => t(`reports.status.${s}` as "reports.status.new")),
      x: statuses.map((_s, i) => i),
      series: [{ label: t("reports.waiting"), values: statuses.map((s) => b.byStatus[s] ?? 0) }],
    };
  }, [backlog.data, t]);

  const communityChart = useMemo(() => {
    const c = overview.data?.community;
    if (!c) return null;
    return {
      categories: [t("reports.byCustomers"), t("reports.byStaff")],
      x: [0, 1],
      series: [{ label: t("reports.solvedQuestions"), values: [c.byCustomers, c.byStaff] }],
    };
  }, [overview.data, t]);

  const percent = (v: number | null | undefined) =>
    v === null || v === undefined ? "–" : `${Math.round(v * 1000) / 10} %`;

  return (
    <div className="page" data-testid="reports-page">
      <h1>{t("reports.title")}</h1>
      <form className="panel report-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("reports.from")}
          <input
            type="date"
            value={filter.from}
            onChange={(e) => e.target.value && setFilter({ ...filter, from: e.target.value })}
          />
        </label>
        <label>
          {t("reports.to")}
          <input
            type="date"
            value={filter.to}
            onChange={(e) => e.target.value && setFilter({ ...filter, to: e.target.value })}
          />
        </label>
        <label>
          {t("reports.team")}
          <select
            data-testid="report-team"
            value={filter.teamId ?? ""}
            onChange={(e) => setFilter({ ...filter, teamId: e.target.value || undefined })}
          >
            <option value="">{t("reports.allTeams")}</option>
            {teams.data?.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("reports.bucket")}
          <select
            data-testid="report-bucket"
            value={bucket}
            onChange={(e) => setBucket(e.target.value as Bucket)}
          >
            <option value="hour">{t("reports.bucket.hour")}</option>
            <option value="day">{t("reports.bucket.day")}</option>
            <option value="month">{t("reports.bucket.month")}</option>
          </select>
        </label>
      </form>

      <section className="panel" aria-labelledby="volume-title">
        <div className="panel-head">
          <h2 id="volume-title">{t("reports.volume")}</h2>
          <a href={csvUrl("/api/v1/reports/volume", filter, { bucket })} download>
            {t("reports.csv")}
          </a>
        </div>
        {volume.isPending ? (
          <Loading />
        ) : volume.isError ? (
          <LoadFailed onRetry={() => void volume.refetch()} />
        ) : (
          <>
            <p className="muted" data-testid="volume-total" data-total={volume.data.total}>
              {t("reports.volumeTotal", { total: volume.data.total })}
            </p>
            {volumeChart && (
              <UPlotChart title={t("reports.volume")} testId="chart-volume" {...volumeChart} />
            )}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="speed-title">
        <div className="panel-head">
          <h2 id="speed-title">{t("reports.speed")}</h2>
          <a href={csvUrl("/api/v1/reports/response-times", filter)} download>
            {t("reports.csv")}
          </a>
        </div>
        {speed.isPending ? (
          <Loading />
        ) : speed.isError ? (
          <LoadFailed onRetry={() => void speed.refetch()} />
        ) : (
          <>
            <p className="muted">
              {t("reports.speedLead", {
                conversations: speed.data.conversations,
                unanswered: speed.data.unanswered,
              })}
            </p>
            {speedChart && (
              <UPlotChart title={t("reports.speedHours")} testId="chart-speed" {...speedChart} />
            )}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="sla-title">
        <div className="panel-head">
          <h2 id="sla-title">{t("reports.sla")}</h2>
        </div>
        {overview.isPending ? (
          <Loading />
        ) : overview.isError ? (
          <LoadFailed onRetry={() => void overview.refetch()} />
        ) : (
          <>
            <p className="muted" data-testid="sla-attainment">
              {t("reports.slaLead", {
                firstResponse: percent(overview.data.sla.firstResponse.attainment),
                resolution: percent(overview.data.sla.resolution.attainment),
              })}
            </p>
            {slaChart && <UPlotChart title={t("reports.sla")} testId="chart-sla" {...slaChart} />}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="backlog-title">
        <div className="panel-head">
          <h2 id="backlog-title">{t("reports.backlog")}</h2>
        </div>
        {backlogChart && (
          <UPlotChart title={t("reports.backlog")} testId="chart-backlog" {...backlogChart} />
        )}
      </section>

      <section className="panel" aria-labelledby="months-title">
        <div className="panel-head">
          <h2 id="months-title">{t("reports.monthly")}</h2>
          <a href={csvUrl("/api/v1/reports/overview", filter)} download>
            {t("reports.csv")}
          </a>
        </div>
        {months && <UPlotChart title={t("reports.monthly")} testId="chart-months" {...months} />}
      </section>

      <section className="panel" aria-labelledby="community-title">
        <div className="panel-head">
          <h2 id="community-title">{t("reports.community")}</h2>
        </div>
        {communityChart && (
          <UPlotChart title={t("reports.community")} testId="chart-community" {...communityChart} />
        )}
      </section>

      <section className="panel" aria-labelledby="incidents-title">
        <div className="panel-head">
          <h2 id="incidents-title">{t("reports.incidents")}</h2>
        </div>
        {overview.data && overview.data.incidents.length === 0 && (
          <p className="muted">{t("reports.noIncidents")}</p>
        )}
        <ol className="incident-timeline" data-testid="incident-timeline">
          {overview.data?.incidents.map((i) => (
            <li key={i.id}>
              <strong>{i.title}</strong> — {formatDate(i.startedAt)} →{" "}
              {i.resolvedAt ? formatDate(i.resolvedAt) : t("reports.ongoing")} (
              {t(i.source === "spike" ? "reports.sourceSpike" : "reports.sourceManual")})
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
