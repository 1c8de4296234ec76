import { type InputHTMLAttributes, type ReactNode, useId } from "react";
import type { FieldProblem } from "../api/client.ts";
import { useT } from "../i18n/index.tsx";
import { describeError, describeFieldProblem, fieldProblems } from "./errors.ts";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  hint?: string;
  problem?: string;
}

/** A labelled input whose hint and error are announced together with it. */
export function Field({ label, hint, problem, ...input }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [hint ? hintId : null, problem ? problemId : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={problemId} className="field-problem">
          {problem}
        </p>
      )}
    </div>
  );
}

/**
 * The summary of a failed request. Field problems for fields the form shows itself are
 * left to those fields; the rest are listed here.
 */
export function FormError({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  const t = useT();
  if (!error) return null;
  const others: FieldProblem[] = fieldProblems(error).filter((p) => !fields.includes(p.field));
  return (
    <div className="notice notice-error" role="alert" data-testid="form-error">
      <p>{describeError(t, error)}</p>
      {others.length > 0 && (
        <ul>
          {others.map((p) => (
            <li key={`${p.field}:${p.message}`}>{describeFieldProblem(t, p)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Notice({
  kind = "info",
  children,
  testId,
}: {
  kind?: "info" | "success";
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`notice notice-${kind}`} role="status" data-testid={testId}>
      {children}
    </div>
  );
}

export function SubmitButton({
  busy,
  label,
  busyLabel,
  testId,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  testId?: string;
}) {
  return (
    <button type="submit" className="button button-primary" disabled={busy} data-testid={testId}>
      {busy ? busyLabel : label}
    </button>
  );
}
