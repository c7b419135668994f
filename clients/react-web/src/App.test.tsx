import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aliceClaims, json, problem, product, staffClaims } from './test/fetchMock';
import { renderApp } from './test/renderApp';

const emptyCart = { lines: [], total: { amount: 0, currency: 'EUR' }, itemCount: 0, updatedAt: '2026-11-25T10:00:00Z' };

describe('app shell', () => {
  it('shows the user name and a sign-out link carrying the session id', async () => {
    renderApp('/cart', { 'GET /api/cart': () => json(emptyCart) }, aliceClaims);
    const banner = screen.getByRole('banner');
    expect(await within(banner).findByText('Alice Martin')).toBeTruthy();
    expect(within(banner).getByRole('link', { name: 'Sign out' }).getAttribute('href')).toBe('/bff/logout?sid=sid-1');
    expect(within(banner).queryByRole('link', { name: 'Manage orders' })).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: 'Your cart' })).toBeTruthy();
  });

  it('offers "Sign in" back to the current page when anonymous', async () => {
    renderApp('/?q=mug', { 'GET /api/products': () => json({ items: [], nextCursor: null }), 'GET /api/products/categories': () => json([]) }, null);
    const signIn = await within(screen.getByRole('banner')).findByRole('link', { name: 'Sign in' });
    expect(signIn.getAttribute('href')).toBe('/bff/login?returnUrl=%2F%3Fq%3Dmug');
  });

  it('switches to "You are signed out — Sign in" when any call answers 401', async () => {
    renderApp(
      '/orders',
      { 'GET /api/orders': () => problem(401, { title: 'Unauthorized', code: 'session_expired' }) },
      aliceClaims,
    );
    const alert = await screen.findByText(/You are signed out —/);
    expect(within(alert).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/bff/login?returnUrl=%2Forders');
    expect(screen.getByRole('heading', { level: 1, name: 'You are signed out' })).toBeTruthy();
    expect(within(screen.getByRole('banner')).queryByRole('link', { name: 'Sign out' })).toBeNull();
  });

  it('shows a visitor the catalog with a "Sign in" button, not an error', async () => {
    const { fetch, user } = renderApp(
      '/',
      {
        'GET /api/products': (call) =>
          json({ items: [call.query.get('q') === 'mug' ? product(3, { name: 'Mug' }) : product(1)], nextCursor: null }),
        'GET /api/products/categories': () => json(['Books']),
      },
      null,
    );
    expect(await screen.findByRole('link', { name: 'Product 1' })).toBeTruthy();
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      '/bff/login?returnUrl=%2F',
    );
    await user.type(screen.getByLabelText('Search products'), 'mug');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('link', { name: 'Mug' })).toBeTruthy();
    expect(screen.queryByText(/You are signed out/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fetch.callsTo('GET', '/api/cart')).toHaveLength(0);
  });

  it('keeps a visitor a visitor when a call answers 401: no "You are signed out" over the catalog', async () => {
    renderApp(
      '/',
      {
        'GET /api/products': () => json({ items: [product(1)], nextCursor: null }),
        'GET /api/products/categories': () => problem(401, { title: 'Unauthorized', code: 'unauthorized' }),
      },
      null,
    );
    expect(await screen.findByRole('link', { name: 'Product 1' })).toBeTruthy();
    await within(screen.getByRole('banner')).findByRole('link', { name: 'Sign in' });
    expect(screen.queryByText(/You are signed out/)).toBeNull();
  });

  it.each([
    ['/cart', 'Cart', 'Sign in to see your cart.', '/api/cart'],
    ['/orders', 'Your orders', 'Sign in to see your orders.', '/api/orders'],
    ['/profile', 'Profile', 'Sign in to see your profile.', '/api/me'],
    ['/sessions', 'Sessions', 'Sign in to see your sessions.', '/api/sessions'],
    ['/admin/orders', 'Manage orders', 'Sign in to see this page.', '/api/admin/orders'],
  ])('asks a visitor on %s to sign in, with a button back to it, without calling the API', async (path, title, text, api) => {
    const { fetch } = renderApp(path, {}, null);
    expect(await screen.findByText(text)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: title })).toBeTruthy();
    const buttons = within(screen.getByRole('main')).getAllByRole('link', { name: 'Sign in' });
    expect(buttons.map((b) => b.getAttribute('href'))).toEqual([`/bff/login?returnUrl=${encodeURIComponent(path)}`]);
    expect(fetch.calls.filter((c) => c.path.startsWith(api))).toHaveLength(0);
    expect(screen.queryByText(/You are signed out/)).toBeNull();
  });

  it('says "You are signed out" over the catalog when the session ends while browsing', async () => {
    let expired = false;
    const { user } = renderApp(
      '/',
      {
        'GET /api/products': () =>
          expired
            ? problem(401, { title: 'Unauthorized', code: 'session_expired' })
            : json({ items: [product(1)], nextCursor: 'next' }),
        'GET /api/products/categories': () => json([]),
      },
      aliceClaims,
    );
    await within(screen.getByRole('banner')).findByText('Alice Martin');
    await screen.findByRole('link', { name: 'Product 1' });
    expired = true;
    await user.click(screen.getByRole('button', { name: 'Load more' }));

    const notice = await screen.findByText(/You are signed out —/);
    expect(within(notice).getByRole('link', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Product 1' })).toBeTruthy();
    expect(within(screen.getByRole('banner')).queryByRole('link', { name: 'Sign out' })).toBeNull();
  });

  it('lets a 401 that raced the session probe win: the session has just ended', async () => {
    let answerProbe: (r: Response) => void = () => {};
    renderApp(
      '/',
      {
        'GET /bff/user': () => new Promise<Response>((resolve) => (answerProbe = resolve)),
        'GET /api/products': () => problem(401, { title: 'Unauthorized', code: 'session_expired' }),
        'GET /api/products/categories': () => json([]),
      },
      aliceClaims,
    );
    await screen.findByText('Unauthorized');
    answerProbe(json(aliceClaims));
    expect(await screen.findByText(/You are signed out —/)).toBeTruthy();
    expect(within(screen.getByRole('banner')).queryByText('Alice Martin')).toBeNull();
  });

  it('shows staff links to staff, and keeps customers out of staff pages', async () => {
    renderApp('/admin/orders', { 'GET /api/admin/orders': () => json({ items: [], nextCursor: null }) }, staffClaims);
    expect(await screen.findByRole('link', { name: 'Manage orders' })).toBeTruthy();
    expect(await screen.findByText('No orders.')).toBeTruthy();
  });

  it('tells a customer a staff page is for staff only without calling the staff API', async () => {
    const { fetch } = renderApp('/admin/orders', {}, aliceClaims);
    expect((await screen.findByRole('alert')).textContent).toContain('This page is for staff only.');
    expect(fetch.callsTo('GET', '/api/admin/orders')).toHaveLength(0);
  });

  it('navigates in-app through header links without reloading', async () => {
    const { user } = renderApp(
      '/cart',
      { 'GET /api/cart': () => json(emptyCart), 'GET /api/orders': () => json({ items: [], nextCursor: null }) },
      aliceClaims,
    );
    await screen.findByRole('heading', { name: 'Your cart' });
    await user.click(screen.getByRole('link', { name: 'Orders' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your orders' })).toBeTruthy();
    expect(window.location.pathname).toBe('/orders');
    expect(screen.getByText(/You have no orders yet/)).toBeTruthy();
  });
});
