import { useState } from 'react';
import { revokePartnerKey, rollPartnerKey } from '../api/endpoints';
import type { ApiKeyDto, IssuedApiKeyDto } from '../api/types';
import { Empty } from '../components/Status';
import { formatDate } from '../format';
import { IssueKeyForm } from './IssueKeyForm';
import { RevokeDialog, RollDialog, SecretDialog } from './KeyDialogs';
import { formatDay } from './UsageChart';
import { keyState, keyStateLabels, kindLabel } from './keys';

/** The partner's keys, and issuing, rolling and revoking them. `onChanged` reloads keys and audit. */
export function PartnerKeys({ partnerId, keys, onChanged }: { partnerId: string; keys: ApiKeyDto[]; onChanged: () => void }) {
  const [issued, setIssued] = useState<IssuedApiKeyDto | null>(null);
  const [rolling, setRolling] = useState<ApiKeyDto | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const showSecret = (next: IssuedApiKeyDto, message: string) => {
    setIssued(next);
    setNotice(message);
    onChanged();
  };

  return (
    <section aria-labelledby="keys-heading" className="card section">
      <h2 id="keys-heading">API keys</h2>
      {notice && (
        <p role="status" className="alert alert-success">
          {notice}
        </p>
      )}
      {keys.length === 0 ? (
        <Empty>No keys yet.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption>Keys of this partner; secrets are never shown again after issuing</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Kind</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => {
                const state = keyState(key);
                const usable = state === 'active' || state === 'expiring';
                return (
                  <tr key={key.id} data-key-id={key.id}>
                    <td>{key.name}</td>
                    <td className="mono">{key.displayPrefix}…</td>
                    <td>{kindLabel(key.kind)}</td>
                    <td className="mono">{key.scopes.join(' ')}</td>
                    <td>{formatDate(key.createdAt)}</td>
                    <td>{formatDate(key.expiresAt)}</td>
                    {/* A UTC day (from the usage reports), not a moment: shown as that day. */}
                    <td>{key.lastUsedOn ? formatDay(key.lastUsedOn.slice(0, 10)) : '—'}</td>
                    <td>
                      <span className={`badge badge-key-${state}`}>{keyStateLabels[state]}</span>
                      {key.revokedAt && <span className="muted"> {formatDate(key.revokedAt)}</span>}
                    </td>
                    <td>
                      {usable && (
                        <div className="row-actions">
                          <button type="button" className="small secondary" onClick={() => setRolling(key)} aria-label={`Roll key ${key.displayPrefix}`}>
                            Roll
                          </button>
                          <button type="button" className="small danger" onClick={() => setRevoking(key)} aria-label={`Revoke key ${key.displayPrefix}`}>
                            Revoke
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <IssueKeyForm partnerId={partnerId} onIssued={(next) => showSecret(next, `Key ${next.key.displayPrefix}… issued.`)} />
      {issued && <SecretDialog issued={issued} onClose={() => setIssued(null)} />}
      {rolling && (
        <RollDialog
          apiKey={rolling}
          onClose={() => setRolling(null)}
          onRoll={async (hours) => {
            const next = await rollPartnerKey(partnerId, rolling.id, hours);
            setRolling(null);
            showSecret(next, `Key ${rolling.displayPrefix}… rolled; its successor is ${next.key.displayPrefix}….`);
          }}
        />
      )}
      {revoking && (
        <RevokeDialog
          apiKey={revoking}
          onClose={() => setRevoking(null)}
          onRevoke={async () => {
            await revokePartnerKey(partnerId, revoking.id);
            setRevoking(null);
            setNotice(`Key ${revoking.displayPrefix}… revoked.`);
            onChanged();
          }}
        />
      )}
    </section>
  );
}
