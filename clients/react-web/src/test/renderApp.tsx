import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../App';
import { json, mockFetch, problem } from './fetchMock';
import type { Handler } from './fetchMock';

/** Renders the whole app at `path`, signed in with `claims` (null = anonymous). */
export function renderApp(path: string, routes: Record<string, Handler>, claims: unknown[] | null) {
  window.history.replaceState(null, '', path);
  const fetch = mockFetch({
    'GET /bff/user': () => (claims ? json(claims) : problem(401, { title: 'Unauthorized', code: 'unauthorized' })),
    ...routes,
  });
  const user = userEvent.setup();
  const view = render(<App />);
  return { fetch, user, ...view };
}
