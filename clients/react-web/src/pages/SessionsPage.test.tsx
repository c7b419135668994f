import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aliceClaims, json } from '../test/fetchMock';
import { renderApp } from '../test/renderApp';

const session = (id: string, userAgent: string, current: boolean) => ({
  id,
  createdAt: '2026-11-25T09:00:00Z',
  expiresAt: '2026-11-25T17:00:00Z',
  lastSeenAt: '2026-11-25T10:00:00Z',
  userAgent,
  current,
});

describe('my sessions', () => {
  it('lists sessions, marks this one, and ends the others', async () => {
    let sessions = [session('s1', 'Firefox on Linux', true), session('s2', 'Chrome on Android', false), session('s3', 'Safari', false)];
    const { fetch, user } = renderApp(
      '/sessions',
      {
        'GET /api/sessions': () => json(sessions),
        'POST /api/sessions/end-others': () => {
          const ended = sessions.filter((s) => !s.current).length;
          sessions = sessions.filter((s) => s.current);
          return json({ ended });
        },
      },
      aliceClaims,
    );

    const list = await screen.findByRole('list', { name: 'Active sessions' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0]!).getByText('This session')).toBeTruthy();
    expect(within(items[0]!).queryByRole('button', { name: /End session/ })).toBeNull();
    expect(within(items[1]!).getByRole('button', { name: /End session .*Chrome on Android/ })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'End other sessions' }));
    expect((await screen.findByRole('status')).textContent).toBe('Ended 2 other sessions.');
    await screen.findByText('Firefox on Linux');
    expect(screen.queryByText('Chrome on Android')).toBeNull();
    expect(fetch.callsTo('POST', '/api/sessions/end-others')).toHaveLength(1);
    expect((screen.getByRole('button', { name: 'End other sessions' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('ends one other session by id', async () => {
    let sessions = [session('s1', 'Firefox', true), session('s2', 'Chrome', false)];
    const { fetch, user } = renderApp(
      '/sessions',
      {
        'GET /api/sessions': () => json(sessions),
        'DELETE /api/sessions/s2': () => {
          sessions = sessions.filter((s) => s.id !== 's2');
          return new Response(null, { status: 204 });
        },
      },
      aliceClaims,
    );
    await user.click(await screen.findByRole('button', { name: /End session .*Chrome/ }));
    expect((await screen.findByRole('status')).textContent).toBe('Session ended.');
    expect(fetch.callsTo('DELETE', '/api/sessions/s2')).toHaveLength(1);
    await screen.findByText('Firefox');
    expect(screen.queryByText('Chrome')).toBeNull();
  });
});
