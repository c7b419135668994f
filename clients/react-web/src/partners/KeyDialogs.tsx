import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiKeyDto, IssuedApiKeyDto } from '../api/types';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/Status';
import { fieldErrorsOf } from '../fieldErrors';

/**
 * A new key's secret, the only time anyone sees it: core-api keeps only a hash. Closing the
 * dialog drops it from the page's state, so it is gone from memory and screen alike.
 */
export function SecretDialog({ issued, onClose }: { issued: IssuedApiKeyDto; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Dialog title="Copy the new key now" onClose={onClose} className="secret-dialog">
      <p className="alert alert-error">
        <strong>You will not see this secret again.</strong> Store it in the partner’s secret store now; if it is
        lost, roll the key to get a new one.
      </p>
      <p>
        Key <span className="mono">{issued.key.displayPrefix}…</span> ({issued.key.name}):
      </p>
      <p className="secret mono" data-testid="secret">
        {issued.secret}
      </p>
      <p role="status" className="muted">
        {copied === 'yes' && 'Copied to the clipboard.'}
        {copied === 'failed' && 'Copying failed: select the key and copy it by hand.'}
      </p>
      <div className="actions">
        <button type="button" onClick={copy}>
          Copy key
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          I have stored it, close
        </button>
      </div>
    </Dialog>
  );
}

/** Roll: a successor key now, the old one working on for the overlap so the partner can switch. */
export function RollDialog({
  apiKey,
  onRoll,
  onClose,
}: {
  apiKey: ApiKeyDto;
  onRoll: (overlapHours: number) => Promise<void>;
  onClose: () => void;
}) {
  const [hours, setHours] = useState('24');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!/^\d+$/.test(hours.trim())) {
      setFieldError('Overlap is a whole number of hours, 0 or more.');
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      await onRoll(Number(hours));
    } catch (e) {
      setError(e);
      setFieldError(fieldErrorsOf(e, ['overlapHours'] as const).overlapHours ?? null);
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Roll key ${apiKey.displayPrefix}…`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>A new key replaces this one. The old key keeps working for the overlap, then stops.</p>
        {error !== null && <ErrorAlert error={error} />}
        <div className="field">
          <label htmlFor="roll-overlap">Overlap (hours)</label>
          <input
            id="roll-overlap"
            inputMode="numeric"
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'roll-overlap-error' : 'roll-overlap-hint'}
          />
          <span id="roll-overlap-hint" className="muted hint">
            0 stops the old key at once; at most 168 (a week).
          </span>
          {fieldError && (
            <p id="roll-overlap-error" className="field-error">
              {fieldError}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Rolling…' : 'Roll key'}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Revoke, after saying what it does: every call with the key is refused from now on. */
export function RevokeDialog({
  apiKey,
  onRevoke,
  onClose,
}: {
  apiKey: ApiKeyDto;
  onRevoke: () => Promise<void>;
  onClose: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const revoke = async () => {
    setError(null);
    setBusy(true);
    try {
      await onRevoke();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Revoke key ${apiKey.displayPrefix}…?`} onClose={onClose}>
      <p>
        Every call with <strong>{apiKey.name}</strong> is refused from now on. This cannot be undone.
      </p>
      {error !== null && <ErrorAlert error={error} />}
      <div className="actions">
        <button type="button" className="danger" onClick={revoke} disabled={busy}>
          {busy ? 'Revoking…' : 'Revoke key'}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
