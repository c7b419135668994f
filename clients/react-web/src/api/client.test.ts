import { describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem } from '../test/fetchMock';
import { ApiError, apiFetch, apiRequest, NETWORK_ERROR_STATUS, onSignedOut } from './client';

describe('apiFetch', () => {
  it('sends X-CSRF: 1, same-origin credentials and JSON, even when the caller passes its own X-CSRF', async () => {
    const fetch = mockFetch({ 'POST /api/cart/items': () => json({ ok: true }) });
    const result = await apiFetch<{ ok: boolean }>('/api/cart/items', {
      method: 'POST',
      body: { productId: 'p1', quantity: 2 },
      headers: { 'X-CSRF': '0' },
    });
    expect(result).toEqual({ ok: true });
    const call = fetch.calls[0]!;
    expect(call.headers.get('X-CSRF')).toBe('1');
    expect(call.credentials).toBe('same-origin');
    expect(call.headers.get('Content-Type')).toBe('application/json');
    expect(call.body).toEqual({ productId: 'p1', quantity: 2 });
  });

  it('sends X-CSRF on GETs too and no Content-Type without a body', async () => {
    const fetch = mockFetch({ 'GET /bff/user': () => json([]) });
    await apiFetch('/bff/user');
    expect(fetch.calls[0]!.headers.get('X-CSRF')).toBe('1');
    expect(fetch.calls[0]!.headers.has('Content-Type')).toBe(false);
  });

  it('refuses non-absolute paths so nothing can be sent to another origin', async () => {
    const fetch = mockFetch({});
    await expect(apiFetch('https://evil.test/api/cart')).rejects.toThrow(/same-origin/);
    expect(fetch.calls).toHaveLength(0);
  });

  it('parses Problem Details into a typed ApiError with code, title, detail and field errors', async () => {
    mockFetch({
      'POST /api/cart/items': () =>
        problem(400, {
          type: 'https://bffplatform.dev/errors/validation-failed',
          title: 'One or more fields are invalid.',
          detail: 'See errors.',
          code: 'validation_failed',
          traceId: '00-abc-01',
          errors: { quantity: ['Quantity must be between 1 and 1000.'] },
        }),
    });
    const error = await apiFetch('/api/cart/items', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.title).toBe('One or more fields are invalid.');
    expect(apiError.detail).toBe('See errors.');
    expect(apiError.traceId).toBe('00-abc-01');
    expect(apiError.errors).toEqual({ quantity: ['Quantity must be between 1 and 1000.'] });
    expect(apiError.message).toBe('See errors.');
  });

  it('gives a non-JSON error answer a status-based title', async () => {
    mockFetch({ 'GET /api/cart': () => new Response('<html>bad gateway</html>', { status: 502 }) });
    const error = (await apiFetch('/api/cart').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.code).toBeUndefined();
    expect(error.title).toBe('The shop is unavailable right now');
  });

  it('announces a 401 as signed out', async () => {
    mockFetch({ 'GET /api/cart': () => problem(401, { title: 'Unauthorized', code: 'unauthorized' }) });
    const listener = vi.fn();
    const unsubscribe = onSignedOut(listener);
    try {
      await expect(apiFetch('/api/cart')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
      expect(listener).toHaveBeenCalledTimes(1);
    } finally {
      unsubscribe();
    }
  });

  it('does not announce 401 for a probe that opts out, nor other errors', async () => {
    mockFetch({
      'GET /bff/user': () => problem(401, { title: 'Unauthorized' }),
      'GET /api/orders/x': () => problem(403, { title: 'Forbidden', code: 'forbidden' }),
    });
    const listener = vi.fn();
    const unsubscribe = onSignedOut(listener);
    try {
      await expect(apiFetch('/bff/user', { announceSignedOut: false })).rejects.toMatchObject({ status: 401 });
      await expect(apiFetch('/api/orders/x')).rejects.toMatchObject({ status: 403 });
      expect(listener).not.toHaveBeenCalled();
    } finally {
      unsubscribe();
    }
  });

  it('turns a failed network call into an ApiError with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = (await apiFetch('/api/cart').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(NETWORK_ERROR_STATUS);
    expect(error.title).toBe('Network error');
  });

  it('returns undefined for 204 and exposes response headers such as ETag', async () => {
    mockFetch({
      'DELETE /api/sessions/s1': () => new Response(null, { status: 204 }),
      'GET /api/core/products/p1': () => json({ id: 'p1' }, 200, { ETag: '"7"' }),
    });
    await expect(apiFetch('/api/sessions/s1', { method: 'DELETE' })).resolves.toBeUndefined();
    const response = await apiRequest<{ id: string }>('/api/core/products/p1');
    expect(response.data.id).toBe('p1');
    expect(response.headers.get('ETag')).toBe('"7"');
  });
});
