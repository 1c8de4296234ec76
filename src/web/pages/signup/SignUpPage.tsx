import { useMutation } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { signUp } from "../../api/auth.ts";
import { PASSWORD_MIN_LENGTH } from "../../auth/session.ts";
import { useAcceptSession } from "../../auth/useAuthActions.ts";
import { problemFor } from "../../components/errors.ts";
import { Field, FormError, SubmitButton } from "../../components/Form.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useI18n } from "../../i18n/index.tsx";

export function SignUpPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const acceptSession = useAcceptSession();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  useDocumentTitle(t("signup.title"));

  const mutation = useMutation({
    mutationFn: signUp,
    onSuccess: async (session) => {
      acceptSession(session);
      await navigate({ to: "/", replace: true });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ name: name.trim(), email: email.trim(), password, locale });
  }

  const error = mutation.error;
  return (
    <section className="auth-card" aria-labelledby="signup-title">
      <h1 id="signup-title">{t("signup.title")}</h1>
      <p className="muted">{t("signup.lead")}</p>
      <form onSubmit={submit} className="form">
        <FormError error={error} fields={["name", "email", "password"]} />
        <Field
          label={t("field.name")}
          name="name"
          autoComplete="name"
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          problem={problemFor(t, error, "name")}
          data-testid="signup-name"
        />
        <Field
          label={t("field.email")}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          problem={problemFor(t, error, "email")}
          data-testid="signup-email"
        />
        <Field
          label={t("field.password")}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          hint={t("signup.passwordHint", { min: PASSWORD_MIN_LENGTH })}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          problem={problemFor(t, error, "password")}
          data-testid="signup-password"
        />
        <div className="form-row">
          <SubmitButton
            busy={mutation.isPending}
            label={t("signup.submit")}
            busyLabel={t("signup.submitting")}
            testId="signup-submit"
          />
        </div>
      </form>
      <p className="auth-switch">
        {t("signup.haveAccount")} <Link to="/signin">{t("signup.signIn")}</Link>
      </p>
    </section>
  );
}
