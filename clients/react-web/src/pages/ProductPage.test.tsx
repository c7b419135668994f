import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rememberAddIntent } from '../addIntent';
import { aliceClaims, eur, json, problem, product } from '../test/fetchMock';
import { renderApp } from '../test/renderApp';

const p1 = product(1);
const p2 = product(2);
const productPath = `/products/${p1.id}`;
const cartWith = (quantity: number) => ({
  lines: [],
  total: eur(11 * quantity),
  itemCount: quantity,
  updatedAt: '2026-11-25T10:00:00Z',
});
const productRoutes = {
  [`GET /api/products/${p1.id}`]: () => json(p1),
  'POST /api/cart/items': (call: { body: unknown }) => json(cartWith((call.body as { quantity: number }).quantity)),
};

afterEach(() => window.sessionStorage.clear());

describe('product page', () => {
  it('shows a visitor the product, and "Add to cart" signs them in and comes back to this page', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    const { fetch, user } = renderApp(productPath, productRoutes, null);

    expect(await screen.findByRole('heading', { level: 1, name: 'Product 1' })).toBeTruthy();
    expect(screen.queryByText(/You are signed out/)).toBeNull();
    await user.clear(screen.getByLabelText('Quantity'));
    await user.type(screen.getByLabelText('Quantity'), '2');
    await user.click(screen.getByRole('button', { name: 'Add to cart' }));

    expect(assign).toHaveBeenCalledWith(`/bff/login?returnUrl=${encodeURIComponent(`${productPath}?add=${p1.id}`)}`);
    expect(fetch.callsTo('POST', '/api/cart/items')).toHaveLength(0);
  });

  it('does not send a visitor to sign in for an invalid quantity', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    const { user } = renderApp(productPath, productRoutes, null);
    await screen.findByRole('heading', { level: 1, name: 'Product 1' });
    await user.clear(screen.getByLabelText('Quantity'));
    await user.type(screen.getByLabelText('Quantity'), '0');
    await user.click(screen.getByRole('button', { name: 'Add to cart' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Quantity must be a whole number');
    expect(assign).not.toHaveBeenCalled();
  });

  it('adds the product once on the way back from signing in, and takes the marker out of the URL', async () => {
    const returnUrl = rememberAddIntent(productPath, p1.id, 2);
    const { fetch } = renderApp(returnUrl, productRoutes, aliceClaims);

    const status = await screen.findByText(/Added to cart\. Your cart has 2 items\./);
    expect(within(status).getByRole('link', { name: 'View cart' })).toBeTruthy();
    const posts = fetch.callsTo('POST', '/api/cart/items');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ productId: p1.id, quantity: 2 });
    expect(window.location.pathname + window.location.search).toBe(productPath);
    expect(window.sessionStorage.length).toBe(0);
  });

  it('adds nothing for a crafted link carrying the marker without an intent of this tab', async () => {
    const { fetch } = renderApp(`${productPath}?add=${p1.id}`, productRoutes, aliceClaims);

    await screen.findByRole('heading', { level: 1, name: 'Product 1' });
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(fetch.callsTo('POST', '/api/cart/items')).toHaveLength(0);
  });

  it('adds nothing when the intent is for another product or the visitor is still not signed in', async () => {
    rememberAddIntent(`/products/${p2.id}`, p2.id, 1);
    const first = renderApp(`${productPath}?add=${p1.id}`, productRoutes, aliceClaims);
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(first.fetch.callsTo('POST', '/api/cart/items')).toHaveLength(0);
    expect(window.sessionStorage.length).toBe(0);
    first.unmount();

    const returnUrl = rememberAddIntent(productPath, p1.id, 1);
    const second = renderApp(returnUrl, productRoutes, null);
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(second.fetch.callsTo('POST', '/api/cart/items')).toHaveLength(0);
    expect(window.sessionStorage.length).toBe(0);
  });

  it('adds nothing for an intent older than its lifetime', async () => {
    const returnUrl = rememberAddIntent(productPath, p1.id, 1);
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 16 * 60 * 1000);
    const { fetch } = renderApp(returnUrl, productRoutes, aliceClaims);
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(fetch.callsTo('POST', '/api/cart/items')).toHaveLength(0);
  });

  it('adds straight away for a signed-in customer', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    const { fetch, user } = renderApp(productPath, productRoutes, aliceClaims);
    await within(screen.getByRole('banner')).findByText('Alice Martin');
    await user.click(await screen.findByRole('button', { name: 'Add to cart' }));

    expect(await screen.findByText(/Added to cart\. Your cart has 1 item\./)).toBeTruthy();
    expect(fetch.callsTo('POST', '/api/cart/items')).toHaveLength(1);
    expect(assign).not.toHaveBeenCalled();
  });

  it('keeps the product on screen and says so when the session ends while adding', async () => {
    const { user } = renderApp(
      productPath,
      { ...productRoutes, 'POST /api/cart/items': () => problem(401, { title: 'Unauthorized', code: 'session_expired' }) },
      aliceClaims,
    );
    await within(screen.getByRole('banner')).findByText('Alice Martin');
    await user.click(await screen.findByRole('button', { name: 'Add to cart' }));

    const notice = await screen.findByText(/You are signed out —/);
    expect(within(notice).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      `/bff/login?returnUrl=${encodeURIComponent(productPath)}`,
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Product 1' })).toBeTruthy();
  });
});
