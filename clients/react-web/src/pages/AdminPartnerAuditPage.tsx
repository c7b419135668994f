import { listPartnerAudit, listPartners } from '../api/endpoints';
import { LoadMore } from '../components/LoadMore';
import { Empty, ErrorAlert, Loading } from '../components/Status';
import { AuditTable } from '../partners/AuditTable';
import { Link, useRouter } from '../router';
import { useAsync } from '../useAsync';
import { usePagedList } from '../usePagedList';

/** Staff: every staff action on partners and keys, newest first, for one partner or all. */
export function AdminPartnerAuditPage() {
  const { pathname, search, navigate } = useRouter();
  const partnerId = new URLSearchParams(search).get('partnerId') ?? '';
  const entries = usePagedList(
    (cursor, signal) => listPartnerAudit({ partnerId: partnerId || undefined, cursor }, signal),
    [partnerId],
  );
  // Names for the filter and the table; the first hundred partners cover a demo and most shops.
  const partners = useAsync((signal) => listPartners({ pageSize: 100 }, signal), []);
  const names = new Map(partners.state.status === 'done' ? partners.state.data.items.map((p) => [p.id, p.name]) : []);

  return (
    <section aria-labelledby="audit-heading">
      <p>
        <Link to="/admin/partners">← Partners</Link>
      </p>
      <h1 id="audit-heading">Partner audit log</h1>
      <div className="filters">
        <div className="field">
          <label htmlFor="audit-partner">Partner</label>
          <select
            id="audit-partner"
            value={partnerId}
            onChange={(e) =>
              navigate(e.target.value ? `${pathname}?partnerId=${encodeURIComponent(e.target.value)}` : pathname, { replace: true })
            }
          >
            <option value="">All partners</option>
            {partnerId && !names.has(partnerId) && <option value={partnerId}>{partnerId}</option>}
            {[...names].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {partners.state.status === 'error' && <ErrorAlert error={partners.state.error} />}
      {entries.state.status === 'loading' && <Loading label="Loading the audit log…" />}
      {entries.state.status === 'error' && <ErrorAlert error={entries.state.error} />}
      {entries.state.status === 'done' && entries.state.data.items.length === 0 && <Empty>No entries.</Empty>}
      {entries.state.status === 'done' && entries.state.data.items.length > 0 && (
        <>
          <AuditTable entries={entries.state.data.items} caption="Staff actions on partners and keys, newest first" partnerNames={names} />
          <LoadMore
            hasMore={entries.state.data.nextCursor !== null}
            loading={entries.loadingMore}
            error={entries.moreError}
            onLoadMore={entries.loadMore}
          />
        </>
      )}
    </section>
  );
}
