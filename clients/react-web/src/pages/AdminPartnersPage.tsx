import { useState } from 'react';
import type { FormEvent } from 'react';
import { createPartner, listPartners } from '../api/endpoints';
import { LoadMore } from '../components/LoadMore';
import { Empty, ErrorAlert, Loading } from '../components/Status';
import { fieldErrorsOf } from '../fieldErrors';
import { formatDate } from '../format';
import { checkPartner, planHint, TextField } from '../partners/PartnerFields';
import { Link, useRouter } from '../router';
import { usePagedList } from '../usePagedList';

/** Staff: every partner (paged), and a new one. */
export function AdminPartnersPage() {
  const partners = usePagedList((cursor, signal) => listPartners({ cursor }, signal), []);
  return (
    <section aria-labelledby="partners-heading">
      <div className="page-head">
        <h1 id="partners-heading">Partners</h1>
        <Link to="/admin/partners/audit">Audit log</Link>
      </div>
      <NewPartnerForm />
      {partners.state.status === 'loading' && <Loading label="Loading partners…" />}
      {partners.state.status === 'error' && <ErrorAlert error={partners.state.error} />}
      {partners.state.status === 'done' && partners.state.data.items.length === 0 && <Empty>No partners yet.</Empty>}
      {partners.state.status === 'done' && partners.state.data.items.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="table">
              <caption>Partners</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {partners.state.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/admin/partners/${p.id}`}>{p.name}</Link>
                    </td>
                    <td>{p.plan}</td>
                    <td>
                      <span className={`badge ${p.active ? 'badge-key-active' : 'badge-key-revoked'}`}>
                        {p.active ? 'Active' : 'Inactive'}
                      </span>
                    </td>
                    <td>{formatDate(p.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore
            hasMore={partners.state.data.nextCursor !== null}
            loading={partners.loadingMore}
            error={partners.moreError}
            onLoadMore={partners.loadMore}
          />
        </>
      )}
    </section>
  );
}

function NewPartnerForm() {
  const { navigate } = useRouter();
  const [name, setName] = useState('');
  const [plan, setPlan] = useState('free');
  const [errors, setErrors] = useState<{ name?: string; plan?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = checkPartner(name, plan);
    setErrors(found);
    if (found.name || found.plan) return;
    setBusy(true);
    try {
      const created = await createPartner({ name: name.trim(), plan: plan.trim() });
      navigate(`/admin/partners/${created.id}?created=1`);
    } catch (e) {
      setError(e);
      setErrors(fieldErrorsOf(e, ['name', 'plan'] as const));
      setBusy(false);
    }
  };

  return (
    <form className="form card section" onSubmit={onSubmit} noValidate aria-labelledby="new-partner-heading">
      <h2 id="new-partner-heading">New partner</h2>
      {error !== null && <ErrorAlert error={error} />}
      <TextField id="partner-name" label="Name" value={name} onChange={setName} error={errors.name} maxLength={100} />
      <TextField id="partner-plan" label="Plan" value={plan} onChange={setPlan} error={errors.plan} hint={planHint} maxLength={40} />
      <button type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create partner'}
      </button>
    </form>
  );
}
