import { useState } from 'react';
import { endOtherSessions, endSession, listSessions } from '../api/endpoints';
import type { SessionDto } from '../api/types';
import { Empty, ErrorAlert, Loading } from '../components/Status';
import { formatDate } from '../format';
import { useAsync } from '../useAsync';

function describe(session: SessionDto): string {
  return session.userAgent?.trim() || 'Unknown browser';
}

export function SessionsPage() {
  const sessions = useAsync((signal) => listSessions(signal), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await action());
      sessions.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const endOthers = () =>
    run(async () => {
      const result = await endOtherSessions();
      return result.ended === 1 ? 'Ended 1 other session.' : `Ended ${result.ended} other sessions.`;
    });
  const endOne = (session: SessionDto) =>
    run(async () => {
      await endSession(session.id);
      return 'Session ended.';
    });

  const others = sessions.state.status === 'done' ? sessions.state.data.filter((s) => !s.current) : [];

  return (
    <section aria-labelledby="sessions-heading">
      <h1 id="sessions-heading">Your sessions</h1>
      <p className="muted">Where you are signed in. End a session you do not recognise.</p>
      {notice && (
        <p role="status" className="alert alert-success">
          {notice}
        </p>
      )}
      {error !== null && <ErrorAlert error={error} />}
      {sessions.state.status === 'loading' && <Loading label="Loading your sessions…" />}
      {sessions.state.status === 'error' && <ErrorAlert error={sessions.state.error} />}
      {sessions.state.status === 'done' && sessions.state.data.length === 0 && <Empty>No active sessions.</Empty>}
      {sessions.state.status === 'done' && sessions.state.data.length > 0 && (
        <>
          <ul className="session-list" aria-label="Active sessions">
            {sessions.state.data.map((session) => (
              <li key={session.id} className="card session">
                <h2 className="session-title">
                  {describe(session)}
                  {session.current && <span className="badge badge-current">This session</span>}
                </h2>
                <dl className="facts">
                  <dt>Signed in</dt>
                  <dd>{formatDate(session.createdAt)}</dd>
                  <dt>Last active</dt>
                  <dd>{formatDate(session.lastSeenAt)}</dd>
                  <dt>Expires</dt>
                  <dd>{formatDate(session.expiresAt)}</dd>
                </dl>
                {!session.current && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() => endOne(session)}
                    aria-label={`End session signed in ${formatDate(session.createdAt)} (${describe(session)})`}
                  >
                    End session
                  </button>
                )}
              </li>
            ))}
          </ul>
          <button type="button" className="danger" disabled={busy || others.length === 0} onClick={endOthers}>
            End other sessions
          </button>
        </>
      )}
    </section>
  );
}
