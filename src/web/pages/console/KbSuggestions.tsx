import { useQuery } from "@tanstack/react-query";
import type { SuggestedArticle } from "../../api/kb.ts";
import { kbApi } from "../../api/kb.ts";
import { useT } from "../../i18n/index.tsx";

/** Suggested help articles for the open conversation's latest inbound message. */
export function useKbSuggestions(conversationId: string, lastInboundAt: string | undefined) {
  return useQuery({
    // A new inbound message changes what fits, so it is part of the key.
    queryKey: ["kb-suggestions", conversationId, lastInboundAt ?? ""],
    queryFn: ({ signal }) => kbApi.conversationSuggestions(conversationId, signal),
    staleTime: 60_000,
  });
}

/**
 * The suggestion strip above the reply box: each article with a button that inserts its
 * short link; Alt+1…3 in the reply box does the same.
 */
export function KbSuggestions({
  articles,
  onInsert,
  busy,
}: {
  articles: SuggestedArticle[];
  onInsert: (article: SuggestedArticle) => void;
  busy: boolean;
}) {
  const t = useT();
  if (!articles.length) return null;
  return (
    <section
      className="kb-suggestions"
      aria-label={t("console.kb.title")}
      data-testid="kb-suggestions"
    >
      <h3 className="small muted">{t("console.kb.title")}</h3>
      <ol>
        {articles.map((a, i) => (
          <li key={a.id} data-testid="kb-suggestion">
            <button
              type="button"
              className="link-button"
              disabled={busy}
              onClick={() => onInsert(a)}
              title={t("console.kb.keyHint", { n: String(i + 1) })}
            >
              <kbd>Alt+{i + 1}</kbd> {a.title}
            </button>{" "}
            <a href={a.url} target="_blank" rel="noreferrer" className="small muted">
              {t("console.kb.open")}
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}
