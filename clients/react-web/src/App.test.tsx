import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aliceClaims, json, problem, staffClaims } from './test/fetchMock';
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
