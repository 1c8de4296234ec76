import { useMutation } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { signIn } from "../../api/auth.ts";
import { homeFor, safeNextPath } from "../../auth/session.ts";
import { useAcceptSession } from "../../auth/useAuthActions.ts";
import { problemFor } from "../../components/errors.ts";
import { Field, FormError, SubmitButton } from "../../components/Form.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useT } from "../../i18n/index.tsx";

const route = getRouteApi("/signin");

export function SignInPage() {
  const t = useT();
  const { next } = route.useSearch();
  const navigate = useNavigate();
  const acceptSession = useAcceptSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  useDocumentTitle(t("signin.title"));

  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: async (session) => {
      acceptSession(session);
      await navigate({ href: safeNextPath(next) ?? homeFor(session.user.role), replace: true });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ email: email.trim(), password });
  }

  const error = mutation.error;
  return (
    <section className="auth-card" aria-labelledby="signin-title">
      <h1 id="signin-title">{t("signin.title")}</h1>
      <p className="muted">{t("signin.lead")}</p>
      <form onSubmit={submit} className="form">
        <FormError error={error} fields={["email", "password"]} />
        <Field
          label={t("field.email")}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          problem={problemFor(t, error, "email")}
          data-testid="signin-email"
        />
        <Field
          label={t("field.password")}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          problem={problemFor(t, error, "password")}
          data-testid="signin-password"
        />
        <div className="form-row">
          <SubmitButton
            busy={mutation.isPending}
            label={t("signin.submit")}
            busyLabel={t("signin.submitting")}
            testId="signin-submit"
          />
          <Link to="/forgot-password" className="subtle-link">
            {t("signin.forgot")}
          </Link>
        </div>
      </form>
      <p className="auth-switch">
        {t("signin.noAccount")} <Link to="/signup">{t("signin.signUp")}</Link>
      </p>
    </section>
  );
}
