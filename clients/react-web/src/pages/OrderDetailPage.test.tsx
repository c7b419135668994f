import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../api/types';
import { aliceClaims, eur, json, problem } from '../test/fetchMock';
import { renderApp } from '../test/renderApp';

const id = '6f1c2a0e-0000-4000-8000-000000000001';

function order(status: OrderStatus) {
  return {
    id,
    customerId: 'alice-id',
    status,
    lines: [{ productId: 'p-1', sku: 'MUG-1', name: 'Coffee mug', unitPrice: eur(8), quantity: 2, lineTotal: eur(16) }],
    total: eur(16),
    version: 1,
    createdAt: '2026-11-25T10:00:00Z',
    updatedAt: '2026-11-25T10:00:00Z',
  };
}

describe('order detail', () => {
  it.each<[OrderStatus, boolean]>([
    ['pending', true],
    ['confirmed', true],
    ['shipped', false],
    ['delivered', false],
    ['cancelled', false],
  ])('status %s: "Cancel order" shown = %s', async (status, shown) => {
    renderApp(`/orders/${id}`, { [`GET /api/orders/${id}`]: () => json(order(status)) }, aliceClaims);
    expect((await screen.findByTestId('order-status')).textContent?.toLowerCase()).toBe(status);
    expect(screen.queryByRole('button', { name: 'Cancel order' }) !== null).toBe(shown);
  });

  it('cancels, shows the new status, and the button goes away', async () => {
    const { fetch, user } = renderApp(
      `/orders/${id}`,
      {
        [`GET /api/orders/${id}`]: () => json(order('confirmed')),
        [`POST /api/orders/${id}/cancel`]: () => json(order('cancelled')),
      },
      aliceClaims,
    );
    await user.click(await screen.findByRole('button', { name: 'Cancel order' }));
    expect(await screen.findByText('Your order has been cancelled.')).toBeTruthy();
    expect(screen.getByTestId('order-status').textContent).toBe('Cancelled');
    expect(screen.queryByRole('button', { name: 'Cancel order' })).toBeNull();
    expect(fetch.callsTo('POST', `/api/orders/${id}/cancel`)).toHaveLength(1);
  });

  it("shows the server's refusal when the order moved on meanwhile, and the current status", async () => {
    let current: OrderStatus = 'pending';
    const { user } = renderApp(
      `/orders/${id}`,
      {
        [`GET /api/orders/${id}`]: () => json(order(current)),
        [`POST /api/orders/${id}/cancel`]: () => {
          current = 'shipped';
          return problem(409, {
            title: 'Illegal status transition',
            detail: 'An order that is Shipped cannot be cancelled.',
            code: 'illegal_status_transition',
          });
        },
      },
      aliceClaims,
    );
    await user.click(await screen.findByRole('button', { name: 'Cancel order' }));
    expect(await screen.findByText('Shipped', { selector: '[data-testid="order-status"] span' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('An order that is Shipped cannot be cancelled.');
    expect(screen.queryByRole('button', { name: 'Cancel order' })).toBeNull();
  });
});
