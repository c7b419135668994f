import { useRef } from 'react';
import { getPartner, listPartnerAudit, listPartnerKeys } from '../api/endpoints';
import type { ApiKeyDto } from '../api/types';
import { Empty, ErrorAlert, Loading } from '../components/Status';
import { formatDate } from '../format';
import { AuditTable } from '../partners/AuditTable';
import { PartnerDetailsForm } from '../partners/PartnerDetailsForm';
import { PartnerKeys } from '../partners/PartnerKeys';
import { PartnerUsage } from '../partners/PartnerUsage';
import { Link, useSearchParam } from '../router';
import { useAsync } from '../useAsync';

/** Staff: one partner — details, keys, usage, and what staff did to it lately. */
export function AdminPartnerPage({ partnerId }: { partnerId: string }) {
  const partner = useAsync((signal) => getPartner(partnerId, signal), [partnerId]);
  const keys = useAsync((signal) => listPartnerKeys(partnerId, signal), [partnerId]);
  const audit = useAsync((signal) => listPartnerAudit({ partnerId, pageSize: 10 }, signal), [partnerId]);
  const justCreated = useSearchParam('created') === '1';
  // The keys section stays mounted while its list reloads after an issue, roll or revoke: it
  // holds the dialog with the new secret and the notice, which a remount would throw away.
  const lastKeys = useRef<ApiKeyDto[] | null>(null);
  if (keys.state.status === 'done') lastKeys.current = keys.state.data;
  const shownKeys = lastKeys.current;

  const back = (
    <p>
      <Link to="/admin/partners">← Partners</Link>
    </p>
  );
  if (partner.state.status === 'loading') return <Loading label="Loading partner…" />;
  if (partner.state.status === 'error')
    return (
      <section>
        {back}
        <h1>Partner</h1>
        <ErrorAlert error={partner.state.error} />
      </section>
    );
  const p = partner.state.data;
  const changed = () => {
    keys.reload();
    audit.reload();
  };

  return (
    <section aria-labelledby="partner-heading" className="partner-page">
      {back}
      <h1 id="partner-heading">{p.name}</h1>
      {justCreated && (
        <p role="status" className="alert alert-success">
          Partner created. Issue its first key below.
        </p>
      )}
      <dl className="facts">
        <dt>Plan</dt>
        <dd>{p.plan}</dd>
        <dt>Status</dt>
        <dd>{p.active ? 'Active' : 'Inactive: its keys are refused'}</dd>
        <dt>Created</dt>
        <dd>{formatDate(p.createdAt)}</dd>
        <dt>Id</dt>
        <dd className="mono">{p.id}</dd>
      </dl>
      <PartnerDetailsForm
        key={p.updatedAt}
        partner={p}
        onSaved={(updated) => {
          partner.setData(updated);
          audit.reload();
        }}
      />
      {keys.state.status === 'loading' && shownKeys === null && <Loading label="Loading keys…" />}
      {keys.state.status === 'error' && <ErrorAlert error={keys.state.error} />}
      {shownKeys !== null && (
        <>
          <PartnerKeys partnerId={partnerId} keys={shownKeys} onChanged={changed} />
          <PartnerUsage partnerId={partnerId} keys={shownKeys} />
        </>
      )}
      <section aria-labelledby="activity-heading" className="card section">
        <div className="page-head">
          <h2 id="activity-heading">Recent activity</h2>
          <Link to={`/admin/partners/audit?partnerId=${encodeURIComponent(partnerId)}`}>Full audit log</Link>
        </div>
        {audit.state.status === 'loading' && <Loading label="Loading activity…" />}
        {audit.state.status === 'error' && <ErrorAlert error={audit.state.error} />}
        {audit.state.status === 'done' && audit.state.data.items.length === 0 && <Empty>Nothing yet.</Empty>}
        {audit.state.status === 'done' && audit.state.data.items.length > 0 && (
          <AuditTable entries={audit.state.data.items} caption="The latest staff actions on this partner and its keys" />
        )}
      </section>
    </section>
  );
}
