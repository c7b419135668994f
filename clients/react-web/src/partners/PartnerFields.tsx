import type { ReactNode } from 'react';

/** A labelled input with its error beneath, tied together for screen readers. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  maxLength,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  maxLength?: number;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        maxLength={maxLength}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && (
        <span id={`${id}-hint`} className="muted hint">
          {hint}
        </span>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Plans are named in public-api's configuration; core-api accepts lower-case letters, digits and dashes. */
export const planHint = 'The rate-limit plan, e.g. free. Lower-case letters, digits and dashes.';
const planPattern = /^[a-z0-9-]+$/;

export function checkPartner(name: string, plan: string): { name?: string; plan?: string } {
  const errors: { name?: string; plan?: string } = {};
  if (!name.trim()) errors.name = 'Name is required.';
  if (!planPattern.test(plan.trim())) errors.plan = 'Plan is lower-case letters, digits and dashes, e.g. free.';
  return errors;
}
