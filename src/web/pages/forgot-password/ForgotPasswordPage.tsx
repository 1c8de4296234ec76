import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { requestPasswordReset } from "../../api/auth.ts";
import { ApiError } from "../../api/client.ts";
import { problemFor } from "../../components/errors.ts";
import { Field, FormError, Notice, SubmitButton } from "../../components/Form.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useI18n } from "../../i18n/index.tsx";

/** Errors worth showing; anything else still gets the neutral "if an account exists" answer. */
function isActionable(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 0 || error.status === 429 || error.code === "validation_failed")
  );
}

export function ForgotPasswordPage() {
  const { t, locale } = useI18n();
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  useDocumentTitle(t("forgot.title"));

  const mutation = useMutation({
    mutationFn: requestPasswordReset,
    onSettled: (_data, error, variables) => {
      if (!error || !isActionable(error)) setSentTo(variables.email);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ email: email.trim(), locale });
  }

  const error = mutation.error && isActionable(mutation.error) ? mutation.error : null;
  return (
    <section className="auth-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("forgot.title")}</h1>
      {sentTo ? (
        <Notice kind="success" testId="reset-sent">
          <p>{t("forgot.sent", { email: sentTo })}</p>
        </Notice>
      ) : (
        <>
          <p className="muted">{t("forgot.lead")}</p>
          <form onSubmit={submit} className="form">
            <FormError error={error} fields={["email"]} />
            <Field
              label={t("field.email")}
              type="email"
              name="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              problem={problemFor(t, error, "email")}
              data-testid="forgot-email"
            />
            <div className="form-row">
              <SubmitButton
                busy={mutation.isPending}
                label={t("forgot.submit")}
                busyLabel={t("forgot.submitting")}
                testId="forgot-submit"
              />
            </div>
          </form>
        </>
      )}
      <p className="auth-switch">
        <Link to="/signin">{t("forgot.backToSignIn")}</Link>
      </p>
    </section>
  );
}
