import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { type Article, type ArticleInput, type ArticleStatus, kbAdminApi } from "../../api/kb.ts";
import { canUseConsole, useSessionQuery } from "../../auth/session.ts";
import { FormError } from "../../components/Form.tsx";
import { Guard } from "../../components/Guard.tsx";
import { LoadFailed, Loading } from "../../components/Layout.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useI18n, useT } from "../../i18n/index.tsx";

const LIST_KEY = ["kb", "articles"] as const;
const EMPTY: ArticleInput = {
  title: "",
  summary: "",
  body: "",
  language: "de",
  category: null,
  tags: [],
  faq: false,
};

/** The team's knowledge-base desk: articles by status, the editor, workflow and revisions. */
export function KnowledgePage() {
  return (
    <Guard allow={canUseConsole}>
      <KnowledgeDesk />
    </Guard>
  );
}

function KnowledgeDesk() {
  const t = useT();
  useDocumentTitle(t("kb.title"));
  const list = useQuery({ queryKey: LIST_KEY, queryFn: kbAdminApi.list });
  const attention = useQuery({ queryKey: ["kb", "attention"], queryFn: kbAdminApi.attention });
  const [selected, setSelected] = useState<string | "new" | null>(null);
  return (
    <div className="page kb-desk" data-testid="kb-desk">
      <div className="panel-head">
        <h1>{t("kb.title")}</h1>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setSelected("new")}
          data-testid="kb-new"
        >
          {t("kb.new")}
        </button>
      </div>
      <div className="kb-columns">
        <section className="panel" aria-labelledby="kb-list-title">
          <h2 id="kb-list-title">{t("kb.articles")}</h2>
          {list.isPending ? (
            <Loading />
          ) : list.isError ? (
            <LoadFailed onRetry={() => void list.refetch()} />
          ) : (
            <ul className="kb-list">
              {list.data.items.map((a) => (
                <li key={a.id}>
                  <button
                    type="button"
                    className="link-button"
                    aria-current={selected === a.id || undefined}
                    onClick={() => setSelected(a.id)}
                  >
                    {a.title}
                  </button>{" "}
                  <span className="badge">{t(`kb.status.${a.status}`)}</span>{" "}
                  <span className="muted small">
                    {a.language} ·{" "}
                    {t("kb.stats", {
                      yes: String(a.helpfulYes),
                      no: String(a.helpfulNo),
                      views: String(a.viewCount),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {attention.data && attention.data.articles.length > 0 && (
            <>
              <h2>{t("kb.attention")}</h2>
              <ul className="kb-list">
                {attention.data.articles.map((a) => (
                  <li key={a.id}>
                    <button type="button" className="link-button" onClick={() => setSelected(a.id)}>
                      {a.title}
                    </button>{" "}
                    <span className="muted small">
                      {a.reasons.map((r) => t(`kb.reason.${r}`)).join(", ")}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {attention.data && attention.data.failedQueries.length > 0 && (
            <>
              <h2>{t("kb.failedQueries")}</h2>
              <ul className="kb-list">
                {attention.data.failedQueries.map((q) => (
                  <li key={q.query}>
                    „{q.query}“ <span className="muted small">× {q.searches}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        {selected && (
          <Editor
            key={selected}
            id={selected === "new" ? null : selected}
            onSaved={(article) => setSelected(article.id)}
          />
        )}
      </div>
    </div>
  );
}

function Editor({ id, onSaved }: { id: string | null; onSaved: (a: Article) => void }) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const article = useQuery({
    queryKey: ["kb", "article", id],
    queryFn: () => kbAdminApi.get(id!),
    enabled: id !== null,
  });
  const categories = useQuery({ queryKey: ["kb", "categories"], queryFn: kbAdminApi.categories });
  // Publishing, unpublishing and archiving are for moderators and admins (kb.policy.ts).
  const role = useSessionQuery().data?.user.role;
  const canPublish = role === "moderator" || role === "admin";
  const [form, setForm] = useState<ArticleInput>(EMPTY);
  const [publishAt, setPublishAt] = useState("");
  useEffect(() => {
    const a = article.data;
    if (!a) return;
    setForm({
      title: a.title,
      summary: a.summary,
      body: a.body,
      language: a.language,
      category: a.category?.slug ?? null,
      tags: a.tags,
      faq: a.faq,
    });
  }, [article.data]);

  const refresh = async (saved: Article) => {
    queryClient.setQueryData(["kb", "article", saved.id], saved);
    await queryClient.invalidateQueries({ queryKey: ["kb"] });
    onSaved(saved);
  };
  const save = useMutation({
    mutationFn: () => (id ? kbAdminApi.update(id, form) : kbAdminApi.create(form)),
    onSuccess: refresh,
  });
  const move = useMutation({
    mutationFn: (status: ArticleStatus) =>
      kbAdminApi.setStatus(id!, {
        status,
        ...(status === "published" && publishAt
          ? { publishAt: new Date(publishAt).toISOString() }
          : {}),
      }),
    onSuccess: refresh,
  });

  if (id && article.isPending) return <Loading />;
  if (id && article.isError) return <LoadFailed onRetry={() => void article.refetch()} />;
  const current = article.data;
  const set = <K extends keyof ArticleInput>(key: K, value: ArticleInput[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <section className="panel kb-editor" aria-labelledby="kb-editor-title" data-testid="kb-editor">
      <h2 id="kb-editor-title">{current ? current.title : t("kb.new")}</h2>
      {current && (
        <p className="muted small">
          {t(`kb.status.${current.status}`)}
          {current.publishAt && !current.public && current.status === "published"
            ? ` · ${t("kb.scheduledFor", { date: new Date(current.publishAt).toLocaleString(locale) })}`
            : ""}{" "}
          · <a href={current.url}>{current.url}</a> ·{" "}
          {t("kb.revision", { n: String(current.revision) })}
        </p>
      )}
      <form className="stack" onSubmit={submit}>
        <FormError error={save.error ?? move.error} />
        <label>
          {t("kb.field.title")}
          <input
            value={form.title}
            onChange={(e) => set("title", e.target.value)}
            required
            data-testid="kb-title"
          />
        </label>
        <label>
          {t("kb.field.summary")}
          <input value={form.summary} onChange={(e) => set("summary", e.target.value)} />
        </label>
        <div className="inline-fields">
          <label>
            {t("kb.field.language")}
            <select
              value={form.language}
              disabled={Boolean(current)}
              onChange={(e) => set("language", e.target.value as "de" | "en")}
            >
              <option value="de">Deutsch</option>
              <option value="en">English</option>
            </select>
          </label>
          <label>
            {t("kb.field.category")}
            <select
              value={form.category ?? ""}
              onChange={(e) => set("category", e.target.value || null)}
            >
              <option value="">—</option>
              {categories.data?.items.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {locale === "en" ? c.nameEn : c.nameDe}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("kb.field.tags")}
            <input
              value={form.tags.join(", ")}
              onChange={(e) =>
                set(
                  "tags",
                  e.target.value
                    .split(",")
                    .map((x) => x.trim())
                    .filter(Boolean),
                )
              }
            />
          </label>
          <label className="kb-check">
            <input
              type="checkbox"
              checked={form.faq}
              onChange={(e) => set("faq", e.target.checked)}
            />
            {t("kb.field.faq")}
          </label>
        </div>
        <label>
          {t("kb.field.body")}
          <textarea
            rows={14}
            value={form.body}
            onChange={(e) => set("body", e.target.value)}
            required
            data-testid="kb-body"
          />
        </label>
        <div className="button-row">
          <button
            type="submit"
            className="button button-primary"
            disabled={save.isPending}
            data-testid="kb-save"
          >
            {t("kb.save")}
          </button>
          {current &&
            (current.status === "draft" || (current.status === "published" && canPublish)) && (
              <button
                type="button"
                className="button"
                onClick={() => move.mutate(current.status === "draft" ? "review" : "draft")}
              >
                {t(current.status === "draft" ? "kb.toReview" : "kb.unpublish")}
              </button>
            )}
          {current && canPublish && current.status !== "published" && (
            <>
              <label className="inline-field">
                {t("kb.publishAt")}
                <input
                  type="datetime-local"
                  value={publishAt}
                  onChange={(e) => setPublishAt(e.target.value)}
                />
              </label>
              <button
                type="button"
                className="button"
                onClick={() => move.mutate("published")}
                data-testid="kb-publish"
              >
                {t(publishAt ? "kb.schedule" : "kb.publish")}
              </button>
            </>
          )}
          {current && canPublish && current.status === "published" && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => move.mutate("archived")}
            >
              {t("kb.archive")}
            </button>
          )}
        </div>
      </form>
      {current && <Revisions id={current.id} revision={current.revision} onRestored={refresh} />}
    </section>
  );
}

function Revisions({
  id,
  revision,
  onRestored,
}: {
  id: string;
  revision: number;
  onRestored: (a: Article) => Promise<void>;
}) {
  const t = useT();
  const { locale } = useI18n();
  const list = useQuery({
    queryKey: ["kb", "revisions", id, revision],
    queryFn: () => kbAdminApi.revisions(id),
  });
  const restore = useMutation({
    mutationFn: (n: number) => kbAdminApi.restore(id, n),
    onSuccess: onRestored,
  });
  if (!list.data) return null;
  return (
    <details className="kb-revisions">
      <summary>{t("kb.revisions", { n: String(list.data.items.length) })}</summary>
      <ol>
        {list.data.items.map((r) => (
          <li key={r.number}>
            <strong>#{r.number}</strong> {r.author?.name ?? "—"} ·{" "}
            {new Date(r.createdAt).toLocaleString(locale)}
            {r.restoredFrom ? ` · ${t("kb.restoredFrom", { n: String(r.restoredFrom) })}` : ""}
            {r.number !== revision && (
              <button
                type="button"
                className="link-button"
                onClick={() => restore.mutate(r.number)}
                disabled={restore.isPending}
              >
                {t("kb.restore")}
              </button>
            )}
            {r.diff && <pre className="kb-diff">{r.diff}</pre>}
          </li>
        ))}
      </ol>
    </details>
  );
}
