// A fetch stub at the network boundary: the components and the real API client run as in
// the browser, only the answers of bff-web are scripted.
import { vi } from 'vitest';

export interface RecordedCall {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  credentials: RequestCredentials | undefined;
  body: unknown;
}

export type Handler = (call: RecordedCall) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

export function problem(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/**
 * Installs a fetch stub. `routes` maps "METHOD /path" to a handler or a fixed response factory;
 * anything unmatched answers 404 Problem Details, so a wrong URL fails the test visibly.
 */
export function mockFetch(routes: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://127.0.0.1:5300');
    const method = (init?.method ?? 'GET').toUpperCase();
    const call: RecordedCall = {
      method,
      url: url.pathname + url.search,
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init?.headers),
      credentials: init?.credentials,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) return problem(404, { title: 'Not found', code: 'not_found', detail: `${method} ${url.pathname}` });
    return handler(call);
  });
  vi.stubGlobal('fetch', fetchStub);
  return {
    calls,
    callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}

export const aliceClaims = [
  { type: 'sub', value: 'alice-id' },
  { type: 'name', value: 'Alice Martin' },
  { type: 'email', value: 'alice@shop.test' },
  { type: 'role', value: 'customer' },
  { type: 'sid', value: 'sid-1' },
  { type: 'bff:logout_url', value: '/bff/logout?sid=sid-1' },
  { type: 'bff:session_expires_in', value: 3600 },
];

export const staffClaims = [
  { type: 'sub', value: 'staff-id' },
  { type: 'name', value: 'Sam Staff' },
  { type: 'role', value: 'staff' },
  { type: 'sid', value: 'sid-2' },
  { type: 'bff:logout_url', value: '/bff/logout?sid=sid-2' },
];

export const eur = (amount: number) => ({ amount, currency: 'EUR' });

export function product(n: number, overrides: Record<string, unknown> = {}) {
  return {
    id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    sku: `SKU-${n}`,
    name: `Product ${n}`,
    description: `Description ${n}`,
    category: 'Books',
    price: eur(10 + n),
    stock: 5,
    active: true,
    version: 1,
    updatedAt: '2026-11-25T10:00:00Z',
    ...overrides,
  };
}
