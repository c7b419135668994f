import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { eur, json, problem, staffClaims } from '../test/fetchMock';
import { renderApp } from '../test/renderApp';

const summary = (id: string, status: string, customer: { name: string | null; email: string | null } = alice) => ({
  id,
  customerId: 'alice-id',
  customerName: customer.name,
  customerEmail: customer.email,
  status,
  itemCount: 1,
  total: eur(8),
  createdAt: '2026-11-25T10:00:00Z',
  updatedAt: '2026-11-25T10:00:00Z',
});
const a = '01a22795-0000-7000-8000-0000aaaaaaaa';
const b = '01a22795-0000-7000-8000-0000bbbbbbbb';

const alice = { name: 'Alice Example', email: 'alice@shop.test' };

describe('staff order management', () => {
  it("shows who placed each order: the customer's name and e-mail, or the id when core-api has neither", async () => {
    renderApp(
      '/admin/orders',
      {
        'GET /api/admin/orders': () =>
          json({ items: [summary(a, 'pending'), summary(b, 'pending', { name: null, email: null })], nextCursor: null }),
      },
      staffClaims,
    );
    expect(await screen.findByRole('columnheader', { name: 'Customer' })).toBeTruthy();
    const first = screen.getByRole('link', { name: 'Order AAAAAAAA' }).closest('tr')!;
    expect(within(first).getByText('Alice Example')).toBeTruthy();
    expect(within(first).getByRole('link', { name: 'alice@shop.test' }).getAttribute('href')).toBe('mailto:alice@shop.test');
    const second = screen.getByRole('link', { name: 'Order BBBBBBBB' }).closest('tr')!;
    expect(within(second).getByText('alice-id')).toBeTruthy();
    expect(within(second).queryByRole('link', { name: /@/ })).toBeNull();
  });

  it('filters by status and moves an order on, updating its row', async () => {
    const { fetch, user } = renderApp(
      '/admin/orders?status=confirmed',
      {
        'GET /api/admin/orders': () => json({ items: [summary(a, 'confirmed')], nextCursor: null }),
        [`POST /api/admin/orders/${a}/status`]: (call) =>
          json({ ...summary(a, (call.body as { status: string }).status), lines: [], version: 2 }),
      },
      staffClaims,
    );
    await user.click(await screen.findByRole('button', { name: 'Mark shipped order AAAAAAAA' }));
    expect((await screen.findByRole('status')).textContent).toBe('Order #AAAAAAAA is now Shipped.');
    const row = screen.getByRole('link', { name: 'Order AAAAAAAA' }).closest('tr')!;
    expect(within(row).getByText('Shipped')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Mark delivered order AAAAAAAA' })).toBeTruthy();
    expect(fetch.callsTo('GET', '/api/admin/orders')[0]!.query.get('status')).toBe('confirmed');
    expect(fetch.callsTo('POST', `/api/admin/orders/${a}/status`)[0]!.body).toEqual({ status: 'shipped' });
  });

  it("shows the server's message for an illegal move", async () => {
    const { user } = renderApp(
      '/admin/orders',
      {
        'GET /api/admin/orders': () => json({ items: [summary(b, 'pending')], nextCursor: null }),
        [`POST /api/admin/orders/${b}/status`]: () =>
          problem(409, {
            title: 'Illegal status transition',
            detail: 'The order was cancelled by its customer.',
            code: 'illegal_status_transition',
          }),
      },
      staffClaims,
    );
    await user.click(await screen.findByRole('button', { name: 'Confirm order BBBBBBBB' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The order was cancelled by its customer.');
  });
});
