import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { initialsOf } from "../../../lib/signature.ts";
import {
  listSessions,
  removePhoto,
  revokeSession,
  type SessionInfo,
  updateMe,
  uploadPhoto,
} from "../../api/account.ts";
import type { Locale, User } from "../../api/auth.ts";
import { canUseConsole, sessionQuery, useSession } from "../../auth/session.ts";
import { useSignOut } from "../../auth/useAuthActions.ts";
import { problemFor } from "../../components/errors.ts";
import { Field, FormError, Notice, SubmitButton } from "../../components/Form.tsx";
import { Guard } from "../../components/Guard.tsx";
import { LoadFailed, Loading } from "../../components/Layout.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useI18n, useT } from "../../i18n/index.tsx";
import { isLocale } from "../../i18n/locale.ts";

/** Every IANA zone the browser knows (a short list where it cannot tell). */
function timeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  return (
    intl.supportedValuesOf?.("timeZone") ?? [
      "Europe/Berlin",
      "Europe/Vienna",
      "Europe/Zurich",
      "Europe/London",
      "UTC",
      "America/New_York",
    ]
  );
}

const SESSIONS_KEY = ["sessions"] as const;

export function AccountPage() {
  return (
    <Guard>
      <Account />
    </Guard>
  );
}

function Account() {
  const t = useT();
  const user = useSession()?.user;
  useDocumentTitle(t("account.title"));
  if (!user) return null;
  return (
    <div className="page page-narrow" data-testid="account">
      <h1>{t("account.title")}</h1>
      <ProfileForm user={user} />
      {canUseConsole(user.role) && <PublicProfileSection user={user} />}
      <SessionsSection />
    </div>
  );
}

function ProfileForm({ user }: { user: User }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [locale, setLocale] = useState<Locale | "">(user.locale ?? "");
  const staff = canUseConsole(user.role);
  const [signature, setSignature] = useState(user.signature ?? "");
  const [noSignature, setNoSignature] = useState(user.signature === "");
  const [timeZone, setTimeZone] = useState(user.timeZone ?? "");

  const mutation = useMutation({
    mutationFn: updateMe,
    onSuccess: (updated) =>
      queryClient.setQueryData(sessionQuery.queryKey, (old) =>
        old
          ? {
              ...old,
              user: {
                ...old.user,
                name: updated.name,
                locale: updated.locale,
                signature: updated.signature,
                effectiveSignature: updated.effectiveSignature,
                timeZone: updated.timeZone,
              },
            }
          : old,
      ),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({
      name: name.trim(),
      locale: locale || null,
      ...(staff
        ? {
            signature: noSignature ? "" : signature.trim() || null,
            timeZone: timeZone || null,
          }
        : {}),
    });
  }

  return (
    <section className="panel" aria-labelledby="profile-title">
      <h2 id="profile-title">{t("account.profile")}</h2>
      <form className="form" onSubmit={submit}>
        <FormError error={mutation.error} fields={["name"]} />
        {mutation.isSuccess && (
          <Notice kind="success">
            <p>{t("account.saved")}</p>
          </Notice>
        )}
        <dl className="facts">
          <div>
            <dt>{t("field.email")}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t("account.role")}</dt>
            <dd>{t(`role.${user.role}`)}</dd>
          </div>
        </dl>
        <Field
          label={t("field.name")}
          name="name"
          autoComplete="name"
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          problem={problemFor(t, mutation.error, "name")}
        />
        <div className="field">
          <label htmlFor="profile-locale">{t("account.locale")}</label>
          <select
            id="profile-locale"
            value={locale}
            onChange={(e) => setLocale(isLocale(e.target.value) ? e.target.value : "")}
          >
            <option value="">{t("account.localeUnset")}</option>
            <option value="de" lang="de">
              Deutsch
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
        </div>
        {staff && (
          <>
            <Field
              label={t("account.signature")}
              name="signature"
              maxLength={20}
              value={signature}
              disabled={noSignature}
              placeholder={`^${initialsOf(name)}`}
              hint={t("account.signatureHint", { initials: `^${initialsOf(name)}` })}
              onChange={(e) => setSignature(e.target.value)}
              problem={problemFor(t, mutation.error, "signature")}
              data-testid="profile-signature"
            />
            <label className="check">
              <input
                type="checkbox"
                checked={noSignature}
                onChange={(e) => setNoSignature(e.target.checked)}
              />{" "}
              {t("account.signatureNone")}
            </label>
            <div className="field">
              <label htmlFor="profile-timezone">{t("account.timeZone")}</label>
              <select
                id="profile-timezone"
                value={timeZone}
                onChange={(e) => setTimeZone(e.target.value)}
              >
                <option value="">
                  {t("account.timeZoneBrowser", {
                    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
                  })}
                </option>
                {timeZones().map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <div className="form-row">
          <SubmitButton
            busy={mutation.isPending}
            label={t("account.save")}
            busyLabel={t("account.saving")}
          />
        </div>
      </form>
    </section>
  );
}

/** What customers may see of an agent: photo and full name only with consent; skills. */
function PublicProfileSection({ user }: { user: User }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [skills, setSkills] = useState((user.skills ?? []).join(", "));
  const [showPhoto, setShowPhoto] = useState(user.showPhotoPublicly ?? false);
  const [showFullName, setShowFullName] = useState(user.showFullNamePublicly ?? false);
  const remember = (updated: User) =>
    queryClient.setQueryData(sessionQuery.queryKey, (old) =>
      old ? { ...old, user: { ...old.user, ...updated } } : old,
    );
  const save = useMutation({ mutationFn: updateMe, onSuccess: remember });
  const photo = useMutation({
    mutationFn: (file: File | null) => (file ? uploadPhoto(file) : removePhoto()),
    onSuccess: remember,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      skills: skills
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      showPhotoPublicly: showPhoto,
      showFullNamePublicly: showFullName,
    });
  }

  return (
    <section className="panel" aria-labelledby="public-profile-title">
      <h2 id="public-profile-title">{t("account.publicProfile")}</h2>
      <div className="profile-photo">
        {user.photoUrl ? (
          <img src={user.photoUrl} alt={t("account.photoAlt")} width={96} height={96} />
        ) : (
          <span className="avatar avatar-large" aria-hidden="true">
            {initialsOf(user.name)}
          </span>
        )}
        <div className="field">
          <label htmlFor="profile-photo">{t("account.photo")}</label>
          <input
            id="profile-photo"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            data-testid="profile-photo"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) photo.mutate(file);
              e.target.value = "";
            }}
          />
          <p className="hint">{t("account.photoHint")}</p>
          {user.photoUrl && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => photo.mutate(null)}
            >
              {t("account.photoRemove")}
            </button>
          )}
          <FormError error={photo.error} fields={[]} />
        </div>
      </div>
      <form className="form" onSubmit={submit}>
        <FormError error={save.error} fields={["skills"]} />
        {save.isSuccess && (
          <Notice kind="success">
            <p>{t("account.saved")}</p>
          </Notice>
        )}
        <Field
          label={t("account.skills")}
          name="skills"
          value={skills}
          hint={t("account.skillsHint")}
          onChange={(e) => setSkills(e.target.value)}
          problem={problemFor(t, save.error, "skills")}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={showPhoto}
            onChange={(e) => setShowPhoto(e.target.checked)}
            data-testid="consent-photo"
          />{" "}
          {t("account.consentPhoto")}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={showFullName}
            onChange={(e) => setShowFullName(e.target.checked)}
            data-testid="consent-name"
          />{" "}
          {t("account.consentName")}
        </label>
        <div className="form-row">
          <SubmitButton
            busy={save.isPending}
            label={t("account.save")}
            busyLabel={t("account.saving")}
          />
        </div>
      </form>
    </section>
  );
}

