import { describe, expect, it } from 'vitest';
import { canCancel, formatAmount, formatMoney, shortId } from './format';
import { parseQuantity } from './quantity';
import { matchPath } from './router';
import { userFromClaims } from './session';

describe('helpers', () => {
  it('parses quantities: whole numbers 1..1000 only', () => {
    expect(parseQuantity('1')).toBe(1);
    expect(parseQuantity(' 12 ')).toBe(12);
    expect(parseQuantity('1000')).toBe(1000);
    for (const bad of ['0', '-3', '2.5', '1e2', '', ' ', 'x', '1001']) expect(parseQuantity(bad)).toBeNull();
  });

  it('formats money in its currency', () => {
    expect(formatMoney({ amount: 12.5, currency: 'EUR' })).toBe('€12.50');
    expect(formatMoney({ amount: 3, currency: 'USD' })).toBe('$3.00');
  });

  it("formats amounts for inputs with the currency's minor digits", () => {
    expect(formatAmount({ amount: 19.5, currency: 'EUR' })).toBe('19.50');
    expect(formatAmount({ amount: 1200, currency: 'JPY' })).toBe('1200');
    expect(formatAmount({ amount: 7, currency: 'XXQ' })).toBe('7.00');
  });

  it('allows cancelling only pending and confirmed orders', () => {
    expect(['pending', 'confirmed', 'shipped', 'delivered', 'cancelled', 'Pending'].map(canCancel)).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('matches route patterns and decodes params', () => {
    expect(matchPath('/orders/:id', '/orders/a%20b')).toEqual({ id: 'a b' });
    expect(matchPath('/orders/:id', '/orders')).toBeNull();
    expect(matchPath('/admin/products/new', '/admin/products/new')).toEqual({});
    expect(matchPath('/', '/')).toEqual({});
  });

  it('reads the Duende-shaped claims', () => {
    const user = userFromClaims([
      { type: 'sub', value: 'u1' },
      { type: 'name', value: 'Sam Staff' },
      { type: 'role', value: 'staff' },
      { type: 'bff:logout_url', value: '/bff/logout?sid=abc' },
      { type: 'bff:session_expires_in', value: 1200 },
    ]);
    expect(user).toMatchObject({ sub: 'u1', name: 'Sam Staff', role: 'staff', logoutUrl: '/bff/logout?sid=abc', sessionExpiresIn: 1200 });
    // UUIDv7: same-minute orders share the leading timestamp, so the random tail tells them apart.
    expect(shortId('01a22795-b63d-7665-a512-1199321c299b')).toBe('321C299B');
    expect(shortId('01a22795-a864-7777-bc8c-e2c67029347b')).toBe('7029347B');
  });
});
