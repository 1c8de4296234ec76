import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import {
  type ApiToken,
  type CreatedApiToken,
  createToken,
  listTokens,
  revokeToken,
} from "../../api/account.ts";
import { problemFor } from "../../components/errors.ts";
import { FormError, SubmitButton } from "../../components/Form.tsx";
import { LoadFailed, Loading } from "../../components/Layout.tsx";
import { useI18n, useT } from "../../i18n/index.tsx";

const TOKENS_KEY = ["tokens"] as const;
const EXPIRY_DAYS = [30, 90, 365] as const;

export function TokensSection() {
  const t = useT();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: listTokens });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  return (
    <section className="panel" aria-labelledby="tokens-title">
      <div className="panel-head">
        <h2 id="tokens-title">{t("tokens.title")}</h2>
      </div>
      <p className="muted">{t("tokens.lead")}</p>
      {created ? (
        <CreatedToken token={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateTokenForm onCreated={setCreated} />
      )}
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <LoadFailed onRetry={() => void tokens.refetch()} />
      ) : (
        <TokensTable tokens={tokens.data} />
      )}
    </section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState("90");

  const mutation = useMutation({
    mutationFn: createToken,
    onSuccess: (token) => {
      setName("");
      onCreated(token);
      return queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const days = Number.parseInt(expiry, 10);
    mutation.mutate({ name: name.trim(), expiresInDays: Number.isFinite(days) ? days : undefined });
  }

  return (
    <form className="token-form" onSubmit={submit}>
      <FormError error={mutation.error} fields={[]} />
      <div className="filters">
        <label className="inline-field grow">
          <span>{t("tokens.name")}</span>
          <input
            required
            maxLength={120}
            value={name}
            placeholder={t("tokens.namePlaceholder")}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={problemFor(t, mutation.error, "name") ? true : undefined}
            data-testid="token-name"
          />
        </label>
        <label className="inline-field">
          <span>{t("tokens.expires")}</span>
          <select value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {EXPIRY_DAYS.map((days) => (
              <option key={days} value={String(days)}>
                {t("tokens.expiry.days", { days })}
              </option>
            ))}
            <option value="never">{t("tokens.expiry.never")}</option>
          </select>
        </label>
        <SubmitButton
          busy={mutation.isPending}
          label={t("tokens.create")}
          busyLabel={t("tokens.creating")}
          testId="token-create"
        />
      </div>
    </form>
  );
}

function CreatedToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(true);
    } catch {
      // Clipboard access can be refused; the field is selectable by hand.
    }
  }

  return (
    <div className="notice notice-success created-token" role="status" data-testid="token-created">
      <p>
        <strong>{t("tokens.createdTitle", { name: token.name })}</strong> {t("tokens.createdHint")}
      </p>
      <div className="copy-row">
        <input
          readOnly
          value={token.token}
          aria-label={t("tokens.createdTitle", { name: token.name })}
          onFocus={(e) => e.currentTarget.select()}
          className="mono"
          data-testid="token-value"
        />
        <button type="button" className="button button-quiet" onClick={() => void copy()}>
          {copied ? t("tokens.copied") : t("tokens.copy")}
        </button>
        <button type="button" className="button button-primary" onClick={onDone}>
          {t("tokens.dismiss")}
        </button>
      </div>
    </div>
  );
}

function TokensTable({ tokens }: { tokens: ApiToken[] }) {
  const { t, formatDate } = useI18n();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeToken(token.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });

  if (tokens.length === 0) return <p className="muted">{t("tokens.empty")}</p>;
  return (
    <>
      <FormError error={revoke.error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("tokens.name")}</th>
              <th scope="col">{t("tokens.prefix")}</th>
              <th scope="col">{t("tokens.createdAt")}</th>
              <th scope="col">{t("tokens.lastUsed")}</th>
              <th scope="col">{t("tokens.expires")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("tokens.revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} data-testid="token-row">
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td className="nowrap muted">{formatDate(token.createdAt)}</td>
                <td className="nowrap muted">
                  {token.lastUsedAt ? formatDate(token.lastUsedAt) : t("tokens.never")}
                </td>
                <td className="nowrap muted">
                  {token.expiresAt ? formatDate(token.expiresAt) : t("tokens.expiry.never")}
                </td>
                <td className="actions-cell">
                  <button
                    type="button"
                    className="button button-danger button-small"
                    aria-label={t("tokens.revokeLabel", { name: token.name })}
                    disabled={revoke.isPending && revoke.variables?.id === token.id}
                    onClick={() => {
                      if (window.confirm(t("tokens.revokeConfirm", { name: token.name }))) {
                        revoke.mutate(token);
                      }
                    }}
                  >
                    {t("tokens.revoke")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
