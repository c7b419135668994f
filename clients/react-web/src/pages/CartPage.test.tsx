import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aliceClaims, eur, json, problem } from '../test/fetchMock';
import { renderApp } from '../test/renderApp';

function cart(quantity: number) {
  return {
    lines: [
      {
        productId: 'p-1',
        sku: 'MUG-1',
        name: 'Coffee mug',
        unitPrice: eur(8),
        quantity,
        lineTotal: eur(8 * quantity),
        availableStock: 10,
        active: true,
      },
    ],
    total: eur(8 * quantity),
    itemCount: quantity,
    updatedAt: '2026-11-25T10:00:00Z',
  };
}

describe('cart', () => {
  it.each(['0', '-1', '1.5', '', 'abc', '1001'])('refuses quantity %j without calling the server', async (typed) => {
    const { fetch, user } = renderApp('/cart', { 'GET /api/cart': () => json(cart(2)) }, aliceClaims);
    const input = await screen.findByLabelText('Quantity of Coffee mug');
    await user.clear(input);
    if (typed) await user.type(input, typed);
    await user.click(screen.getByRole('button', { name: 'Update quantity of Coffee mug' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Quantity must be a whole number from 1');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(fetch.callsTo('PUT', '/api/cart/items/p-1')).toHaveLength(0);
  });

  it('sends a valid quantity and shows the totals the server computed', async () => {
    const { fetch, user } = renderApp(
      '/cart',
      {
        'GET /api/cart': () => json(cart(2)),
        'PUT /api/cart/items/p-1': (call) => json(cart((call.body as { quantity: number }).quantity)),
      },
      aliceClaims,
    );
    expect((await screen.findByTestId('cart-total')).textContent).toBe('€16.00');
    const input = screen.getByLabelText('Quantity of Coffee mug');
    await user.clear(input);
    await user.type(input, '3');
    await user.click(screen.getByRole('button', { name: 'Update quantity of Coffee mug' }));

    await screen.findByText('€24.00', { selector: '[data-testid="cart-total"]' });
    expect(fetch.callsTo('PUT', '/api/cart/items/p-1')[0]!.body).toEqual({ quantity: 3 });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("shows the server's message when it refuses (out of stock)", async () => {
    const { user } = renderApp(
      '/cart',
      {
        'GET /api/cart': () => json(cart(2)),
        'PUT /api/cart/items/p-1': () =>
          problem(409, {
            title: 'Not enough stock',
            detail: 'Only 10 of Coffee mug are in stock.',
            code: 'insufficient_stock',
          }),
      },
      aliceClaims,
    );
    const input = await screen.findByLabelText('Quantity of Coffee mug');
    await user.clear(input);
    await user.type(input, '50');
    await user.click(screen.getByRole('button', { name: 'Update quantity of Coffee mug' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Only 10 of Coffee mug are in stock.');
  });

  it('removes a line and shows the empty state', async () => {
    const { fetch, user } = renderApp(
      '/cart',
      {
        'GET /api/cart': () => json(cart(1)),
        'DELETE /api/cart/items/p-1': () => json({ lines: [], total: eur(0), itemCount: 0, updatedAt: '2026-11-25T10:00:00Z' }),
      },
      aliceClaims,
    );
    await user.click(await screen.findByRole('button', { name: 'Remove Coffee mug' }));
    expect(await screen.findByText(/Your cart is empty/)).toBeTruthy();
    expect(fetch.callsTo('DELETE', '/api/cart/items/p-1')).toHaveLength(1);
  });
});
