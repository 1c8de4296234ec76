import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import {
  type Channel,
  createChannel,
  listAlerts,
  listChannels,
  listDeadLetters,
  type NewChannel,
  replayEvent,
  setChannelStatus,
} from "../../api/channels.ts";
import { problemFor } from "../../components/errors.ts";
import { Field, FormError, SubmitButton } from "../../components/Form.tsx";
import { LoadFailed, Loading } from "../../components/Layout.tsx";
import { useI18n, useT } from "../../i18n/index.tsx";

const CHANNELS_KEY = ["admin", "channels"] as const;
const DEAD_KEY = ["admin", "dead-letters"] as const;
const ALERTS_KEY = ["admin", "alerts"] as const;

/** Connected X accounts and Facebook pages, the pipeline's dead letters, and alerts. */
export function ChannelsSection() {
  const t = useT();
  const { formatDate } = useI18n();
  const queryClient = useQueryClient();
  const channels = useQuery({ queryKey: CHANNELS_KEY, queryFn: listChannels });
  const dead = useQuery({ queryKey: DEAD_KEY, queryFn: listDeadLetters });
  const alerts = useQuery({ queryKey: ALERTS_KEY, queryFn: listAlerts });
  const toggle = useMutation({
    mutationFn: (c: Channel) =>
      setChannelStatus(c.id, c.status === "active" ? "disabled" : "active"),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CHANNELS_KEY }),
  });
  const replay = useMutation({
    mutationFn: replayEvent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DEAD_KEY }),
  });

  return (
    <section className="panel" aria-labelledby="channels-title" data-testid="channels-section">
      <div className="panel-head">
        <h2 id="channels-title">{t("admin.channels.title")}</h2>
      </div>
      <p className="muted">{t("admin.channels.lead")}</p>
      {channels.isPending ? (
        <Loading />
      ) : channels.isError ? (
        <LoadFailed onRetry={() => void channels.refetch()} />
      ) : channels.data.length === 0 ? (
        <p className="muted">{t("admin.channels.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("admin.channels.name")}</th>
                <th scope="col">{t("admin.channels.kind")}</th>
                <th scope="col">{t("admin.channels.accountId")}</th>
                <th scope="col">{t("admin.channels.status")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("admin.channels.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {channels.data.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.kind === "x" ? "X" : "Facebook"}</td>
                  <td>
                    <code>{c.externalId}</code>
                  </td>
                  <td>
                    {c.status === "active"
                      ? t("admin.channels.active")
                      : t("admin.channels.disabled")}
                    {c.disabledReason ? <div className="muted">{c.disabledReason}</div> : null}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      onClick={() => toggle.mutate(c)}
                      disabled={toggle.isPending}
                    >
                      {c.status === "active"
                        ? t("admin.channels.disable")
                        : t("admin.channels.enable")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConnectChannelForm />

      <h3>{t("admin.alerts.title")}</h3>
      {alerts.data?.length ? (
        <ul className="alert-list">
          {alerts.data.map((a) => (
            <li key={a.id} className={a.severity === "critical" ? "notice notice-error" : "notice"}>
              <strong>{formatDate(a.createdAt)}</strong> {a.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("admin.alerts.empty")}</p>
      )}

      <h3>{t("admin.deadLetters.title")}</h3>
      {dead.data?.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("admin.channels.kind")}</th>
                <th scope="col">{t("admin.deadLetters.received")}</th>
                <th scope="col">{t("admin.deadLetters.reason")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("admin.channels.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {dead.data.map((e) => (
                <tr key={e.id}>
                  <td>{e.id}</td>
                  <td>{e.platform}</td>
                  <td>{formatDate(e.receivedAt)}</td>
                  <td>{e.lastError}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      onClick={() => replay.mutate(e.id)}
                    >
                      {t("admin.deadLetters.replay")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("admin.deadLetters.empty")}</p>
      )}
    </section>
  );
}

function ConnectChannelForm() {
  const t = useT();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<"x" | "facebook">("x");
  const [values, setValues] = useState<Record<string, string>>({});
  const set = (key: string) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const mutation = useMutation({
    mutationFn: createChannel,
    onSuccess: () => {
      setValues({});
      return queryClient.invalidateQueries({ queryKey: CHANNELS_KEY });
    },
  });
  const v = (key: string) => values[key] ?? "";

  function submit(event: FormEvent) {
    event.preventDefault();
    const apiBaseUrl = v("apiBaseUrl").trim() || undefined;
    const input: NewChannel =
      kind === "x"
        ? {
            kind,
            handle: v("handle"),
            userId: v("userId"),
            consumerSecret: v("consumerSecret"),
            accessToken: v("accessToken"),
            apiBaseUrl,
          }
        : {
            kind,
            pageId: v("pageId"),
            appSecret: v("appSecret"),
            verifyToken: v("verifyToken"),
            pageToken: v("pageToken"),
            apiBaseUrl,
          };
    mutation.mutate(input);
  }

  const fields =
    kind === "x"
      ? (["handle", "userId", "consumerSecret", "accessToken"] as const)
      : (["pageId", "appSecret", "verifyToken", "pageToken"] as const);

  return (
    <form className="channel-form" onSubmit={submit} data-testid="channel-form">
      <h3>{t("admin.channels.connect")}</h3>
      <FormError error={mutation.error} fields={[...fields, "apiBaseUrl"]} />
      <label className="inline-field">
        <span>{t("admin.channels.kind")}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as "x" | "facebook")}>
          <option value="x">X</option>
          <option value="facebook">Facebook</option>
        </select>
      </label>
      {fields.map((f) => (
        <Field
          key={f}
          label={t(`admin.channels.field.${f}`)}
          required
          type={/Secret|Token/.test(f) ? "password" : "text"}
          autoComplete="off"
          value={v(f)}
          onChange={set(f)}
          problem={problemFor(t, mutation.error, f)}
        />
      ))}
      <Field
        label={t("admin.channels.field.apiBaseUrl")}
        hint={t("admin.channels.field.apiBaseUrlHint")}
        value={v("apiBaseUrl")}
        onChange={set("apiBaseUrl")}
        problem={problemFor(t, mutation.error, "apiBaseUrl")}
      />
      <SubmitButton
        busy={mutation.isPending}
        label={t("admin.channels.connectButton")}
        busyLabel={t("admin.channels.connecting")}
        testId="channel-create"
      />
    </form>
  );
}
