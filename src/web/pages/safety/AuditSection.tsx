import { keepPreviousData, useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type AuditFilter, listAudit, verifyAudit } from "../../api/safety.ts";
import { FormError } from "../../components/Form.tsx";
import { LoadFailed, Loading } from "../../components/Layout.tsx";
import { useI18n } from "../../i18n/index.tsx";
import {
  EMPTY_AUDIT_FORM as EMPTY,
  type AuditForm as FormState,
  toAuditFilter,
} from "./helpers.ts";
import { LoadMore } from "./parts.tsx";

/** The tamper-evident audit log: who did what to what, when; and a chain check. */
export function AuditSection() {
  const { t, formatDate } = useI18n();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useInfiniteQuery({
    queryKey: ["safety", "audit", filter],
    queryFn: ({ pageParam }) => listAudit(filter, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: verifyAudit });
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilter(toAuditFilter(form));
  }
  const field = (name: keyof FormState, label: string, type = "text") => (
    <label className="inline-field">
      <span>{label}</span>
      <input
        type={type}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        data-testid={`audit-filter-${name}`}
      />
    </label>
  );

  return (
    <section className="panel" aria-labelledby="audit-title">
      <div className="panel-head">
        <h2 id="audit-title">{t("safety.audit.title")}</h2>
        <button
          type="button"
          className="button button-quiet"
          disabled={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {verify.isPending ? t("safety.audit.verifying") : t("safety.audit.verify")}
        </button>
      </div>
      <p className="muted">{t("safety.audit.lead")}</p>
      <FormError error={verify.error} />
      {verify.data && (
        <div
          className={`notice ${verify.data.ok ? "notice-success" : "notice-error"}`}
          role={verify.data.ok ? "status" : "alert"}
          data-testid="audit-verify-result"
        >
          <p>
            {verify.data.ok
              ? t("safety.audit.intact", { count: verify.data.count })
              : t("safety.audit.broken", {
                  id: verify.data.broken?.id ?? "?",
                  reason: verify.data.broken?.reason ?? "",
                  count: verify.data.count,
                })}
          </p>
        </div>
      )}
      <form className="filters" onSubmit={submit} data-testid="audit-filters">
        {field("actor", t("safety.audit.actor"))}
        {field("action", t("safety.audit.action"))}
        {field("targetType", t("safety.audit.targetType"))}
        {field("targetId", t("safety.audit.targetId"))}
        {field("from", t("safety.audit.from"), "date")}
        {field("to", t("safety.audit.to"), "date")}
        <button type="submit" className="button button-primary" data-testid="audit-apply">
          {t("safety.audit.apply")}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setForm(EMPTY);
            setFilter({});
          }}
        >
          {t("safety.audit.reset")}
        </button>
      </form>
      <p className="field-hint">{t("safety.audit.actionHint")}</p>
      <FormError error={events.error} fields={["actor", "action", "from", "to"]} />
      {events.isPending ? (
        <Loading />
      ) : events.isError && !events.data ? (
        <LoadFailed onRetry={() => void events.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">{t("safety.audit.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("safety.audit.when")}</th>
                <th scope="col">{t("safety.audit.actor")}</th>
                <th scope="col">{t("safety.audit.action")}</th>
                <th scope="col">{t("safety.audit.target")}</th>
                <th scope="col">{t("safety.audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-testid="audit-row">
                  <td className="muted">{e.id}</td>
                  <td className="nowrap">{formatDate(e.createdAt)}</td>
                  <td>{e.actor.label}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td className="muted">
                    {e.target.type ? `${e.target.type} ${e.target.id ?? ""}` : "—"}
                  </td>
                  <td>
                    <code className="audit-data">{JSON.stringify(e.data)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={events} />
    </section>
  );
}
