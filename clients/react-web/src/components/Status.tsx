import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p role="status" className="loading">
      {label}
    </p>
  );
}

/** Shows an error as the Problem Details said it: title, detail and each field's errors. */
export function ErrorAlert({ error, children }: { error: unknown; children?: ReactNode }) {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.errors);
    return (
      <div role="alert" className="alert alert-error">
        <p className="alert-title">{error.title}</p>
        {error.detail && error.detail !== error.title && <p>{error.detail}</p>}
        {fields.length > 0 && (
          <ul>
            {fields.flatMap(([field, messages]) =>
              messages.map((message) => (
                <li key={`${field}:${message}`}>
                  <span className="field-name">{field}</span>: {message}
                </li>
              )),
            )}
          </ul>
        )}
        {children}
      </div>
    );
  }
  return (
    <div role="alert" className="alert alert-error">
      <p className="alert-title">{errorMessage(error)}</p>
      {children}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function StatusBadge({ status }: { status: string }) {
  const s = status.toLowerCase();
  return <span className={`badge badge-${s}`}>{s.charAt(0).toUpperCase() + s.slice(1)}</span>;
}
