import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aliceClaims, eur, json, problem } from '../test/fetchMock';
import { renderApp } from '../test/renderApp';

const cart = {
  lines: [
    { productId: 'p-1', sku: 'MUG-1', name: 'Coffee mug', unitPrice: eur(8), quantity: 2, lineTotal: eur(16), availableStock: 5, active: true },
  ],
  total: eur(16),
  itemCount: 2,
  updatedAt: '2026-11-25T10:00:00Z',
};
const orderId = '6f1c2a0e-0000-4000-8000-0000000000aa';
const order = {
  id: orderId,
  customerId: 'alice-id',
  status: 'pending',
  lines: [{ productId: 'p-1', sku: 'MUG-1', name: 'Coffee mug', unitPrice: eur(8), quantity: 2, lineTotal: eur(16) }],
  total: eur(16),
  version: 1,
  createdAt: '2026-11-25T10:00:00Z',
  updatedAt: '2026-11-25T10:00:00Z',
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('checkout', () => {
  it('retries an attempt whose outcome is unknown with the same Idempotency-Key, then shows the order', async () => {
    let attempts = 0;
    const { fetch, user } = renderApp(
      '/checkout',
      {
        'GET /api/cart': () => json(cart),
        'POST /api/cart/checkout': () =>
          ++attempts === 1
            ? problem(503, { title: 'Service unavailable', detail: 'core-api is unavailable.', code: 'upstream_unavailable' })
            : json(order, 201),
        [`GET /api/orders/${orderId}`]: () => json(order),
      },
      aliceClaims,
    );
    await user.click(await screen.findByRole('button', { name: 'Place order' }));
    expect((await screen.findByRole('alert')).textContent).toContain('core-api is unavailable.');
    await user.click(screen.getByRole('button', { name: 'Place order' }));

    expect(await screen.findByText('Thank you! Your order has been placed.')).toBeTruthy();
    expect(window.location.pathname).toBe(`/orders/${orderId}`);
    const keys = fetch.callsTo('POST', '/api/cart/checkout').map((c) => c.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(uuid);
    expect(keys[1]).toBe(keys[0]);
  });

  it('starts a new attempt with a new key after a definite refusal, and shows the server message', async () => {
    const { fetch, user } = renderApp(
      '/checkout',
      {
        'GET /api/cart': () => json(cart),
        'POST /api/cart/checkout': () =>
          problem(409, { title: 'Not enough stock', detail: 'Only 1 of Coffee mug is in stock.', code: 'insufficient_stock' }),
      },
      aliceClaims,
    );
    await user.click(await screen.findByRole('button', { name: 'Place order' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Only 1 of Coffee mug is in stock.');
    await user.click(await screen.findByRole('button', { name: 'Place order' }));
    await screen.findByRole('alert');
    const keys = fetch.callsTo('POST', '/api/cart/checkout').map((c) => c.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
  });
});
