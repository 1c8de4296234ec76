import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { MACRO_VARIABLES } from "../../../lib/render-macro.ts";
import { consoleApi, type Macro } from "../../api/console.ts";
import { problemFor } from "../../components/errors.ts";
import { FormError } from "../../components/Form.tsx";
import { useT } from "../../i18n/index.tsx";
import { macrosQuery, queryKeys } from "./queries.ts";

type Draft = {
  id?: string;
  title: string;
  body: string;
  scope: "personal" | "shared";
  status: "" | "open" | "pending" | "solved";
  tags: string;
};

const empty: Draft = { title: "", body: "", scope: "personal", status: "", tags: "" };

/** Create, change and delete macros, inside the composer's picker. */
export function MacroManager({ onClose }: { onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const macros = useQuery(macrosQuery);
  const [draft, setDraft] = useState<Draft>(empty);

  const save = useMutation({
    mutationFn: (d: Draft) => {
      const body = {
        title: d.title,
        body: d.body,
        scope: d.scope,
        actions: {
          ...(d.status ? { status: d.status } : {}),
          addTags: d.tags
            .split(/[,\s]+/)
            .map((x) => x.replace(/^#/, "").trim())
            .filter(Boolean),
        },
      };
      return d.id ? consoleApi.updateMacro(d.id, body) : consoleApi.createMacro(body);
    },
    onSuccess: () => {
      setDraft(empty);
      return queryClient.invalidateQueries({ queryKey: queryKeys.macros });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => consoleApi.deleteMacro(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.macros }),
  });

  const edit = (m: Macro) =>
    setDraft({
      id: m.id,
      title: m.title,
      body: m.body,
      scope: m.scope,
      status: m.actions.status ?? "",
      tags: (m.actions.addTags ?? []).join(", "),
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft);
  };

  return (
    <div className="macro-manager" data-testid="macro-manager">
      <div className="macro-manager-head">
        <h3>{t("console.macros.manage")}</h3>
        <button type="button" className="link-button" onClick={onClose}>
          {t("console.macros.back")}
        </button>
      </div>
      <ul className="macro-manage-list">
        {(macros.data ?? [])
          .filter((m) => m.editable)
          .map((m) => (
            <li key={m.id}>
              <span>
                {m.title}{" "}
                <span className="chip">
                  {t(m.scope === "shared" ? "console.macros.shared" : "console.macros.personal")}
                </span>
              </span>
              <span>
                <button type="button" className="link-button" onClick={() => edit(m)}>
                  {t("console.macros.edit")}
                </button>{" "}
                <button
                  type="button"
                  className="link-button is-danger"
                  onClick={() => {
                    if (window.confirm(t("console.macros.deleteConfirm", { title: m.title })))
                      remove.mutate(m.id);
                  }}
                >
                  {t("console.macros.delete")}
                </button>
              </span>
            </li>
          ))}
      </ul>
      <form className="macro-form" onSubmit={submit}>
        <FormError error={save.error ?? remove.error} fields={["title", "body"]} />
        <label>
          {t("console.macros.title")}
          <input
            value={draft.title}
            maxLength={120}
            required
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            aria-invalid={problemFor(t, save.error, "title") ? true : undefined}
          />
        </label>
        <label>
          {t("console.macros.body")}
          <textarea
            value={draft.body}
            rows={3}
            required
            maxLength={5000}
            onChange={(e) => setDraft({ ...draft, body: e.target.value })}
          />
        </label>
        {problemFor(t, save.error, "body") && (
          <p className="field-problem">{problemFor(t, save.error, "body")}</p>
        )}
        <p className="muted small">
          {t("console.macros.variables")} {MACRO_VARIABLES.map((v) => `{{${v}}}`).join(" ")}
        </p>
        <div className="macro-form-row">
          <label>
            {t("console.macros.scope")}
            <select
              value={draft.scope}
              onChange={(e) => setDraft({ ...draft, scope: e.target.value as Draft["scope"] })}
            >
              <option value="personal">{t("console.macros.personal")}</option>
              <option value="shared">{t("console.macros.shared")}</option>
            </select>
          </label>
          <label>
            {t("console.macros.statusAction")}
            <select
              value={draft.status}
              onChange={(e) => setDraft({ ...draft, status: e.target.value as Draft["status"] })}
            >
              <option value="">{t("console.macros.noStatus")}</option>
              <option value="open">{t("console.status.open")}</option>
              <option value="pending">{t("console.status.pending")}</option>
              <option value="solved">{t("console.status.solved")}</option>
            </select>
          </label>
          <label>
            {t("console.macros.tagsAction")}
            <input
              value={draft.tags}
              onChange={(e) => setDraft({ ...draft, tags: e.target.value })}
              placeholder="störung, router"
            />
          </label>
        </div>
        <div className="macro-form-row">
          <button
            type="submit"
            className="button button-primary button-small"
            disabled={save.isPending}
          >
            {t(draft.id ? "console.macros.save" : "console.macros.create")}
          </button>
          {draft.id && (
            <button type="button" className="link-button" onClick={() => setDraft(empty)}>
              {t("console.macros.cancel")}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
