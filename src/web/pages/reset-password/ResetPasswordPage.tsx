import { useMutation, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { confirmPasswordReset } from "../../api/auth.ts";
import { PASSWORD_MIN_LENGTH, sessionQuery } from "../../auth/session.ts";
import { problemFor } from "../../components/errors.ts";
import { Field, FormError, Notice, SubmitButton } from "../../components/Form.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useT } from "../../i18n/index.tsx";

const route = getRouteApi("/reset-password");

export function ResetPasswordPage() {
  const t = useT();
  const { token } = route.useSearch();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState("");
  useDocumentTitle(t("reset.title"));

  const mutation = useMutation({
    mutationFn: confirmPasswordReset,
    // The server signs out every session of that account, possibly this one.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (token) mutation.mutate({ token, password });
  }

  return (
    <section className="auth-card" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("reset.title")}</h1>
      {!token ? (
        <>
          <Notice>
            <p>{t("reset.missingToken")}</p>
          </Notice>
          <p className="auth-switch">
            <Link to="/forgot-password">{t("reset.requestNew")}</Link>
          </p>
        </>
      ) : mutation.isSuccess ? (
        <>
          <Notice kind="success" testId="reset-done">
            <p>{t("reset.done")}</p>
          </Notice>
          <p>
            <Link to="/signin" className="button button-primary">
              {t("reset.signIn")}
            </Link>
          </p>
        </>
      ) : (
        <form onSubmit={submit} className="form">
          <FormError error={mutation.error} fields={["password"]} />
          <Field
            label={t("reset.newPassword")}
            type="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            hint={t("signup.passwordHint", { min: PASSWORD_MIN_LENGTH })}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            problem={problemFor(t, mutation.error, "password")}
            data-testid="reset-password"
          />
          <div className="form-row">
            <SubmitButton
              busy={mutation.isPending}
              label={t("reset.submit")}
              busyLabel={t("reset.submitting")}
              testId="reset-submit"
            />
            {mutation.error ? (
              <Link to="/forgot-password" className="subtle-link">
                {t("reset.requestNew")}
              </Link>
            ) : null}
          </div>
        </form>
      )}
    </section>
  );
}