function SessionsSection() {
  const { t, formatDate } = useI18n();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: listSessions });

  const revoke = useMutation({
    mutationFn: (session: SessionInfo) => revokeSession(session.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });

  const everywhere = useMutation({
    mutationFn: async (all: SessionInfo[]) => {
      for (const session of all) {
        if (!session.current) await revokeSession(session.id);
      }
      await signOut();
    },
  });

  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t("account.sessions")}</h2>
      <FormError error={revoke.error ?? everywhere.error} />
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <LoadFailed onRetry={() => void sessions.refetch()} />
      ) : (
        <>
          <ul className="session-list">
            {sessions.data.map((session) => {
              const device =
                describeDevice(session.userAgent) ?? t("account.sessions.unknownDevice");
              return (
                <li key={session.id} className="session">
                  <div>
                    <p className="session-device">
                      {device}
                      {session.current && (
                        <span className="badge">{t("account.sessions.current")}</span>
                      )}
                    </p>
                    <p className="muted small">
                      {session.ip ? `${session.ip} · ` : ""}
                      {t("account.sessions.started")}: {formatDate(session.createdAt)} ·{" "}
                      {t("account.sessions.lastSeen")}: {formatDate(session.lastSeenAt)}
                    </p>
                  </div>
                  {!session.current && (
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      aria-label={t("account.sessions.revokeLabel", { device })}
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(session)}
                    >
                      {t("account.sessions.revoke")}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          <div className="form-row">
            <button
              type="button"
              className="button button-danger"
              disabled={everywhere.isPending}
              onClick={() => everywhere.mutate(sessions.data)}
            >
              {t("account.signOutEverywhere")}
            </button>
            <span className="muted small">{t("account.signOutEverywhereHint")}</span>
          </div>
        </>
      )}
    </section>
  );
}

/** A short "Browser on OS" label; the full user agent string means little to people. */
function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? userAgent.slice(0, 60);
}
