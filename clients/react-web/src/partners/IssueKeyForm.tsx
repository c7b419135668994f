import { useState } from 'react';
import type { FormEvent } from 'react';
import { issuePartnerKey } from '../api/endpoints';
import type { IssuedApiKeyDto } from '../api/types';
import { ErrorAlert } from '../components/Status';
import { fieldErrorsOf } from '../fieldErrors';
import { allowedScopes, keyKinds, partnerScopes } from './keys';
import type { KeyKind } from './keys';

const fields = ['name', 'kind', 'scopes', 'expiresAt'] as const;
type Field = (typeof fields)[number];

/** Issue a key: a name, a kind, scopes the kind allows, an optional expiry. */
export function IssueKeyForm({ partnerId, onIssued }: { partnerId: string; onIssued: (issued: IssuedApiKeyDto) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<KeyKind>('test');
  const [scopes, setScopes] = useState<string[]>(['catalog:read']);
  const [expiresOn, setExpiresOn] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const allowed = allowedScopes(kind);

  const chooseKind = (next: KeyKind) => {
    setKind(next);
    // A publishable key cannot hold more than catalog:read; drop what it could not keep.
    setScopes((current) => current.filter((s) => allowedScopes(next).includes(s)));
  };
  const toggle = (scope: string, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found: Partial<Record<Field, string>> = {};
    if (!name.trim()) found.name = 'Give the key a name, such as the system that will use it.';
    if (scopes.length === 0) found.scopes = 'Choose at least one scope.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const issued = await issuePartnerKey(partnerId, {
        name: name.trim(),
        kind,
        scopes: partnerScopes.map((s) => s.scope).filter((s) => scopes.includes(s)),
        expiresAt: expiresOn ? new Date(`${expiresOn}T00:00:00Z`).toISOString() : null,
      });
      setName('');
      setExpiresOn('');
      onIssued(issued);
    } catch (e) {
      setError(e);
      setErrors(fieldErrorsOf(e, fields));
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (field: Field) =>
    errors[field] && (
      <p id={`key-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    );

  return (
    <form className="form issue-key" onSubmit={onSubmit} noValidate aria-labelledby="issue-key-heading">
      <h3 id="issue-key-heading">Issue a key</h3>
      {error !== null && <ErrorAlert error={error} />}
      <div className="field">
        <label htmlFor="key-name">Key name</label>
        <input
          id="key-name"
          value={name}
          maxLength={100}
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? 'key-name-error' : undefined}
        />
        {errorOf('name')}
      </div>
      <fieldset className="field" aria-describedby={errors.kind ? 'key-kind-error' : undefined}>
        <legend>Kind</legend>
        {keyKinds.map((k) => (
          <div key={k.kind} className="choice">
            <input
              type="radio"
              id={`key-kind-${k.kind}`}
              name="key-kind"
              value={k.kind}
              checked={kind === k.kind}
              onChange={() => chooseKind(k.kind)}
              aria-describedby={`key-kind-${k.kind}-hint`}
            />
            <label htmlFor={`key-kind-${k.kind}`}>{k.label}</label>
            <span id={`key-kind-${k.kind}-hint`} className="muted hint">
              {k.hint}
            </span>
          </div>
        ))}
        {errorOf('kind')}
      </fieldset>
      <fieldset className="field" aria-describedby={errors.scopes ? 'key-scopes-error' : undefined}>
        <legend>Scopes</legend>
        {partnerScopes.map((s) => (
          <div key={s.scope} className="choice">
            <input
              type="checkbox"
              id={`key-scope-${s.scope}`}
              checked={scopes.includes(s.scope)}
              disabled={!allowed.includes(s.scope)}
              onChange={(e) => toggle(s.scope, e.target.checked)}
            />
            <label htmlFor={`key-scope-${s.scope}`}>
              {s.label} <span className="mono">{s.scope}</span>
            </label>
          </div>
        ))}
        {kind === 'pub' && <p className="muted hint">Publishable keys can only read the catalog.</p>}
        {errorOf('scopes')}
      </fieldset>
      <div className="field">
        <label htmlFor="key-expires">Expires on (optional)</label>
        <input
          id="key-expires"
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
          aria-invalid={errors.expiresAt ? true : undefined}
          aria-describedby={errors.expiresAt ? 'key-expiresAt-error' : 'key-expires-hint'}
        />
        <span id="key-expires-hint" className="muted hint">
          The key stops working at the start of this day (UTC).
        </span>
        {errorOf('expiresAt')}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? 'Issuing…' : 'Issue key'}
      </button>
    </form>
  );
}
