import { getMe } from '../api/endpoints';
import { ErrorAlert, Loading } from '../components/Status';
import { formatDate } from '../format';
import { Link } from '../router';
import { useAsync } from '../useAsync';

export function ProfilePage() {
  const me = useAsync((signal) => getMe(signal), []);
  return (
    <section aria-labelledby="profile-heading">
      <h1 id="profile-heading">Your profile</h1>
      {me.state.status === 'loading' && <Loading label="Loading your profile…" />}
      {me.state.status === 'error' && <ErrorAlert error={me.state.error} />}
      {me.state.status === 'done' && (
        <>
          <dl className="facts card">
            <dt>Name</dt>
            <dd>{me.state.data.name ?? '—'}</dd>
            <dt>E-mail</dt>
            <dd>{me.state.data.email ?? '—'}</dd>
            <dt>Role</dt>
            <dd>{me.state.data.role}</dd>
            <dt>Customer since</dt>
            <dd>{formatDate(me.state.data.createdAt)}</dd>
            <dt>Last seen</dt>
            <dd>{formatDate(me.state.data.lastSeenAt)}</dd>
            <dt>User id</dt>
            <dd className="mono">{me.state.data.id}</dd>
          </dl>
          <p>
            <Link to="/sessions">Manage your sessions</Link>
          </p>
        </>
      )}
    </section>
  );
}
