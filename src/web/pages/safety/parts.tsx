import type { UseInfiniteQueryResult } from "@tanstack/react-query";
import type { ChannelKind } from "../../api/safety.ts";
import { useT } from "../../i18n/index.tsx";

const CHANNELS: ChannelKind[] = ["x", "facebook", "community", "email"];

export function ChannelFilter({
  value,
  onChange,
}: {
  value: ChannelKind | undefined;
  onChange: (value: ChannelKind | undefined) => void;
}) {
  const t = useT();
  return (
    <search className="filters">
      <label className="inline-field">
        <span>{t("safety.channel")}</span>
        <select
          value={value ?? ""}
          onChange={(e) => {
            const v = e.target.value;
            onChange(CHANNELS.includes(v as ChannelKind) ? (v as ChannelKind) : undefined);
          }}
        >
          <option value="">{t("safety.allChannels")}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c === "x" ? "X" : c === "facebook" ? "Facebook" : t(`safety.channel.${c}`)}
            </option>
          ))}
        </select>
      </label>
    </search>
  );
}

export function LoadMore({ query }: { query: UseInfiniteQueryResult<unknown, Error> }) {
  const t = useT();
  if (!query.hasNextPage) return null;
  return (
    <button
      type="button"
      className="button button-quiet"
      disabled={query.isFetchingNextPage}
      onClick={() => void query.fetchNextPage()}
    >
      {query.isFetchingNextPage ? t("app.loading") : t("safety.loadMore")}
    </button>
  );
}
