import { api } from "./client.ts";

export type Bucket = "hour" | "day" | "month";

export interface ReportFilter {
  from: string;
  to: string;
  teamId?: string | undefined;
}

export interface VolumeReport {
  from: string;
  to: string;
  bucket: Bucket;
  timeZone: string;
  channels: string[];
  total: number;
  items: { start: string; total: number; byChannel: Record<string, number> }[];
}

export interface Durations {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface ResponseTimesReport {
  conversations: number;
  unanswered: number;
  firstResponse: Durations;
  resolution: Durations;
  byChannel: {
    channel: string;
    conversations: number;
    firstResponse: Durations;
    resolution: Durations;
  }[];
}

export interface BacklogReport {
  total: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  oldestCreatedAt: string | null;
}

interface Attainment {
  met: number;
  breached: number;
  attainment: number | null;
}

export interface OverviewReport {
  timeZone: string;
  sla: { conversations: number; firstResponse: Attainment; resolution: Attainment };
  months: { month: string; praise: number; personalData: number; impostors: number }[];
  community: { byCustomers: number; byStaff: number };
  incidents: {
    id: string;
    title: string;
    source: string;
    status: string;
    startedAt: string;
    resolvedAt: string | null;
  }[];
}

export interface TeamOption {
  id: string;
  name: string;
}

const query = (f: ReportFilter) => ({ from: f.from, to: f.to, teamId: f.teamId });

export const reportsApi = {
  volume: (f: ReportFilter, bucket: Bucket) =>
    api.get<VolumeReport>("/api/v1/reports/volume", { query: { ...query(f), bucket } }),
  responseTimes: (f: ReportFilter) =>
    api.get<ResponseTimesReport>("/api/v1/reports/response-times", { query: query(f) }),
  backlog: () => api.get<BacklogReport>("/api/v1/reports/backlog"),
  overview: (f: ReportFilter) =>
    api.get<OverviewReport>("/api/v1/reports/overview", { query: query(f) }),
  teams: async () => (await api.get<{ items: TeamOption[] }>("/api/v1/teams")).items,
};

/** The same report as a CSV download (the browser sends the session cookie). */
export function csvUrl(path: string, f: ReportFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: f.from, to: f.to, format: "csv", ...extra });
  if (f.teamId) params.set("teamId", f.teamId);
  return `${path}?${params.toString()}`;
}
