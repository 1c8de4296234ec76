import { detectSerialVoting } from "../../lib/reputation/serial-votes.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";
import { reverseActivity } from "./record-community-event.ts";

export interface SerialVotingReport {
  workspaceId: string;
  cases: { voterId: string; authorId: string; votes: number; pointsReversed: number }[];
}

const SYSTEM: AuditActor = { id: null, label: "reputation-check" };

/**
 * The nightly check: looks at the last `lookbackHours` of up-votes that still count,
 * finds serial voting (many votes from one person to one person in a short window) and
 * reverses those points with compensating rows, a case record and an audit event.
 * Running it again finds nothing new: reversed votes no longer count.
 */
export async function detectAndReverseSerialVoting(
  services: Services,
  opts: { lookbackHours?: number; actor?: AuditActor; now?: Date; workspaceId?: string } = {},
): Promise<SerialVotingReport[]> {
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - (opts.lookbackHours ?? 48) * 3_600_000);
  const { ledger } = services.reputation;
  const reports: SerialVotingReport[] = [];
  const workspaces = opts.workspaceId ? [opts.workspaceId] : await ledger.workspacesWithLedger();
  for (const workspaceId of workspaces) {
    const settings = await ledger.settings(workspaceId);
    const votes = (await ledger.upvotesSince(workspaceId, since)).flatMap((v) =>
      v.voterId ? [{ ...v, voterId: v.voterId }] : [],
    );
    const found = detectSerialVoting(votes, {
      windowMinutes: settings.fairPlay.serialWindowMinutes,
      minVotes: settings.fairPlay.serialMinVotes,
    });
    const report: SerialVotingReport = { workspaceId, cases: [] };
    for (const pattern of found) {
      const result = await services.db.transaction(async (tx) => {
        const reversed = await reverseActivity(
          services,
          tx,
          workspaceId,
          { ids: pattern.votes.map((v) => v.id) },
          "serial voting",
          null,
          now,
        );
        const record = await ledger.recordSerialCase(tx, {
          workspaceId,
          voterId: pattern.voterId,
          authorId: pattern.authorId,
          votes: pattern.votes.length,
          pointsReversed: reversed,
        });
        await recordAuditEvent(
          services,
          opts.actor ?? SYSTEM,
          {
            workspaceId,
            action: "reputation.serial_voting_reversed",
            targetType: "user",
            targetId: pattern.authorId,
            data: {
              caseId: record.id,
              voterId: pattern.voterId,
              votes: pattern.votes.length,
              pointsReversed: reversed,
            },
          },
          tx,
        );
        return reversed;
      });
      report.cases.push({
        voterId: pattern.voterId,
        authorId: pattern.authorId,
        votes: pattern.votes.length,
        pointsReversed: result,
      });
    }
    reports.push(report);
  }
  return reports;
}

/**
 * Runs the check once a day from the server process (and once shortly after start, so
 * a server restarted every night still runs it). Returns a stop function.
 */
export function scheduleSerialVotingCheck(
  services: Services,
  opts: { intervalMs?: number; firstRunMs?: number } = {},
): () => void {
  const run = () =>
    detectAndReverseSerialVoting(services).then(
      (reports) => {
        const cases = reports.reduce((n, r) => n + r.cases.length, 0);
        if (cases) services.log.info({ cases }, "serial voting reversed");
      },
      (err) => services.log.error({ err }, "serial-voting check failed"),
    );
  const first = setTimeout(run, opts.firstRunMs ?? 10 * 60_000);
  const every = setInterval(run, opts.intervalMs ?? 24 * 3_600_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
