import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  decideImpostor,
  type Impostor,
  type ImpostorStatus,
  listImpostors,
} from "../../api/safety.ts";
import { FormError } from "../../components/Form.tsx";
import { LoadFailed, Loading } from "../../components/Layout.tsx";
import { type MessageKey, useI18n } from "../../i18n/index.tsx";

const STATUSES: ImpostorStatus[] = ["suspected", "confirmed", "dismissed"];

/** Accounts that look like the brand, with the evidence an admin needs to decide. */
export function ImpostorsSection() {
  const { t } = useI18n();
  const [status, setStatus] = useState<ImpostorStatus>("suspected");
  const impostors = useQuery({
    queryKey: ["safety", "impostors", status],
    queryFn: () => listImpostors(status),
  });

  return (
    <section className="panel" aria-labelledby="impostors-title">
      <div className="panel-head">
        <h2 id="impostors-title">{t("safety.impostors.title")}</h2>
      </div>
      <p className="muted">{t("safety.impostors.lead")}</p>
      <search className="filters">
        <label className="inline-field">
          <span>{t("safety.impostors.status")}</span>
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as ImpostorStatus)}
            data-testid="impostor-status"
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`safety.impostors.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </search>
      {impostors.isPending ? (
        <Loading />
      ) : impostors.isError ? (
        <LoadFailed onRetry={() => void impostors.refetch()} />
      ) : impostors.data.length === 0 ? (
        <p className="muted">{t("safety.impostors.empty")}</p>
      ) : (
        <ul className="safety-list">
          {impostors.data.map((i) => (
            <ImpostorCard key={i.id} impostor={i} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ImpostorCard({ impostor: i }: { impostor: Impostor }) {
  const { t, formatDate } = useI18n();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const decide = useMutation({
    mutationFn: (verb: "confirm" | "dismiss") =>
      decideImpostor(i.id, verb, note.trim() || undefined),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["safety", "impostors"] }),
  });
  const e = i.evidence;
  return (
    <li className="safety-item" data-testid="impostor-row">
      <div className="safety-item-head">
        <strong>{i.handle ? `@${i.handle}` : i.displayName}</strong>
        {i.handle && i.displayName && <span>{i.displayName}</span>}
        <span className="badge">{i.channel === "x" ? "X" : i.channel}</span>
        <span className="badge">{t(`safety.impostors.reason.${i.reason}` as MessageKey)}</span>
        <span className="muted">{t("safety.impostors.score", { score: i.score.toFixed(2) })}</span>
      </div>
      <dl className="safety-evidence">
        {e.imitates && (
          <>
            <dt>{t("safety.impostors.imitates")}</dt>
            <dd>{e.imitates}</dd>
          </>
        )}
        {e.candidate && e.brand && (
          <>
            <dt>{t("safety.impostors.skeletons")}</dt>
            <dd>
              <code>{e.candidate.skeleton}</code> ≙ <code>{e.brand.skeleton}</code>
            </dd>
          </>
        )}
        {e.confusables && e.confusables.length > 0 && (
          <>
            <dt>{t("safety.impostors.confusables")}</dt>
            <dd data-testid="impostor-confusables">
              {e.confusables
                .map((c) =>
                  t("safety.impostors.looksLike", {
                    char: c.char,
                    code: c.codePoint,
                    like: c.looksLike,
                  }),
                )
                .join(", ")}
            </dd>
          </>
        )}
        {e.mixedScripts && e.mixedScripts.length > 0 && (
          <>
            <dt>{t("safety.impostors.mixedScripts")}</dt>
            <dd>{e.mixedScripts.join(" + ")}</dd>
          </>
        )}
        {e.distance !== undefined && (
          <>
            <dt>{t("safety.impostors.distance")}</dt>
            <dd>{e.distance}</dd>
          </>
        )}
        {e.affixes && e.affixes.length > 0 && (
          <>
            <dt>{t("safety.impostors.affixes")}</dt>
            <dd>{e.affixes.join(", ")}</dd>
          </>
        )}
        {e.excerpt && (
          <>
            <dt>
              {t(
                e.seenAs === "mentioned"
                  ? "safety.impostors.mentionedIn"
                  : "safety.impostors.wrote",
              )}
            </dt>
            <dd className="safety-text">{e.excerpt}</dd>
          </>
        )}
        <dt>{t("safety.impostors.seen")}</dt>
        <dd>
          {t("safety.impostors.seenTimes", {
            count: i.seenCount,
            first: formatDate(i.firstSeenAt),
            last: formatDate(i.lastSeenAt),
          })}
        </dd>
      </dl>
      <FormError error={decide.error} />
      {i.status === "suspected" ? (
        <div className="filters">
          <label className="inline-field grow">
            <span>{t("safety.impostors.note")}</span>
            <input value={note} maxLength={500} onChange={(ev) => setNote(ev.target.value)} />
          </label>
          <button
            type="button"
            className="button button-primary"
            disabled={decide.isPending}
            onClick={() => decide.mutate("confirm")}
            data-testid="impostor-confirm"
          >
            {t("safety.impostors.confirm")}
          </button>
          <button
            type="button"
            className="button button-quiet"
            disabled={decide.isPending}
            onClick={() => decide.mutate("dismiss")}
            data-testid="impostor-dismiss"
          >
            {t("safety.impostors.dismiss")}
          </button>
        </div>
      ) : (
        <p className="muted">
          {t(`safety.impostors.status.${i.status}` as MessageKey)} · {formatDate(i.decidedAt)}
        </p>
      )}
    </li>
  );
}
