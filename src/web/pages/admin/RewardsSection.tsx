import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import {
  createReward,
  decideRedemption,
  listRedemptions,
  listRewards,
  type Redemption,
  type RedemptionAction,
} from "../../api/rewards.ts";
import { FormError, Notice } from "../../components/Form.tsx";
import { LoadFailed, Loading } from "../../components/Layout.tsx";
import { useI18n } from "../../i18n/index.tsx";

/** Rewards: the catalogue and the requests waiting for a decision (see docs/reputation.md). */
export function RewardsSection() {
  const { t } = useI18n();
  const rewards = useQuery({ queryKey: ["admin", "rewards"], queryFn: listRewards });
  const open = useQuery({
    queryKey: ["admin", "redemptions"],
    queryFn: async () => [
      ...(await listRedemptions("requested")),
      ...(await listRedemptions("approved")),
    ],
  });

  return (
    <section className="panel" aria-labelledby="rewards-title">
      <div className="panel-head">
        <h2 id="rewards-title">{t("admin.rewards.title")}</h2>
      </div>
      <h3>{t("admin.rewards.requests")}</h3>
      {open.isPending ? (
        <Loading />
      ) : open.isError ? (
        <LoadFailed onRetry={() => void open.refetch()} />
      ) : (
        <RequestsTable items={open.data} />
      )}
      <h3>{t("admin.rewards.catalogue")}</h3>
      {rewards.isPending ? (
        <Loading />
      ) : rewards.isError ? (
        <LoadFailed onRetry={() => void rewards.refetch()} />
      ) : rewards.data.length === 0 ? (
        <p className="muted">{t("admin.rewards.noRewards")}</p>
      ) : (
        <ul>
          {rewards.data.map((r) => (
            <li key={r.id}>
              <strong>{r.name}</strong> ·{" "}
              {r.pricePoints !== null
                ? t("admin.rewards.price", { points: r.pricePoints })
                : t("admin.rewards.topHelpers", { count: r.topHelpersOfMonth ?? 0 })}{" "}
              · {t("admin.rewards.stock", { count: r.stock })}
              {!r.active && <span className="badge">{t("admin.rewards.inactive")}</span>}
            </li>
          ))}
        </ul>
      )}
      <NewRewardForm />
    </section>
  );
}

function RequestsTable({ items }: { items: Redemption[] }) {
  const { t, formatDate } = useI18n();
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: ({ id, action }: { id: string; action: RedemptionAction }) =>
      decideRedemption(id, action, messages[id]?.trim() ?? ""),
    onMutate: () => setDone(null),
    onSuccess: (r) => {
      setDone(
        t("admin.rewards.decided", {
          reward: r.reward.name,
          name: r.user.name,
          status: t(`admin.rewards.status.${r.status}`),
        }),
      );
      return queryClient.invalidateQueries({ queryKey: ["admin"] });
    },
  });

  return (
    <>
      <FormError error={mutation.error} />
      {done && (
        <Notice kind="success">
          <p>{done}</p>
        </Notice>
      )}
      {items.length === 0 ? (
        <p className="muted">{t("admin.rewards.noRequests")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("admin.rewards.reward")}</th>
                <th scope="col">{t("admin.rewards.member")}</th>
                <th scope="col">{t("admin.rewards.statusLabel")}</th>
                <th scope="col">{t("admin.rewards.requested")}</th>
                <th scope="col">{t("admin.rewards.message")}</th>
                <th scope="col">{t("admin.channels.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => {
                const pending = mutation.isPending && mutation.variables?.id === r.id;
                const act = (action: RedemptionAction) => mutation.mutate({ id: r.id, action });
                return (
                  <tr key={r.id} data-testid="admin-redemption-row">
                    <td>{r.reward.name}</td>
                    <td>{r.user.name}</td>
                    <td>{t(`admin.rewards.status.${r.status}`)}</td>
                    <td className="nowrap muted">{formatDate(r.createdAt)}</td>
                    <td>
                      <input
                        aria-label={t("admin.rewards.messageFor", { name: r.user.name })}
                        value={messages[r.id] ?? ""}
                        maxLength={1000}
                        onChange={(e) => setMessages({ ...messages, [r.id]: e.target.value })}
                      />
                    </td>
                    <td className="nowrap">
                      {r.status === "requested" && (
                        <button type="button" disabled={pending} onClick={() => act("approve")}>
                          {t("admin.rewards.approve")}
                        </button>
                      )}
                      {r.status === "approved" && (
                        <button type="button" disabled={pending} onClick={() => act("ship")}>
                          {t("admin.rewards.ship")}
                        </button>
                      )}{" "}
                      <button type="button" disabled={pending} onClick={() => act("decline")}>
                        {t("admin.rewards.decline")}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function NewRewardForm() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [stock, setStock] = useState("1");
  const [price, setPrice] = useState("");
  const mutation = useMutation({
    mutationFn: () =>
      createReward({
        name: name.trim(),
        description,
        stock: Number(stock),
        ...(price ? { pricePoints: Number(price) } : {}),
      }),
    onSuccess: () => {
      setName("");
      setDescription("");
      setPrice("");
      return queryClient.invalidateQueries({ queryKey: ["admin", "rewards"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  return (
    <form className="filters" onSubmit={submit} aria-labelledby="new-reward-title">
      <h3 id="new-reward-title">{t("admin.rewards.add")}</h3>
      <FormError error={mutation.error} />
      <label className="inline-field">
        <span>{t("field.name")}</span>
        <input value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="inline-field">
        <span>{t("admin.rewards.description")}</span>
        <input
          value={description}
          maxLength={2000}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <label className="inline-field">
        <span>{t("admin.rewards.stockLabel")}</span>
        <input
          type="number"
          min={0}
          value={stock}
          required
          onChange={(e) => setStock(e.target.value)}
        />
      </label>
      <label className="inline-field">
        <span>{t("admin.rewards.priceLabel")}</span>
        <input
          type="number"
          min={1}
          value={price}
          required
          onChange={(e) => setPrice(e.target.value)}
        />
      </label>
      <button type="submit" disabled={mutation.isPending}>
        {t("admin.rewards.add")}
      </button>
    </form>
  );
}
